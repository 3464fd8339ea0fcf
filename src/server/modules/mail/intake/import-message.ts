import { Readable } from 'node:stream';
import { withTx, type Ctx } from '../../../platform/context';
import { queueLockedNotice } from '../outbound/send-notice.job';
import type { MailboxRow } from '../mailboxes.repo';
import { parseMail, type ParsedInbound } from '../inbound/parse-mail';
import { normalizeMessageId } from '../inbound/ticket-ref';
import {
  fetchedRecordOf,
  messageIdImported,
  recordFetched,
  type FetchedRecord,
  type FetchOutcome,
} from './fetched.repo';
import type { MailCustomer } from './mail-writer';
import { LockedTicketMail, mailToTicket } from './mail-to-ticket';

export type ImportOutcome = FetchOutcome | 'duplicate';

/**
 * What one fetch learns once and reuses for every mail of the fetch: senders already looked up
 * (a customer created while a fetch runs is found by the next fetch), and — for a chunk of mails
 * in one transaction — the Message-IDs known to be imported, checked in one query for the chunk
 * and kept current as the chunk's mails are taken in.
 */
export interface IntakeSession {
  customers: Map<string, MailCustomer | null>;
  importedIds?: Set<string>;
  /** The chunk's fetch records, written in one statement before its commit. */
  pending?: FetchedRecord[];
}

export const newIntakeSession = (): IntakeSession => ({ customers: new Map() });

/**
 * One raw message of a mailbox: parsed and imported, or — when anything fails — quarantined
 * with its error and its raw bytes kept in the file storage. Never throws for the message's
 * own fault, so one bad mail cannot block the mailbox. `parsed` may be handed in already
 * started (intake parses the next mails while the database works on this one).
 */
export async function importMessage(
  ctx: Ctx,
  mailbox: MailboxRow,
  sourceKey: string,
  raw: Buffer,
  opts: { parsed?: Promise<ParsedInbound>; session?: IntakeSession } = {},
): Promise<ImportOutcome> {
  let messageId: string | null = null;
  const known = opts.session?.importedIds;
  try {
    const parsed = await (opts.parsed ?? parseMail(raw));
    messageId = normalizeMessageId(parsed.messageId);
    if (messageId && (known ? known.has(messageId) : await messageIdImported(ctx, messageId))) {
      await recordFetched(
        ctx,
        {
          mailboxId: mailbox.id,
          sourceKey,
          messageId: null,
          outcome: 'ignored',
          error: `duplicate Message-ID <${messageId}>`,
        },
        opts.session?.pending,
      );
      return 'duplicate';
    }
    const outcome = (await mailToTicket(ctx, mailbox, parsed, sourceKey, opts.session)).outcome;
    if (messageId) known?.add(messageId);
    return outcome;
  } catch (e) {
    if (e instanceof LockedTicketMail) {
      await quarantineLocked(ctx, mailbox, sourceKey, raw, messageId, e, opts.session);
      return 'quarantined';
    }
    const error = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 2000);
    ctx.deps.log.warn({ mailboxId: mailbox.id, sourceKey, err: e }, 'mail quarantined');
    const stored = await ctx.deps.storage.put(Readable.from([raw]));
    await recordFetched(
      ctx,
      { mailboxId: mailbox.id, sourceKey, messageId, outcome: 'quarantined', error, rawStorageKey: stored.key },
      opts.session?.pending,
    );
    return 'quarantined';
  }
}

/**
 * C4: a mail answering a locked ticket is kept whole in the quarantine (reason `locked`; a retry
 * after unlocking appends it) and its sender is answered once: not again when a retry finds the
 * ticket still locked. The record and the answer's job commit together.
 */
async function quarantineLocked(
  ctx: Ctx,
  mailbox: MailboxRow,
  sourceKey: string,
  raw: Buffer,
  messageId: string | null,
  locked: LockedTicketMail,
  session?: IntakeSession,
) {
  const stored = await ctx.deps.storage.put(Readable.from([raw]));
  try {
    await withTx(ctx, async (tx) => {
      const before = await fetchedRecordOf(tx, mailbox.id, sourceKey);
      await recordFetched(
        tx,
        {
          mailboxId: mailbox.id,
          sourceKey,
          messageId,
          outcome: 'quarantined',
          reason: 'locked',
          ticketNumber: locked.ticket.number,
          error: locked.message,
          rawStorageKey: stored.key,
        },
        session?.pending,
      );
      if (before?.reason !== 'locked') await queueLockedNotice(tx, { ticketId: locked.ticket.id, ...locked.answer });
    });
  } catch (e) {
    await ctx.deps.storage.delete(stored.key).catch(() => undefined);
    throw e;
  }
}
