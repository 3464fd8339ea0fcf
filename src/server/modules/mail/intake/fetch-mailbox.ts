import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { mailboxes } from '../../../../db/schema';
import { withTx, type AppDeps, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { findMailbox, mailboxSealer, type MailboxRow } from '../mailboxes.repo';
import { importedMessageIds, knownSourceKeys, recordFetched, recordFetchedMany } from './fetched.repo';
import { importMessage, newIntakeSession, type ImportOutcome, type IntakeSession } from './import-message';
import { parseMail } from '../inbound/parse-mail';
import { normalizeMessageId } from '../inbound/ticket-ref';
import { flushOutbox } from '../../tickets';
import { releaseLease, renewLease, takeLease, type Lease } from './mailbox-lease';
import { fetchImap, fetchPop3, type InboundSettings, type SourceMessage } from './mail-sources';
import { systemCtx } from './system-ctx';

const DAY_MS = 86_400_000;
/** The lease lasts five minutes; renewing it every minute leaves a wide margin. */
const RENEW_EVERY_MS = 60_000;
/**
 * Mails imported in one transaction: one commit (one WAL flush) for many instead of one each.
 * Bounded in count and time because the transaction holds the workspace's ticket-number lock
 * from its first new ticket to its commit, and other writers of the workspace wait for it.
 */
const TX_MESSAGES = 50;
const TX_MS = 200;

export interface FetchResult {
  /** 'busy': another fetch holds the lease; 'off': no inbound protocol or inactive. */
  skipped?: 'busy' | 'off' | 'missing';
  counts: Record<ImportOutcome, number>;
  error?: string;
  /** Wall time of the fetch and the part of it spent importing (the rest is the mail server). */
  timing?: { totalMs: number; importMs: number };
}

/** The lease ran out and another fetch took the mailbox over: this one stops where it is. */
class LeaseLost extends Error {
  constructor() {
    super('the mailbox lease was lost to another fetch');
  }
}

/**
 * One fetch of one mailbox (F2): under the mailbox's lease, every new message is imported or
 * quarantined; then the mailbox's status is updated — on a connection failure the next fetch
 * backs off exponentially (interval × 2^failures, at most a day).
 */
export async function fetchMailbox(
  deps: AppDeps,
  job: { workspaceId: number; mailboxId: number },
): Promise<FetchResult> {
  const ctx = systemCtx(deps, job.workspaceId);
  const counts: FetchResult['counts'] = { ticket: 0, reply: 0, ignored: 0, quarantined: 0, duplicate: 0 };
  const mailbox = await findMailbox(ctx, job.mailboxId);
  if (!mailbox) return { skipped: 'missing', counts };
  if (!mailbox.active || mailbox.inboundProtocol === 'none' || !mailbox.inboundHost) return { skipped: 'off', counts };
  const lease = await takeLease(ctx, mailbox.id);
  if (!lease) return { skipped: 'busy', counts };
  const started = performance.now();
  const timing = { totalMs: 0, importMs: 0 };
  try {
    const s: InboundSettings = {
      protocol: mailbox.inboundProtocol,
      host: mailbox.inboundHost,
      port: mailbox.inboundPort,
      tls: mailbox.inboundTls,
      username: mailbox.inboundUsername ?? '',
      password: mailbox.inboundPasswordSealed ? mailboxSealer(ctx).open(mailbox.inboundPasswordSealed) : '',
      folder: mailbox.imapFolder,
      afterFetch: mailbox.afterFetch,
      moveToFolder: mailbox.moveToFolder,
    };
    const known = (keys: string[]) => knownSourceKeys(ctx, mailbox.id, keys);
    const keepLease = leaseKeeper(ctx, lease);
    const session = newIntakeSession();
    const onBatch = async (batch: SourceMessage[]) => {
      const t = performance.now();
      await importBatch(ctx, mailbox, batch, counts, keepLease, session);
      timing.importMs += performance.now() - t;
    };
    const now = () => deps.clock.now();
    try {
      await (s.protocol === 'imap' ? fetchImap : fetchPop3)(s, deps.config, known, onBatch);
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      timing.totalMs = performance.now() - started;
      // Not the mailbox's failure: whatever was recorded stays, the new holder goes on from there.
      if (e instanceof LeaseLost) {
        deps.log.warn({ mailboxId: mailbox.id, workspaceId: job.workspaceId, counts }, error);
        return { counts, error, timing };
      }
      const failures = mailbox.consecutiveFailures + 1;
      const delay = Math.min(mailbox.fetchIntervalMinutes * 60_000 * 2 ** failures, DAY_MS);
      await ctx.db
        .update(mailboxes)
        .set({ consecutiveFailures: failures, lastError: error, nextFetchAt: new Date(now().getTime() + delay) })
        .where(inWorkspace(mailboxes, ctx, eq(mailboxes.id, mailbox.id)));
      deps.log.warn({ mailboxId: mailbox.id, workspaceId: job.workspaceId, failures, error }, 'mailbox fetch failed');
      return { counts, error, timing };
    }
    await ctx.db
      .update(mailboxes)
      .set({
        consecutiveFailures: 0,
        lastError: null,
        lastFetchAt: now(),
        nextFetchAt: new Date(now().getTime() + mailbox.fetchIntervalMinutes * 60_000),
      })
      .where(inWorkspace(mailboxes, ctx, eq(mailboxes.id, mailbox.id)));
    timing.totalMs = performance.now() - started;
    const taken = Object.values(counts).reduce((a, b) => a + b, 0);
    if (taken)
      deps.log.info(
        {
          mailboxId: mailbox.id,
          workspaceId: job.workspaceId,
          counts,
          ms: Math.round(timing.totalMs),
          importMs: Math.round(timing.importMs),
        },
        'mailbox fetched',
      );
    return { counts, timing };
  } finally {
    await releaseLease(ctx, lease);
  }
}

/** Renews the lease when a minute has passed since it was taken or last renewed. */
function leaseKeeper(ctx: Ctx, lease: Lease): () => Promise<void> {
  let renewedAt = performance.now();
  return async () => {
    if (performance.now() - renewedAt < RENEW_EVERY_MS) return;
    if (!(await renewLease(ctx, lease))) throw new LeaseLost();
    renewedAt = performance.now();
  };
}

/**
 * A batch in order, up to TX_MESSAGES (or TX_MS) mails per transaction. When the database
 * fails one of them the shared transaction is rolled back whole, and the same mails go again
 * one transaction each — the path on which a bad mail is quarantined alone and the others
 * are imported. Outcomes are counted only once their transaction has committed.
 */
async function importBatch(
  ctx: Ctx,
  mailbox: MailboxRow,
  batch: SourceMessage[],
  counts: FetchResult['counts'],
  keepLease: () => Promise<void>,
  session: IntakeSession,
) {
  // Parsing is CPU work in this process; started here, it runs while the database answers.
  const parsed = batch.map((m) => {
    const p = parseMail(m.raw);
    p.catch(() => undefined); // a failure is handled where the mail is imported
    return p;
  });
  let i = 0;
  while (i < batch.length) {
    await keepLease();
    const from = i;
    const outcomes: ImportOutcome[] = [];
    let failing = -1;
    try {
      await withTx({ ...ctx, outbox: { jobs: [], notifies: [] } }, async (tx) => {
        const t = performance.now();
        const upTo = Math.min(batch.length, from + TX_MESSAGES);
        const ids = (
          await Promise.all(
            parsed.slice(from, upTo).map((p) =>
              p.then(
                (m) => normalizeMessageId(m.messageId),
                () => null,
              ),
            ),
          )
        ).filter((x): x is string => !!x);
        const chunk: IntakeSession = {
          customers: session.customers,
          importedIds: await importedMessageIds(tx, ids),
          pending: [],
        };
        for (; i < upTo && performance.now() - t < TX_MS; i++) {
          failing = i;
          outcomes.push(
            await importMessage(tx, mailbox, batch[i].sourceKey, batch[i].raw, { parsed: parsed[i], session: chunk }),
          );
          failing = -1;
        }
        // The chunk's fetch records, notification jobs and live events: three statements for all its mails.
        await recordFetchedMany(tx, chunk.pending!);
        await flushOutbox(tx);
      });
      for (const o of outcomes) counts[o]++;
    } catch (e) {
      // Up to the mail that failed, or the whole chunk when its commit did.
      const to = failing >= 0 ? failing + 1 : i;
      // No mail was tried: the transaction could not even begin, which is no mail's fault.
      if (to === from) throw e;
      for (i = from; i < to; i++) counts[await importAlone(ctx, mailbox, batch[i])]++;
    }
  }
}

/**
 * One mail in its own transaction. `importMessage` quarantines a bad mail itself; when even
 * that fails because the database refuses something taken from the mail (a NUL byte in its
 * Message-ID, say: a data or constraint error, never a lost connection or a timeout), the mail
 * is quarantined here with nothing taken from it but its bytes, so it cannot stop the mails
 * after it on every fetch. Any other failure stops the fetch; the mail is tried again next time.
 */
async function importAlone(ctx: Ctx, mailbox: MailboxRow, m: SourceMessage): Promise<ImportOutcome> {
  try {
    return await importMessage(ctx, mailbox, m.sourceKey, m.raw);
  } catch (e) {
    if (!isDataError(e)) throw e;
    const error = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).replace(/\0/g, '').slice(0, 2000);
    ctx.deps.log.warn({ mailboxId: mailbox.id, sourceKey: m.sourceKey, error }, 'mail quarantined without its headers');
    const stored = await ctx.deps.storage.put(Readable.from([m.raw]));
    await recordFetched(ctx, {
      mailboxId: mailbox.id,
      sourceKey: m.sourceKey,
      messageId: null,
      outcome: 'quarantined',
      error,
      rawStorageKey: stored.key,
    });
    return 'quarantined';
  }
}

/** A PostgreSQL data exception (class 22) or constraint violation (23), anywhere in the cause chain. */
function isDataError(e: unknown): boolean {
  for (
    let c: unknown = e, depth = 0;
    c && typeof c === 'object' && depth < 5;
    c = (c as { cause?: unknown }).cause, depth++
  ) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}
