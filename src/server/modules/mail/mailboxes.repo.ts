import { and, count, eq, isNull, ne, type SQL } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema';
import type { TListMailboxesQuery, TMailbox } from '../../../contracts/mail';
import type { Ctx } from '../../platform/context';
import { createSealer } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { iso, offsetOf } from '../../platform/pagination';
import { defaultPort } from './connection-test';

export type MailboxRow = typeof mailboxes.$inferSelect;

/** Mailbox passwords: sealed with a key derived from SECRET_KEY for this purpose only. */
export const mailboxSealer = (ctx: Pick<Ctx, 'deps'>) => createSealer(ctx.deps.config.secretKey, 'mailbox-password');

/** The API view: a whitelist, passwords only as `hasPassword`. */
export const toMailbox = (r: MailboxRow): TMailbox => ({
  id: String(r.id),
  departmentId: r.departmentId === null ? null : String(r.departmentId),
  address: r.address,
  displayName: r.displayName,
  active: r.active,
  inbound: {
    protocol: r.inboundProtocol,
    host: r.inboundHost,
    port:
      r.inboundProtocol === 'none' ? r.inboundPort : (r.inboundPort ?? defaultPort(r.inboundProtocol, r.inboundTls)),
    tls: r.inboundTls,
    username: r.inboundUsername,
    hasPassword: r.inboundPasswordSealed !== null,
    folder: r.imapFolder,
    afterFetch: r.afterFetch,
    moveToFolder: r.moveToFolder,
  },
  outbound: {
    host: r.smtpHost,
    port: r.smtpPort ?? defaultPort('smtp', r.smtpTls),
    tls: r.smtpTls,
    auth: r.smtpAuth,
    username: r.smtpUsername,
    hasPassword: r.smtpPasswordSealed !== null,
  },
  fetchIntervalMinutes: r.fetchIntervalMinutes,
  status: {
    lastFetchAt: iso(r.lastFetchAt),
    lastError: r.lastError,
    consecutiveFailures: r.consecutiveFailures,
    nextFetchAt: iso(r.nextFetchAt),
  },
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

export async function findMailbox(ctx: Ctx, id: number): Promise<MailboxRow | null> {
  const [r] = await ctx.db
    .select()
    .from(mailboxes)
    .where(inWorkspace(mailboxes, ctx, eq(mailboxes.id, id)));
  return r ?? null;
}

/** The mailbox already serving a department (or the system account when null), other than `exceptId`. */
export async function mailboxOfDepartment(ctx: Ctx, departmentId: number | null, exceptId?: number) {
  const [r] = await ctx.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(
      inWorkspace(
        mailboxes,
        ctx,
        departmentId === null ? isNull(mailboxes.departmentId) : eq(mailboxes.departmentId, departmentId),
        exceptId ? ne(mailboxes.id, exceptId) : undefined,
      ),
    );
  return r ?? null;
}

export async function listMailboxRows(ctx: Ctx, q: TListMailboxesQuery) {
  const conds: (SQL | undefined)[] = [];
  if (q.departmentId !== undefined) conds.push(eq(mailboxes.departmentId, q.departmentId));
  const where = inWorkspace(mailboxes, ctx, and(...conds));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db.select().from(mailboxes).where(where).orderBy(mailboxes.id).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ total: count() }).from(mailboxes).where(where),
  ]);
  return { rows, total: Number(total) };
}
