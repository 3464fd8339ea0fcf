import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema';
import {
  deliverReply,
  MAX_ATTEMPTS,
  runReplyJob,
  UNCERTAIN_AFTER_MS,
} from '../../src/server/modules/mail/outbound/send-reply.job';
import { closeSmtpPools } from '../../src/server/modules/mail/outbound/smtp-pool';
import { runNoticeJob, type NoticeJob } from '../../src/server/modules/mail/outbound/send-notice.job';
import { mailOutWorld, queueReplies, type MailOutWorld } from '../helpers/mail-backlog';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Issue 12: a reply mail is recorded as being sent before it is sent (`sending`, one
 * conditional UPDATE), so repeated or concurrent jobs for one message mail it once.
 */
let t: TestApp;
let w: MailOutWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await mailOutWorld(t, 2);
}, 60_000);
afterAll(async () => {
  closeSmtpPools(t.deps);
  await w?.smtp.stop();
  await t?.close();
});

const row = async (id: number) => (await t.deps.database.db.select().from(messages).where(eq(messages.id, id)))[0];
const job = (messageId: number) => ({ workspaceId: w.workspaceId, messageId });
const received = (messageId: string | null) => w.smtp.received.filter((m) => m.parsed.messageId === `<${messageId}>`);
const settle = () => new Promise((r) => setTimeout(r, 300)); // a stray second mail would arrive by now

describe('a reply mail is sent once', () => {
  it('the same job run five times at once, then twice more, mails it exactly once', async () => {
    const [id] = await queueReplies(t, w, 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverReply(t.deps, job(id))));
    // One attempt claimed it; the others found it claimed (busy) or done (skipped).
    expect(results.filter((r) => r.result === 'sent')).toHaveLength(1);
    expect(results.every((r) => ['sent', 'busy', 'skipped'].includes(r.result))).toBe(true);
    await runReplyJob(t.deps)(job(id));
    await runReplyJob(t.deps)(job(id));
    await settle();
    const r = await row(id);
    expect(r).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 1 });
    expect(received(r.emailMessageId)).toHaveLength(1);
  });

  it('many replies handled by concurrent jobs, each twice, are each mailed once', async () => {
    const ids = await queueReplies(t, w, 20);
    const before = w.smtp.received.length;
    await Promise.all([...ids, ...ids].map((id) => runReplyJob(t.deps)(job(id))));
    await settle();
    expect(w.smtp.received.length - before).toBe(20);
    const rows = await Promise.all(ids.map(row));
    expect(rows.every((r) => r.deliveryStatus === 'sent' && r.deliveryAttempts === 1)).toBe(true);
    expect(new Set(w.smtp.received.slice(before).map((m) => m.parsed.messageId)).size).toBe(20);
  });

  it('a worker that died after sending but before recording: held while it may still be at work, then sent again with the same Message-ID', async () => {
    const [id] = await queueReplies(t, w, 1);
    expect(await deliverReply(t.deps, job(id))).toEqual({ result: 'sent' });
    const first = await row(id);
    // What the dead worker leaves behind: claimed (`sending`, counted) and mailed, never recorded.
    await t.deps.database.db
      .update(messages)
      .set({ deliveryStatus: 'sending', deliveryAt: t.clock.now() })
      .where(eq(messages.id, id));
    // While the claim is fresh, another job does not send: it comes back after the claim is stale.
    const busy = await deliverReply(t.deps, job(id));
    expect(busy.result).toBe('busy');
    expect(busy.retryInMs).toBeGreaterThan(UNCERTAIN_AFTER_MS - 5_000);
    await settle();
    expect(received(first.emailMessageId)).toHaveLength(1);
    // Once stale, the outcome is unknown: sent again, with the SAME Message-ID (receivers dedupe).
    t.clock.advance(UNCERTAIN_AFTER_MS + 1000);
    expect(await deliverReply(t.deps, job(id))).toEqual({ result: 'sent' });
    const again = received(first.emailMessageId);
    expect(again).toHaveLength(2);
    expect(again[1].parsed.messageId).toBe(again[0].parsed.messageId);
    expect(await row(id)).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 2 });
    // And a `sent` one is never sent again.
    expect(await deliverReply(t.deps, job(id))).toEqual({ result: 'skipped' });
  });

  it('a message whose attempts keep dying is given up after the last one, not sent for ever', async () => {
    const [id] = await queueReplies(t, w, 1);
    await t.deps.database.db
      .update(messages)
      .set({ deliveryStatus: 'sending', deliveryAt: t.clock.now(), deliveryAttempts: MAX_ATTEMPTS })
      .where(eq(messages.id, id));
    t.clock.advance(UNCERTAIN_AFTER_MS + 1000);
    const before = w.smtp.received.length;
    expect((await deliverReply(t.deps, job(id))).result).toBe('failed');
    expect(await row(id)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: MAX_ATTEMPTS + 1 });
    await settle();
    expect(w.smtp.received.length).toBe(before);
  });

  it('an automatic notice sent again by a retry of its job carries the same Message-ID', async () => {
    const notice: NoticeJob = {
      kind: 'locked',
      workspaceId: w.workspaceId,
      ticketId: w.ticketIds[0],
      to: `someone@${w.slug}.test`,
      locale: 'en',
      inReplyTo: null,
    };
    const before = w.smtp.received.length;
    const jobId = '0b6f2a8e-4c1d-4e55-9a7e-5d3c2b1a0f99';
    await runNoticeJob(t.deps)(notice, { id: jobId });
    await runNoticeJob(t.deps)(notice, { id: jobId });
    const [a, b] = await w.smtp.waitFor(before + 2).then((r) => r.slice(before));
    expect(a.parsed.messageId).toBe(b.parsed.messageId);
    expect(a.parsed.messageId).toMatch(/^<n0b6f2a8e4c1d4e559a7e5d3c2b1a0f99@/);
  });
});
