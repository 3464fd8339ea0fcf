import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { messages } from '../../src/db/schema';
import { queryRows } from '../../src/server/platform/db/database';
import { deliverReply } from '../../src/server/modules/mail/outbound/send-reply.job';
import { multipart } from './images';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';
import { createTestApp, type Client, type TestApp } from './test-app';
import { ticketWorld, type TicketWorld } from './tickets';

/** The SMTP account the support department's mailbox sends through. */
export const SMTP_USER = { user: 'support-out', password: 'smtp-Pw-7731' };

/**
 * A ticket world whose support department has a mailbox sending through a real SMTP receiver
 * (STARTTLS, with its CA trusted by the app).
 */
export type MailOutboundWorld = { t: TestApp; w: TicketWorld; smtp: SmtpReceiver; mailboxId: number };

/**
 * One app, ticket world and SMTP receiver per test file: built before the tests, stopped after.
 * `set` receives them once built; the returned helpers read them when called.
 */
export function useMailOutboundWorld(set: (world: MailOutboundWorld) => void) {
  let t: TestApp | undefined;
  let w: TicketWorld;
  let smtp: SmtpReceiver | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t);
    smtp = await startSmtpReceiver({ users: [SMTP_USER] });
    const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
    writeFileSync(caFile, smtp.caCertPem);
    t.deps.config.mailTlsCaFile = caFile;
    const res = await w.admin.post('mailboxes', {
      departmentId: w.support.id,
      address: `support@${w.slug}.test`,
      displayName: 'پشتیبانی فنی',
      outbound: {
        host: '127.0.0.1',
        port: smtp.port,
        tls: 'starttls',
        auth: true,
        username: SMTP_USER.user,
        password: SMTP_USER.password,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    set({ t, w, smtp, mailboxId: Number(res.json().id) });
  }, 60_000);
  afterAll(async () => {
    await smtp?.stop();
    await t?.close();
  });

  const app = () => t!;
  const db = () => app().deps.database.db;
  const msgRow = async (id: string | number) =>
    (
      await db()
        .select()
        .from(messages)
        .where(eq(messages.id, Number(id)))
    )[0];
  const deliver = (messageId: string | number) =>
    deliverReply(app().deps, { workspaceId: w.workspaceId, messageId: Number(messageId) });
  const reply = async (c: Client, number: number, body: Record<string, unknown>) => {
    const res = await c.post(`tickets/${number}/messages`, { kind: 'reply', signature: false, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  async function uploaded(c: Client, name: string, bytes: Buffer) {
    const m = multipart(name, bytes, 'text/plain');
    const res = await c.post('uploads', m.payload, { headers: m.headers });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }
  const queuedJobs = (queue: string, messageId?: string) =>
    queryRows<{ data: Record<string, unknown> }>(
      db(),
      messageId
        ? sql`select data from pgboss.job where name = ${queue} and data->>'messageId' = ${messageId}`
        : sql`select data from pgboss.job where name = ${queue} and (data->>'workspaceId')::bigint = ${w.workspaceId}`,
    );

  return { db, msgRow, deliver, reply, uploaded, queuedJobs };
}
