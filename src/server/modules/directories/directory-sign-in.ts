import type { Client } from 'ldapts';
import type { Ctx } from '../../platform/context';
import type { UserRow } from '../people';
import { connectionOf, listDirectoryRows, searchOf, type DirectoryRow } from './directories.repo';
import { bindsAs, DirectoryFailure, openDirectory } from './ldap-connect';
import { findPersonByLogin, mappedGroupsOf } from './ldap-people';
import { placementOf } from './placement';
import { takeIn } from './take-in';

/**
 * Signs a person in with the directories (A5): the account's own directory for someone who
 * already has one, otherwise the active directories in order — the first whose user filter
 * finds exactly one entry for the login decides. The service account searches, the person's
 * DN binds with the password given (nothing of it is kept), then the account is created or
 * updated from the entry and its groups. Returns the account (possibly inactive: a disabled
 * entry), null for a refusal of any kind — wrong password, ambiguous login, no role, directory
 * down: the caller answers all of them alike — or `no_directory` when no directory was asked.
 */
export async function signInWithDirectory(
  ctx: Ctx,
  { login, password, user }: { login: string; password: string; user: UserRow | null },
): Promise<UserRow | null | 'no_directory'> {
  const all = await listDirectoryRows(ctx, { activeOnly: true });
  const candidates = user?.directoryId ? all.filter((d) => d.id === user.directoryId) : all;
  if (!candidates.length) return user ? null : 'no_directory';
  for (const dir of candidates) {
    const outcome = await tryDirectory(ctx, dir, login, password).catch((e: unknown) => {
      // The admin page's test names the stage; the person only learns the sign-in failed.
      ctx.deps.log.warn(
        { directoryId: dir.id, stage: e instanceof DirectoryFailure ? e.stage : undefined, err: (e as Error).message },
        'directory sign-in failed',
      );
      return 'unavailable' as const;
    });
    if (outcome === 'not_found' || outcome === 'unavailable') continue;
    return outcome;
  }
  return null;
}

async function tryDirectory(
  ctx: Ctx,
  dir: DirectoryRow,
  login: string,
  password: string,
): Promise<UserRow | null | 'not_found'> {
  const client: Client = await openDirectory(connectionOf(ctx, dir), {
    allowPrivate: ctx.deps.config.allowPrivateNetworkTargets,
  });
  try {
    const search = searchOf(dir);
    // AD people often type DOMAIN\user, as at their Windows sign-in: the domain is the directory's.
    const name = dir.activeDirectory ? login.replace(/^[^\\@\s]+\\/, '') : login;
    const person = await findPersonByLogin(client, search, name);
    if (person === 'none') return 'not_found';
    if (person === 'ambiguous') {
      ctx.deps.log.warn({ directoryId: dir.id }, 'directory sign-in refused: the login matches several entries');
      return null;
    }
    if (!(await bindsAs(client, person.dn, password))) return null;
    // Back to the service account: group membership is read with its rights, not the person's.
    if (dir.groupMappings.length && dir.bindDn) await client.bind(dir.bindDn, connectionOf(ctx, dir).bindPassword);
    const groups = dir.groupMappings.length
      ? await mappedGroupsOf(
          client,
          person,
          dir.groupMappings.map((m) => m.groupDn),
          dir.activeDirectory && dir.nestedGroups,
        )
      : new Set<string>();
    const placement = placementOf(dir.groupMappings, groups, dir.defaultRole);
    const { user } = await takeIn(ctx, dir, person, placement);
    // No account (no role), or one a disabled entry just deactivated: the caller refuses.
    if (!user) return null;
    return user;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
