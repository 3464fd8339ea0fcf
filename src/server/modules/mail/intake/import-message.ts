import { Readable } from 'node:stream';
import type { Ctx } from '../../../platform/context';
import type { MailboxRow } from '../mailboxes.repo';
import { parseMail } from '../inbound/parse-mail';
import { normalizeMessageId } from '../inbound/ticket-ref';
import { messageIdImported, recordFetched, type FetchOutcome } from './fetched.repo';
import { mailToTicket } from './mail-to-ticket';

export type ImportOutcome = FetchOutcome | 'duplicate';

/**
 * One raw message of a mailbox: parsed and imported, or — when anything fails — quarantined
 * with its error and its raw bytes kept in the file storage. Never throws for the message's
 * own fault, so one bad mail cannot block the mailbox.
 */
export async function importMessage(ctx: Ctx, mailbox: MailboxRow, sourceKey: string, raw: Buffer): Promise<ImportOutcome> {
  let messageId: string | null = null;
  try {
    const parsed = await parseMail(raw);
    messageId = normalizeMessageId(parsed.messageId);
    if (messageId && (await messageIdImported(ctx, messageId))) {
      await recordFetched(ctx, { mailboxId: mailbox.id, sourceKey, messageId: null, outcome: 'ignored', error: `duplicate Message-ID <${messageId}>` });
      return 'duplicate';
    }
    return (await mailToTicket(ctx, mailbox, parsed, sourceKey)).outcome;
  } catch (e) {
    const error = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 2000);
    ctx.deps.log.warn({ mailboxId: mailbox.id, sourceKey, err: e }, 'mail quarantined');
    const stored = await ctx.deps.storage.put(Readable.from([raw]));
    await recordFetched(ctx, { mailboxId: mailbox.id, sourceKey, messageId, outcome: 'quarantined', error, rawStorageKey: stored.key });
    return 'quarantined';
  }
}
