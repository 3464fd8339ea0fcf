import { and, eq, isNull, sql } from 'drizzle-orm';
import { messages, users } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { randomToken, sha256 } from '../../../platform/crypto';
import { inWorkspace } from '../../../platform/db/scope';
import { escapeHtml, hasContent } from '../../../platform/html';
import { t, type Locale } from '../../../platform/i18n';
import { getSettings } from '../../settings';
import { attachmentUrl } from '../../tickets';
import type { TicketRow } from '../../tickets';
import { appendMessage, lockTicket } from '../../tickets';
import type { MessageRow } from '../../tickets';
import { openTicket } from '../../tickets';
import type { ParsedInbound } from '../inbound/parsed-inbound';
import { normalizeMessageId } from '../inbound/ticket-ref';
import { queueRefusedNotice } from '../outbound/send-notice.job';
import {
  linkMailFiles,
  MB,
  refusedLines,
  rewriteCidLinks,
  storeMailAttachments,
  type RefusedMailFile,
  type StoredMailFile,
} from './mail-attachments';

export type MailCustomer = { id: number; name: string; username: string; email: string | null; locale: string };

/**
 * The active customer a mail comes from: by e-mail, else by one of their alternate e-mails
 * (F2). Both lookups are indexed (`users_email_uq`, `users_alternate_emails_gin`).
 */
export async function customerByEmail(ctx: Ctx, email: string): Promise<MailCustomer | null> {
  if (!email) return null;
  const [u] = await ctx.db
    .select({ id: users.id, name: users.name, username: users.username, email: users.email, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, ctx.workspaceId),
        sql`(lower(${users.email}) = ${email} or ${users.alternateEmails} @> array[${email}]::text[])`,
        isNull(users.deletedAt),
        eq(users.role, 'customer'),
        eq(users.active, true),
      ),
    )
    // The primary address wins over an alternate one.
    .orderBy(sql`lower(${users.email}) = ${email} desc`, users.id)
    .limit(1);
  return u ?? null;
}

/** The mail's files, stored within the sender's upload limit (or all refused when attachments are off). */
export async function storeFilesOf(ctx: Ctx, parsed: ParsedInbound, asGuest: boolean) {
  const s = await getSettings(ctx);
  const maxMb = asGuest ? s.guestMaxUploadMb : s.memberMaxUploadMb;
  const files = s.attachmentsEnabled
    ? await storeMailAttachments(ctx, parsed.attachments, Math.floor(maxMb * MB))
    : {
        stored: [] as StoredMailFile[],
        refused: parsed.attachments.map((a): RefusedMailFile => ({ name: a.filename, size: a.size, reason: 'type' })),
      };
  return { ...files, maxMb };
}

export interface MailAuthor {
  customer: MailCustomer | null;
  /** Lower-cased sender address. */
  sender: string;
  parsed: ParsedInbound;
}

const authorKindOf = (a: MailAuthor) => (a.customer ? ('customer' as const) : ('guest' as const));
const authorNameOf = (a: MailAuthor) =>
  a.customer ? a.customer.name || a.customer.username : a.parsed.from.name || a.sender;
const bodyOf = (p: ParsedInbound) =>
  hasContent(p.replyHtml) ? p.replyHtml : hasContent(p.html) ? p.html : '<p dir="auto">—</p>';

/**
 * A mail's answer on an existing ticket: a reply by the requester, through the shared write path
 * (C9 status rules; a locked ticket refuses it with `errors.ticket_locked` before anything is written).
 */
export async function appendMailReply(
  tx: Ctx,
  ticketId: number,
  a: MailAuthor,
): Promise<{ row: TicketRow; message: MessageRow }> {
  const ticket = await lockTicket(tx, ticketId);
  return appendMessage(tx, ticket, {
    kind: 'reply',
    by: 'customer',
    via: 'email',
    authorKind: authorKindOf(a),
    authorName: authorNameOf(a),
    bodyHtml: bodyOf(a.parsed),
    direction: 'auto',
    emailMessageId: normalizeMessageId(a.parsed.messageId),
  });
}

/** A new ticket from a mail, for the customer or as a guest (F2, C19). */
export async function openMailTicket(
  tx: Ctx,
  a: MailAuthor,
  opts: { departmentId: number; assigneeIds?: number[]; createdById?: number | null; via: 'email' | 'import' },
): Promise<{ row: TicketRow; message: MessageRow }> {
  const now = tx.deps.clock.now();
  const { customer, sender, parsed } = a;
  const created = await openTicket(
    tx,
    {
      subject: (parsed.subject.trim() || t(tx.locale, 'mail.intake.no_subject')).slice(0, 250),
      departmentId: opts.departmentId,
      priority: 'medium',
      status: 'active',
      requesterId: customer?.id ?? null,
      createdById: opts.createdById ?? customer?.id ?? null,
      guestName: customer ? null : parsed.from.name || sender,
      guestEmail: customer ? null : sender,
      trackingHash: customer ? null : sha256(randomToken(18)),
      requesterEmail: customer?.email?.toLowerCase() ?? sender,
      cc: parsed.cc,
      assigneeIds: opts.assigneeIds ?? [],
      lastCustomerReplyAt: now,
    },
    {
      kind: 'reply',
      authorKind: authorKindOf(a),
      authorName: authorNameOf(a),
      bodyHtml: bodyOf(parsed),
      direction: 'auto',
      emailMessageId: normalizeMessageId(parsed.messageId),
    },
    { via: opts.via },
  );
  return { row: created.row, message: created.message };
}

/**
 * Links the stored files to the message, points inline images at them, and — for what was
 * not kept — adds an internal note and queues the answer to the sender (all in `tx`).
 */
export async function attachMailFiles(
  tx: Ctx,
  row: TicketRow,
  message: MessageRow,
  files: { stored: StoredMailFile[]; refused: RefusedMailFile[]; maxMb: number },
  answer: { to: string; locale: Locale | null; inReplyTo: string | null } | null,
) {
  const byCid = await linkMailFiles(tx, files.stored, row.id, message.id);
  if (message.bodyHtml.includes('cid:')) {
    await tx.db
      .update(messages)
      .set({ bodyHtml: rewriteCidLinks(message.bodyHtml, byCid, attachmentUrl) })
      .where(and(inWorkspace(messages, tx), eq(messages.id, message.id)));
  }
  if (!files.refused.length) return;
  await refusedNote(tx, row, files.refused, files.maxMb);
  if (answer)
    await queueRefusedNotice(tx, {
      ticketId: row.id,
      to: answer.to,
      locale: answer.locale,
      inReplyTo: answer.inReplyTo,
      refused: files.refused,
      maxMb: files.maxMb,
    });
}

/** An internal note naming each attachment that was not kept (the mail's own message is announced). */
async function refusedNote(ctx: Ctx, ticket: TicketRow, refused: RefusedMailFile[], maxMb: number) {
  const system: Ctx = { ...ctx, actor: null };
  const lines = refusedLines(ctx.locale, refused, maxMb);
  await appendMessage(system, ticket, {
    kind: 'note',
    by: 'system',
    announce: false,
    authorKind: 'system',
    authorName: '',
    bodyHtml: lines.map((l) => `<p dir="auto">${escapeHtml(l)}</p>`).join(''),
    direction: 'auto',
  });
}
