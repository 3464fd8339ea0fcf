import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { mailFetched } from '../../../../db/schema';
import type { TQuarantinedMail, TRetryResult } from '../../../../contracts/mail';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { AppError, NotFound } from '../../../platform/errors';
import { requirePermission } from '../../../platform/http/access';
import { iso, offsetOf } from '../../../platform/pagination';
import { audit } from '../../audit';
import { findMailbox } from '../mailboxes.repo';
import { importMessage } from './import-message';
import { systemCtx } from './system-ctx';
import { getOr } from '../../../platform/storage';

type Row = typeof mailFetched.$inferSelect;
const toQuarantined = (r: Row): TQuarantinedMail => ({
  id: String(r.id),
  mailboxId: String(r.mailboxId),
  sourceKey: r.sourceKey,
  messageId: r.messageId,
  reason: r.reason === 'locked' ? 'locked' : 'error',
  ticketNumber: r.ticketNumber,
  error: r.error,
  hasRaw: r.rawStorageKey !== null,
  createdAt: iso(r.createdAt)!,
});

const quarantined = (ctx: Ctx, mailboxId: number) =>
  inWorkspace(mailFetched, ctx, eq(mailFetched.mailboxId, mailboxId), eq(mailFetched.outcome, 'quarantined'));

/** The mails of a mailbox that could not be imported, newest first (mail_fetched_quarantine_idx). */
export async function listQuarantine({
  ctx,
  mailboxId,
  page,
}: {
  ctx: Ctx;
  mailboxId: number;
  page: { page: number; pageSize: number };
}) {
  requirePermission(ctx, 'mailboxes.manage');
  if (!(await findMailbox(ctx, mailboxId))) throw NotFound();
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(mailFetched)
      .where(quarantined(ctx, mailboxId))
      .orderBy(desc(mailFetched.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    ctx.db.select({ total: count() }).from(mailFetched).where(quarantined(ctx, mailboxId)),
  ]);
  return { items: rows.map(toQuarantined), total: Number(total), page: page.page, pageSize: page.pageSize };
}

async function entry(ctx: Ctx, mailboxId: number, entryId: number): Promise<Row> {
  const [r] = await ctx.db
    .select()
    .from(mailFetched)
    .where(and(quarantined(ctx, mailboxId), eq(mailFetched.id, entryId)));
  if (!r) throw NotFound();
  return r;
}

/** The original message as it came from the server, for a look in a mail program. */
export async function downloadQuarantined({
  ctx,
  mailboxId,
  entryId,
  reply,
}: {
  ctx: Ctx;
  mailboxId: number;
  entryId: number;
  reply: FastifyReply;
}) {
  requirePermission(ctx, 'mailboxes.manage');
  const r = await entry(ctx, mailboxId, entryId);
  if (!r.rawStorageKey) throw NotFound();
  const stream = await getOr(ctx.deps.storage, r.rawStorageKey, () => NotFound());
  return reply
    .header('content-type', 'message/rfc822')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="quarantined-${r.id}.eml"`)
    .header('cache-control', 'private, no-cache')
    .send(stream);
}

/**
 * Imports a quarantined message again (after a fix, or a setting changed): its record takes the
 * new outcome, and its raw copy is dropped once it is imported. A message that fails again
 * stays in the quarantine with the new error.
 */
export async function retryQuarantined({
  ctx,
  mailboxId,
  entryId,
}: {
  ctx: Ctx;
  mailboxId: number;
  entryId: number;
}): Promise<TRetryResult> {
  requirePermission(ctx, 'mailboxes.manage');
  const r = await entry(ctx, mailboxId, entryId);
  const mailbox = await findMailbox(ctx, mailboxId);
  if (!mailbox) throw NotFound();
  if (!r.rawStorageKey) throw new AppError('conflict', { key: 'errors.quarantine_raw_missing' });
  const chunks: Buffer[] = [];
  try {
    for await (const c of await ctx.deps.storage.get(r.rawStorageKey)) chunks.push(c as Buffer);
  } catch {
    throw new AppError('conflict', { key: 'errors.quarantine_raw_missing' });
  }
  const sys = systemCtx(ctx.deps, ctx.workspaceId, `retry:${ctx.requestId}`);
  const outcome = await importMessage(sys, mailbox, r.sourceKey, Buffer.concat(chunks));
  const [after] = await ctx.db
    .select()
    .from(mailFetched)
    .where(inWorkspace(mailFetched, ctx, eq(mailFetched.id, r.id)));
  if (after.rawStorageKey && after.rawStorageKey !== r.rawStorageKey)
    await ctx.deps.storage.delete(r.rawStorageKey).catch(() => undefined);
  if (after.outcome !== 'quarantined' && after.rawStorageKey) {
    await ctx.db
      .update(mailFetched)
      .set({ rawStorageKey: null })
      .where(inWorkspace(mailFetched, ctx, eq(mailFetched.id, r.id)));
    await ctx.deps.storage.delete(after.rawStorageKey).catch(() => undefined);
  }
  await audit(ctx, 'mail.quarantine_retry', 'mail_fetched', r.id, { outcome, ticketNumber: after.ticketNumber });
  return { outcome, ticketNumber: after.ticketNumber };
}
