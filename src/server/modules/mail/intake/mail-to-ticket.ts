import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { mailboxes, messages, tickets } from '../../../../db/schema';
import { withTx, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { AppError } from '../../../platform/errors';
import type { Locale } from '../../../platform/i18n';
import { getSettings } from '../../settings';
import type { TicketRow } from '../../tickets';
import { followMerged, TICKET_COLUMNS } from '../../tickets';
import type { MailboxRow } from '../mailboxes.repo';
import { isAutomated } from '../inbound/loop-guard';
import type { ParsedInbound } from '../inbound/parsed-inbound';
import { normalizeMessageId, threadIds, ticketNumberFromSubject } from '../inbound/ticket-ref';
import { recordFetched, type FetchOutcome } from './fetched.repo';
import { dropStored } from './mail-attachments';
import {
  appendMailReply,
  attachMailFiles,
  customerByEmail,
  openMailTicket,
  storeFilesOf,
  type MailCustomer,
} from './mail-writer';
import { customerActor } from './system-ctx';
import type { IntakeSession } from './import-message';

/**
 * C4: the mail answers a locked ticket. Nothing is appended; intake keeps the mail in the
 * quarantine (reason `locked`, retried once the ticket is unlocked) and answers the sender once.
 */
export class LockedTicketMail extends Error {
  constructor(
    readonly ticket: { id: number; number: number },
    readonly answer: { to: string; locale: Locale | null; inReplyTo: string | null },
  ) {
    super(`ticket #${ticket.number} is locked`);
    this.name = 'LockedTicketMail';
  }
}

export interface MailResult {
  outcome: Exclude<FetchOutcome, 'quarantined'>;
  ticketNumber: number | null;
}

/**
 * F2: one parsed mail into the helpdesk. Automated mail is only recorded (no ticket, no
 * answer: no loops). A reply joins its ticket by In-Reply-To/References, else by the number in
 * the subject when the sender is on that ticket; anything else opens a ticket in the mailbox's
 * department, for the customer with that e-mail (or alternate e-mail) or for a guest. The fetch
 * record is written in the same transaction, so a message is imported exactly once.
 */
export async function mailToTicket(
  ctx: Ctx,
  mailbox: MailboxRow,
  parsed: ParsedInbound,
  sourceKey: string,
  session?: IntakeSession,
): Promise<MailResult> {
  const messageId = normalizeMessageId(parsed.messageId);
  const record = (c: Ctx, r: MailResult, error?: string) =>
    recordFetched(
      c,
      { mailboxId: mailbox.id, sourceKey, messageId, outcome: r.outcome, ticketNumber: r.ticketNumber, error },
      session?.pending,
    );
  const ignored = async (why: string) => {
    const r: MailResult = { outcome: 'ignored', ticketNumber: null };
    await record(ctx, r, why);
    return r;
  };

  const auto = isAutomated(parsed);
  if (auto.automated) return ignored(`automated: ${auto.reason}`);
  const sender = parsed.from.address.trim().toLowerCase();
  // Our own address writing to us is a loop (a forward rule, a misconfigured alias).
  if (sender === mailbox.address.toLowerCase()) return ignored('sent by this mailbox itself');
  if (!(await getSettings(ctx)).importUnknownAddresses && !(await addressedToUs(ctx, mailbox, parsed)))
    return ignored('not addressed to a mailbox of the workspace');
  const customer = await senderCustomer(ctx, sender, session);
  const found = (await ticketByThread(ctx, parsed)) ?? (await ticketBySubject(ctx, parsed.subject, sender, customer));
  // K9: a ticket merged into another takes its mail there (through chains of merges).
  const ticket = found && (await followMerged(ctx, found));
  if (!ticket && mailbox.departmentId === null) return ignored('the system mailbox opens no tickets');
  const locale =
    customer && (customer.locale === 'en' || customer.locale === 'fa') ? (customer.locale as Locale) : null;
  const answer = { to: sender, locale, inReplyTo: messageId };
  if (ticket?.status === 'locked') throw new LockedTicketMail(ticket, answer);

  const files = await storeFilesOf(ctx, parsed, !customer);
  const actorCtx: Ctx = customer ? { ...ctx, actor: customerActor(customer) } : ctx;
  const author = { customer, sender, parsed };
  try {
    return await withTx(actorCtx, async (tx) => {
      const made = ticket
        ? await appendMailReply(tx, ticket.id, author)
        : await openMailTicket(tx, author, { departmentId: mailbox.departmentId!, via: 'email' });
      await attachMailFiles(tx, made.row, made.message, files, answer);
      const result: MailResult = { outcome: ticket ? 'reply' : 'ticket', ticketNumber: made.row.number };
      await record(tx, result);
      return result;
    });
  } catch (e) {
    await dropStored(ctx, files.stored);
    // Locked between the look-up and the row lock: refused before anything was written.
    if (ticket && e instanceof AppError && e.code === 'locked') throw new LockedTicketMail(ticket, answer);
    throw e;
  }
}

/** The customer a sender is, looked up once per fetch. */
async function senderCustomer(ctx: Ctx, sender: string, session?: IntakeSession): Promise<MailCustomer | null> {
  if (!session) return customerByEmail(ctx, sender);
  if (session.customers.has(sender)) return session.customers.get(sender)!;
  const c = await customerByEmail(ctx, sender);
  session.customers.set(sender, c);
  return c;
}

/** Is one of the mail's recipients (To, Cc, or where the server delivered it) one of our mailboxes? */
async function addressedToUs(ctx: Ctx, mailbox: MailboxRow, parsed: ParsedInbound): Promise<boolean> {
  const delivered = [parsed.headers['delivered-to'], parsed.headers['x-original-to']].flatMap((h) =>
    h ? [h.replace(/[<>]/g, '').trim().toLowerCase()] : [],
  );
  const recipients = [...new Set([...parsed.to, ...parsed.cc, ...delivered])];
  if (recipients.includes(mailbox.address.toLowerCase())) return true;
  if (!recipients.length) return false;
  const [hit] = await ctx.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(inWorkspace(mailboxes, ctx, inArray(sql`lower(${mailboxes.address})`, recipients)))
    .limit(1);
  return !!hit;
}

/** The ticket holding a message this mail answers (In-Reply-To, then References). */
export async function ticketByThread(ctx: Ctx, parsed: ParsedInbound): Promise<TicketRow | null> {
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
async function ticketBySubject(
  ctx: Ctx,
  subject: string,
  sender: string,
  customer: MailCustomer | null,
): Promise<TicketRow | null> {
  const n = ticketNumberFromSubject(subject);
  if (n === null) return null;
  const ticket = await ticketWhere(ctx, eq(tickets.number, n));
  if (!ticket) return null;
  const mine =
    (customer && ticket.requesterId === customer.id) ||
    ticket.guestEmail?.toLowerCase() === sender ||
    (!ticket.requesterId && ticket.requesterEmail === sender);
  return mine ? ticket : null;
}

async function ticketWhere(ctx: Ctx, cond: ReturnType<typeof eq>): Promise<TicketRow | null> {
  const [r] = (await ctx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(inWorkspace(tickets, ctx, cond, isNull(tickets.deletedAt)))) as TicketRow[];
  return r ?? null;
}
