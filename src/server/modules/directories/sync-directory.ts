import { eq, isNull } from 'drizzle-orm';
import { directories, users } from '../../../db/schema';
import type { DirectorySyncReport } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { forgetActors } from '../../platform/auth/actor-cache';
import { audit } from '../audit';
import { endSessionsAndTokens } from '../people';
import { inWorkspace } from '../../platform/db/scope';
import { connectionOf, searchOf, type DirectoryRow } from './directories.repo';
import { openDirectory } from './ldap-connect';
import { normalizeDn } from './ldap-filter';
import { everyone, membersOfMappedGroups, type DirectoryPerson } from './ldap-people';
import { placementOf } from './placement';
import { accountsOfPage, alreadyTakenIn } from './sync-page';
import { takeIn, type TakeInChange } from './take-in';

const SAMPLES = 20;

/** A sync that found nobody while people sign in with the directory: a filter or base DN gone wrong, not everyone leaving. */
export class EmptyDirectory extends Error {}

/**
 * One sync of a directory (A5): everyone the user filter finds is created or updated with the
 * role their groups give; accounts of this directory whose entry is gone, disabled or left
 * without a role are deactivated — never deleted — and come back when their entry does. A
 * preview (`dryRun`) reads the same and writes nothing. Group membership is read once per
 * mapped group, and the accounts once per page of 500, not per person: only the people who
 * changed go through `takeIn`. A search that finds nobody while the directory has people
 * deactivates no one (EmptyDirectory).
 */
export async function syncDirectory(
  ctx: Ctx,
  dir: DirectoryRow,
  opts: { dryRun: boolean },
): Promise<DirectorySyncReport> {
  const started = performance.now();
  const report: DirectorySyncReport = {
    created: 0,
    updated: 0,
    deactivated: 0,
    unchanged: 0,
    skipped: 0,
    seen: 0,
    durationMs: 0,
    samples: [],
  };
  const note = (username: string, change: TakeInChange) => {
    if (change === 'limit_reached') report.limitReached = (report.limitReached ?? 0) + 1;
    else if (change === 'unchanged' || change === 'skipped') report[change]++;
    else {
      report[change]++;
      if (report.samples.length < SAMPLES) report.samples.push({ username, change });
    }
  };
  const client = await openDirectory(connectionOf(ctx, dir), {
    allowPrivate: ctx.deps.config.allowPrivateNetworkTargets,
  });
  const seen = new Set<string>();
  try {
    const search = searchOf(dir);
    const groupDns = dir.groupMappings.map((m) => m.groupDn);
    const members = groupDns.length
      ? await membersOfMappedGroups(client, search, groupDns, dir.activeDirectory && dir.nestedGroups)
      : new Map<string, Set<string>>();
    const groupsOf = (p: DirectoryPerson) => {
      const set = new Set(members.get(normalizeDn(p.dn)) ?? []);
      for (const g of members.get(`uid:${p.username.toLowerCase()}`) ?? []) set.add(g);
      return set;
    };
    for await (const page of everyone(client, search)) {
      const accounts = await accountsOfPage(
        ctx,
        dir.id,
        page.map((p) => p.uid),
      );
      for (const person of page) {
        report.seen++;
        seen.add(person.uid);
        const placement = placementOf(dir.groupMappings, groupsOf(person), dir.defaultRole);
        const account = accounts.byUid.get(person.uid);
        if (account && alreadyTakenIn(account, accounts.departments.get(account.id) ?? [], person, placement))
          note(person.username, 'unchanged');
        else
          note(person.username, (await takeIn(ctx, dir, person, placement, { ...opts, skipOverLimit: true })).change);
      }
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
  const gone = await ctx.db
    .select({ id: users.id, username: users.username, uid: users.directoryUid })
    .from(users)
    .where(inWorkspace(users, ctx, isNull(users.deletedAt), eq(users.directoryId, dir.id), eq(users.active, true)));
  const leaving = gone.filter((u) => !seen.has(u.uid ?? ''));
  if (report.seen === 0 && leaving.length) throw new EmptyDirectory('the directory search found nobody');
  for (const u of leaving) {
    if (!opts.dryRun) await deactivateGone(ctx, dir.id, u.id);
    note(u.username, 'deactivated');
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

async function deactivateGone(ctx: Ctx, directoryId: number, userId: number) {
  await withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ active: false, directoryDisabled: true, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, userId)));
    await endSessionsAndTokens(tx, userId);
    await audit(tx, 'user.deactivated', 'user', userId, { directoryId, reason: 'gone' });
  });
  forgetActors(ctx.deps, userId);
}

/** Keeps a sync's outcome on the directory for the admin page, and when the next one is due. */
export async function recordSync(
  ctx: Ctx,
  dir: DirectoryRow,
  outcome: { report: DirectorySyncReport } | { error: string },
) {
  const now = ctx.deps.clock.now();
  await ctx.db
    .update(directories)
    .set({
      ...('report' in outcome
        ? { lastSyncAt: now, lastSyncReport: outcome.report, lastSyncError: null }
        : { lastSyncError: outcome.error.slice(0, 500) }),
      nextSyncAt: dir.syncIntervalMinutes > 0 ? new Date(now.getTime() + dir.syncIntervalMinutes * 60_000) : null,
    })
    .where(inWorkspace(directories, ctx, eq(directories.id, dir.id)));
}
