import type { TDirectoryTestResult } from '../../../contracts/directories';
import type { Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { NotFound } from '../../platform/errors';
import { connectionOf, findDirectory, requireAdmin, searchOf } from './directories.repo';
import { DirectoryFailure, failureMessage, openDirectory } from './ldap-connect';
import { everyone, mappedGroupsOf } from './ldap-people';
import { placementOf } from './placement';

const SAMPLE_SIZE = 10;

/**
 * `POST /directories/:id/test`: connects as sign-in does and reports the first stage that
 * failed — name lookup, connection, TLS, the service account's bind, the search — in the
 * admin's language with the server's own words, or a few people the filter finds and the role
 * each would get. Changes nothing.
 */
export async function testDirectory({ ctx, id }: { ctx: Ctx; id: number }): Promise<TDirectoryTestResult> {
  requireAdmin(ctx);
  const dir = await findDirectory(ctx, id);
  if (!dir) throw NotFound();
  const started = performance.now();
  const done = (r: Omit<TDirectoryTestResult, 'durationMs'>): TDirectoryTestResult => ({
    ...r,
    durationMs: Math.round(performance.now() - started),
  });
  let client;
  try {
    client = await openDirectory(connectionOf(ctx, dir), { allowPrivate: ctx.deps.config.allowPrivateNetworkTargets });
  } catch (e) {
    return done(failed(ctx, e));
  }
  try {
    const search = searchOf(dir);
    const people = [];
    for await (const page of everyone(client, search, SAMPLE_SIZE)) {
      people.push(...page);
      if (people.length >= SAMPLE_SIZE) break;
    }
    const groupDns = dir.groupMappings.map((m) => m.groupDn);
    const sampleUsers = [];
    for (const p of people.slice(0, SAMPLE_SIZE)) {
      const groups = groupDns.length
        ? await mappedGroupsOf(client, p, groupDns, dir.activeDirectory && dir.nestedGroups)
        : new Set<string>();
      const placement = placementOf(dir.groupMappings, groups, dir.defaultRole);
      sampleUsers.push({
        dn: p.dn,
        username: p.username,
        name: p.name,
        email: p.email,
        mobile: p.mobile,
        role: placement?.role ?? null,
        disabled: p.disabled,
      });
    }
    return done({
      ok: true,
      stage: 'done',
      message: t(ctx.locale, 'directories.test.ok', { count: sampleUsers.length }),
      sampleUsers,
    });
  } catch (e) {
    return done(failed(ctx, e, 'search'));
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function failed(ctx: Ctx, e: unknown, fallback: DirectoryFailure['stage'] = 'connect') {
  const failure =
    e instanceof DirectoryFailure ? e : new DirectoryFailure(fallback, e instanceof Error ? e.message : String(e));
  return { ok: false, stage: failure.stage, message: failureMessage(ctx.locale, failure), sampleUsers: [] };
}
