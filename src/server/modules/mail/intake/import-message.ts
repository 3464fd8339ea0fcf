import { Readable } from 'node:stream';
import type { Ctx } from '../../../platform/context';
import type { MailboxRow } from '../mailboxes.repo';
import { parseMail, type ParsedInbound } from '../inbound/parse-mail';
import { normalizeMessageId } from '../inbound/ticket-ref';
import { messageIdImported, recordFetched, type FetchedRecord, type FetchOutcome } from './fetched.repo';
import type { MailCustomer } from './mail-writer';
import { mailToTicket } from './mail-to-ticket';

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
