import { eq } from 'drizzle-orm';
import { mailboxes } from '../../../../db/schema';
import type { AppDeps } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { findMailbox, mailboxSealer } from '../mailboxes.repo';
import { knownSourceKeys } from './fetched.repo';
import { importMessage, type ImportOutcome } from './import-message';
import { releaseLease, takeLease } from './mailbox-lease';
import { fetchImap, fetchPop3, type InboundSettings } from './mail-sources';
import { systemCtx } from './system-ctx';

const DAY_MS = 86_400_000;

export interface FetchResult {
  /** 'busy': another fetch holds the lease; 'off': no inbound protocol or inactive. */
  skipped?: 'busy' | 'off' | 'missing';
  counts: Record<ImportOutcome, number>;
  error?: string;
}

/**
 * One fetch of one mailbox (F2): under the mailbox's lease, every new message is imported or
 * quarantined; then the mailbox's status is updated — on a connection failure the next fetch
 * backs off exponentially (interval × 2^failures, at most a day).
 */
export async function fetchMailbox(deps: AppDeps, job: { workspaceId: number; mailboxId: number }): Promise<FetchResult> {
  const ctx = systemCtx(deps, job.workspaceId);
  const counts: FetchResult['counts'] = { ticket: 0, reply: 0, ignored: 0, quarantined: 0, duplicate: 0 };
  const mailbox = await findMailbox(ctx, job.mailboxId);
  if (!mailbox) return { skipped: 'missing', counts };
  if (!mailbox.active || mailbox.inboundProtocol === 'none' || !mailbox.inboundHost) return { skipped: 'off', counts };
  if (!(await takeLease(ctx, mailbox.id))) return { skipped: 'busy', counts };
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
    const onMessage = async (key: string, raw: Buffer) => {
      counts[await importMessage(ctx, mailbox, key, raw)]++;
    };
    const now = () => deps.clock.now();
    try {
      await (s.protocol === 'imap' ? fetchImap : fetchPop3)(s, deps.config.mailTlsCaFile, known, onMessage);
    } catch (e) {
      const failures = mailbox.consecutiveFailures + 1;
      const delay = Math.min(mailbox.fetchIntervalMinutes * 60_000 * 2 ** failures, DAY_MS);
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      await ctx.db
        .update(mailboxes)
        .set({ consecutiveFailures: failures, lastError: error, nextFetchAt: new Date(now().getTime() + delay) })
        .where(inWorkspace(mailboxes, ctx, eq(mailboxes.id, mailbox.id)));
      deps.log.warn({ mailboxId: mailbox.id, workspaceId: job.workspaceId, failures, error }, 'mailbox fetch failed');
      return { counts, error };
    }
    await ctx.db
      .update(mailboxes)
      .set({ consecutiveFailures: 0, lastError: null, lastFetchAt: now(), nextFetchAt: new Date(now().getTime() + mailbox.fetchIntervalMinutes * 60_000) })
      .where(inWorkspace(mailboxes, ctx, eq(mailboxes.id, mailbox.id)));
    return { counts };
  } finally {
    await releaseLease(ctx, mailbox.id);
  }
}
