import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { messages, tickets, users } from '../../../../db/schema';
import { withTx, type Ctx } from '../../../platform/context';
import { randomToken, sha256 } from '../../../platform/crypto';
import { inWorkspace } from '../../../platform/db/scope';
import { escapeHtml, hasContent } from '../../../platform/html';
import { t } from '../../../platform/i18n';
import { getSettings } from '../../settings/settings.repo';
import { statusAfterMessage } from '../../tickets/add-message';
import { insertMessage } from '../../tickets/insert-message';
import { insertTicket } from '../../tickets/insert-ticket';
import { TICKET_COLUMNS, type TicketRow } from '../../tickets/ticket-access';
import { announce, logTicketEvent } from '../../tickets/ticket-events';
import type { MailboxRow } from '../mailboxes.repo';
import { isAutomated } from '../inbound/loop-guard';
import type { ParsedInbound } from '../inbound/parsed-inbound';
import { normalizeMessageId, threadIds, ticketNumberFromSubject } from '../inbound/ticket-ref';
import { recordFetched, type FetchOutcome } from './fetched.repo';
import { dropStored, linkMailFiles, MB, storeMailAttachments, type RefusedMailFile } from './mail-attachments';
import { customerActor } from './system-ctx';

type Customer = { id: number; name: string; username: string; email: string | null };
export interface MailResult {
  outcome: Exclude<FetchOutcome, 'quarantined'>;
  ticketNumber: number | null;
}

/**
 * F2: one parsed mail into the helpdesk. Automated mail is only recorded (no ticket, no
 * answer: no loops). A reply joins its ticket by In-Reply-To/References, else by the number in
 * the subject when the sender is on that ticket; anything else opens a ticket in the mailbox's
 * department, for the customer with that e-mail or for a guest. The fetch record is written in
 * the same transaction, so a message is imported exactly once.
 */
export async function mailToTicket(ctx: Ctx, mailbox: MailboxRow, parsed: ParsedInbound, sourceKey: string): Promise<MailResult> {
  const messageId = normalizeMessageId(parsed.messageId);
  const record = (c: Ctx, r: MailResult, error?: string) => recordFetched(c, { mailboxId: mailbox.id, sourceKey, messageId, outcome: r.outcome, ticketNumber: r.ticketNumber, error });
  const ignored = async (why: string) => {
    const r: MailResult = { outcome: 'ignored', ticketNumber: null };
    await record(ctx, r, why);
    return r;
  };

  const auto = isAutomated(parsed);
  if (auto.automated) return ignored(`automated: ${auto.reason}`);
  const sender = parsed.from.address.trim().toLowerCase();
  const customer = await customerByEmail(ctx, sender);
  const ticket = (await ticketByThread(ctx, parsed)) ?? (await ticketBySubject(ctx, parsed.subject, sender, customer));
  if (!ticket && mailbox.departmentId === null) return ignored('the system mailbox opens no tickets');

  const s = await getSettings(ctx);
  const asGuest = !customer;
  const maxMb = asGuest ? s.guestMaxUploadMb : s.memberMaxUploadMb;
  const files = s.attachmentsEnabled
    ? await storeMailAttachments(ctx, parsed.attachments, Math.floor(maxMb * MB))
    : { stored: [], refused: parsed.attachments.map((a) => ({ name: a.filename, size: a.size, reason: 'type' as const })) };
  const actorCtx: Ctx = customer ? { ...ctx, actor: customerActor(customer) } : ctx;
  const bodyHtml = hasContent(parsed.replyHtml) ? parsed.replyHtml : hasContent(parsed.html) ? parsed.html : '<p dir="auto">—</p>';
  const authorName = customer ? customer.name || customer.username : parsed.from.name || sender;

  try {
    return await withTx(actorCtx, async (tx) => {
      let row: TicketRow;
      let messageIdDb: number;
      let result: MailResult;
      if (ticket) {
        const [locked] = (await tx.db.select(TICKET_COLUMNS).from(tickets).where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id))).for('update')) as TicketRow[];
        const now = tx.deps.clock.now();
        const changes = locked.status === 'locked' ? {} : statusAfterMessage(locked, 'customer', undefined, now);
        const changed = 'status' in changes && changes.status !== locked.status;
        const m = await insertMessage(tx, locked, {
          kind: 'reply',
          authorKind: customer ? 'customer' : 'guest',
          authorName,
          bodyHtml,
          direction: 'auto',
          emailMessageId: messageId,
          ticketChanges: { ...changes, ...(changed ? { statusChangedAt: now } : {}) },
        });
        await logTicketEvent(tx, locked.id, 'replied', { messageId: String(m.id), via: 'email' });
        if (changed) await logTicketEvent(tx, locked.id, locked.status === 'closed' ? 'reopened' : 'status_changed', { from: locked.status, to: (changes as { status: string }).status });
        await announce(tx, locked, 'message.created', { kind: 'reply', messageId: m.id });
        row = locked;
        messageIdDb = m.id;
        result = { outcome: 'reply', ticketNumber: locked.number };
      } else {
        const now = tx.deps.clock.now();
        const created = await insertTicket(
          tx,
          {
            subject: (parsed.subject.trim() || t(ctx.locale, 'mail.intake.no_subject')).slice(0, 250),
            departmentId: mailbox.departmentId!,
            priority: 'medium',
            status: 'active',
            requesterId: customer?.id ?? null,
            createdById: customer?.id ?? null,
            guestName: customer ? null : parsed.from.name || sender,
            guestEmail: customer ? null : sender,
            trackingHash: customer ? null : sha256(randomToken(18)),
            requesterEmail: customer?.email?.toLowerCase() ?? sender,
            lastCustomerReplyAt: now,
          },
          { kind: 'reply', authorKind: customer ? 'customer' : 'guest', authorName, bodyHtml, direction: 'auto', emailMessageId: messageId },
        );
        row = created.row;
        messageIdDb = created.message.id;
        result = { outcome: 'ticket', ticketNumber: created.row.number };
      }
      await linkMailFiles(tx, files.stored, row.id, messageIdDb);
      if (files.refused.length) await refusedNote(tx, row, files.refused, maxMb);
      await record(tx, result);
      return result;
    });
  } catch (e) {
    await dropStored(ctx, files.stored);
    throw e;
  }
}

/** An internal note naming each attachment that was not kept (the answer to the sender comes with outbound mail). */
async function refusedNote(ctx: Ctx, ticket: TicketRow, refused: RefusedMailFile[], maxMb: number) {
  const system: Ctx = { ...ctx, actor: null };
  const lines = refused.map((f) =>
    f.reason === 'too_large'
      ? t(ctx.locale, 'mail.intake.attachment_too_large', { name: f.name, size: (f.size / MB).toFixed(1), max: maxMb })
      : t(ctx.locale, 'mail.intake.attachment_refused_type', { name: f.name }),
  );
  await insertMessage(system, ticket, {
    kind: 'note',
    authorKind: 'system',
    authorName: '',
    bodyHtml: lines.map((l) => `<p dir="auto">${escapeHtml(l)}</p>`).join(''),
    direction: 'auto',
  });
}

async function customerByEmail(ctx: Ctx, email: string): Promise<Customer | null> {
  if (!email) return null;
  const [u] = await ctx.db
    .select({ id: users.id, name: users.name, username: users.username, email: users.email })
    .from(users)
    .where(and(eq(users.workspaceId, ctx.workspaceId), sql`lower(${users.email}) = ${email}`, isNull(users.deletedAt), eq(users.role, 'customer'), eq(users.active, true)))
    .limit(1);
  return u ?? null;
}

/** The ticket holding a message this mail answers (In-Reply-To, then References). */
async function ticketByThread(ctx: Ctx, parsed: ParsedInbound): Promise<TicketRow | null> {
  const ids = threadIds(parsed);
  if (!ids.length) return null;
  const rows = await ctx.db
    .select({ ticketId: messages.ticketId, mid: messages.emailMessageId })
    .from(messages)
    .where(and(eq(messages.workspaceId, ctx.workspaceId), inArray(messages.emailMessageId, ids)));
  if (!rows.length) return null;
  // The most specific reference wins.
  const hit = ids.map((id) => rows.find((r) => r.mid === id)).find(Boolean)!;
  return ticketWhere(ctx, eq(tickets.id, hit.ticketId));
}

/** `[#N]` in the subject counts only when the sender is the ticket's requester (or its guest). */
async function ticketBySubject(ctx: Ctx, subject: string, sender: string, customer: Customer | null): Promise<TicketRow | null> {
  const n = ticketNumberFromSubject(subject);
  if (n === null) return null;
  const ticket = await ticketWhere(ctx, eq(tickets.number, n));
  if (!ticket) return null;
  const mine = (customer && ticket.requesterId === customer.id) || ticket.guestEmail?.toLowerCase() === sender || (!ticket.requesterId && ticket.requesterEmail === sender);
  return mine ? ticket : null;
}

async function ticketWhere(ctx: Ctx, cond: ReturnType<typeof eq>): Promise<TicketRow | null> {
  const [r] = (await ctx.db.select(TICKET_COLUMNS).from(tickets).where(inWorkspace(tickets, ctx, cond, isNull(tickets.deletedAt)))) as TicketRow[];
  return r ?? null;
}
