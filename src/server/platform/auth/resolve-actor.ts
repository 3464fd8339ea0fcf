import { sql } from 'drizzle-orm';
import type { Permission, Role } from '../../../contracts/permissions';
import { PERMISSIONS } from '../../../contracts/permissions';
import type { Actor } from '../context';
import type { Db } from '../db/database';
import { sha256 } from '../crypto';
import { preparedStatement } from '../db/prepared';
import type { Locale } from '../i18n';

export const SESSION_COOKIE = 'pk_session';
export const TOKEN_PREFIX = 'pk_';
/** Sessions slide: each use within this period extends them (the idle expiry). */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** However active, a session ends this long after its sign-in (the absolute lifetime). */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** When a session touched at `seen` expires: idle expiry, capped by the absolute lifetime. */
export const sessionExpiry = (createdAt: Date, seen: Date) =>
  new Date(Math.min(seen.getTime() + SESSION_TTL_MS, createdAt.getTime() + SESSION_MAX_AGE_MS));
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 10 * 60 * 1000;

export interface Resolved {
  actor: Actor;
  workspaceId: number;
  csrfToken?: string;
  /** The session's or token's end: a cached answer is not reused past it. */
  expiresAt?: Date | null;
}

interface Row {
  id: number;
  workspace_id: number;
  role: Role;
  name: string;
  username: string;
  ticket_access: boolean;
  locale: string;
  permissions: string[] | null;
  department_ids: number[] | null;
  csrf_token?: string;
  session_id?: string;
  last_seen_at?: Date;
  created_at?: Date;
  expires_at?: Date | null;
  scopes?: string[] | null;
  two_factor?: boolean;
}

// One query: the user, its access level's permissions and its departments.
const USER_COLUMNS_TEXT = `u.id, u.workspace_id, u.role, u.name, u.username, u.ticket_access, u.locale,
  u.totp_enabled_at is not null as two_factor, al.permissions,
  array(select da.department_id::int from department_agents da where da.user_id = u.id order by 1) as department_ids`;

/** Every request with an API token runs this, prepared as the session's. */
const tokenQuery = preparedStatement<Row & { token_id: number; last_used_at: Date | null }>(
  'actor_from_token',
  `select ${USER_COLUMNS_TEXT}, t.id as token_id, t.last_used_at, t.scopes, t.expires_at
    from api_tokens t join users u on u.id = t.user_id and u.workspace_id = t.workspace_id
    left join access_levels al on al.id = u.access_level_id and al.workspace_id = u.workspace_id
    where t.token_hash = $1 and (t.expires_at is null or t.expires_at > $2) and u.deleted_at is null and u.active`,
);

/** Every request with a cookie runs this: prepared, planned once per connection. */
const sessionQuery = preparedStatement<Row>(
  'actor_from_session',
  `select ${USER_COLUMNS_TEXT}, s.csrf_token, s.id as session_id, s.last_seen_at, s.created_at, s.expires_at
    from sessions s join users u on u.id = s.user_id and u.workspace_id = s.workspace_id
    left join access_levels al on al.id = u.access_level_id and al.workspace_id = u.workspace_id
    where s.id = $1 and s.expires_at > $2 and s.created_at > $3
      and u.deleted_at is null and u.active`,
);

function toActor(row: Row, via: Actor['via']): Actor {
  const perms = new Set<Permission>();
  if (row.role === 'admin') PERMISSIONS.forEach((p) => perms.add(p));
  else if (row.role === 'agent')
    for (const p of row.permissions ?? [])
      if ((PERMISSIONS as readonly string[]).includes(p)) perms.add(p as Permission);
  return {
    id: Number(row.id),
    role: row.role,
    name: row.name,
    username: row.username,
    permissions: perms,
    departmentIds: (row.department_ids ?? []).map(Number),
    ticketAccess: row.ticket_access,
    locale: (row.locale === 'en' ? 'en' : 'fa') as Locale,
    via,
    sessionId: row.session_id,
    twoFactor: row.two_factor === true,
    ...(via === 'token'
      ? { scopes: row.scopes ?? ['api'], expiresAt: row.expires_at ? new Date(row.expires_at) : null }
      : {}),
  };
}

/** Finds the session behind a cookie value; extends it when due. Null when unknown or expired. */
export async function actorFromSession(db: Db, cookie: string, now: Date): Promise<Resolved | null> {
  const id = sha256(cookie);
  const r = await sessionQuery(db, [id, now, new Date(now.getTime() - SESSION_MAX_AGE_MS)]);
  const row = r[0];
  if (!row) return null;
  const created = new Date(row.created_at!);
  let expiresAt = new Date(Math.min(new Date(row.expires_at!).getTime(), created.getTime() + SESSION_MAX_AGE_MS));
  if (now.getTime() - new Date(row.last_seen_at!).getTime() > TOUCH_EVERY_MS) {
    expiresAt = sessionExpiry(created, now);
    await db.execute(sql`update sessions set last_seen_at = ${now}, expires_at = ${expiresAt} where id = ${id}`);
  }
  return {
    actor: toActor(row, 'session'),
    workspaceId: Number(row.workspace_id),
    csrfToken: row.csrf_token,
    expiresAt,
  };
}

/** Finds the user behind `Authorization: Bearer pk_…`. */
export async function actorFromToken(db: Db, token: string, now: Date): Promise<Resolved | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = sha256(token);
  const r = await tokenQuery(db, [hash, now]);
  const row = r[0];
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await db.execute(sql`update api_tokens set last_used_at = ${now} where id = ${row.token_id}`);
  }
  const actor = toActor(row, 'token');
  return { actor, workspaceId: Number(row.workspace_id), expiresAt: actor.expiresAt };
}
