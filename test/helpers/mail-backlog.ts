import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/platform/db/database';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';
import { ADMIN_PASSWORD, makeUser, newWorkspace, signIn, type TestApp } from './test-app';

/**
 * Outgoing mail against a real SMTP receiver (STARTTLS and AUTH, as a department's account
 * would be): a workspace, a department with its mailbox, a customer and a few of their
 * tickets, ready for replies to be queued in bulk. Used by the job tests and bench/mail-out.ts.
 */
export interface MailOutWorld {
  workspaceId: number;
  slug: string;
  smtp: SmtpReceiver;
  ticketIds: number[];
  agentId: number;
}

const SMTP_USER = { user: 'out', password: 'smtp-Pw-4410' };

export async function mailOutWorld(t: TestApp, tickets = 20): Promise<MailOutWorld> {
  const { slug, workspaceId } = await newWorkspace(t);
  const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  const smtp = await startSmtpReceiver({ users: [SMTP_USER] });
  const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, smtp.caCertPem);
  t.deps.config.mailTlsCaFile = caFile;
  const dept = (await admin.post('departments', { name: 'Support' })).json() as { id: string };
  const box = await admin.post('mailboxes', {
    departmentId: dept.id,
    address: `support@${slug}.test`,
    displayName: 'پشتیبانی',
    outbound: { host: '127.0.0.1', port: smtp.port, tls: 'starttls', auth: true, ...credentials() },
  });
  if (box.statusCode !== 201) throw new Error(`mailbox: ${box.statusCode} ${box.body}`);
  const agent = await makeUser(t, admin, slug, { role: 'agent', departmentIds: [dept.id] });
  const customer = await makeUser(t, admin, slug, { role: 'customer', email: `customer@${slug}.test` });
  const ticketIds: number[] = [];
  for (let i = 0; i < tickets; i++) {
    const res = await customer.client.post('tickets', {
      subject: `درخواست ${i + 1}`,
      body: '<p>سلام</p>',
      departmentId: dept.id,
    });
    if (res.statusCode !== 201) throw new Error(`ticket: ${res.statusCode} ${res.body}`);
    const [row] = await queryRows<{ id: string }>(
      t.deps.database.db,
      sql`select id from tickets where workspace_id = ${workspaceId} and number = ${res.json().number}`,
    );
    ticketIds.push(Number(row.id));
  }
  return { workspaceId, slug, smtp, ticketIds, agentId: Number(agent.id) };
}

function credentials() {
  return { username: SMTP_USER.user, password: SMTP_USER.password };
}

/**
 * `n` agent replies, spread over the world's tickets, marked `queued` with their `mail.reply`
 * jobs — what `n` replies through the API leave behind, in two statements. Returns their ids.
 */
export async function queueReplies(t: TestApp, w: MailOutWorld, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    t.deps.database.db,
    sql`insert into messages (workspace_id, ticket_id, kind, author_id, author_kind, author_name, body_html, delivery_status)
        select ${w.workspaceId}, (${`{${w.ticketIds.join(',')}}`}::bigint[])[1 + (i % ${w.ticketIds.length})],
               'reply', ${w.agentId}, 'agent', 'Agent', '<p>پاسخ شماره ' || i || '</p>', 'queued'
        from generate_series(1, ${n}) as i
        returning id`,
  );
  const ids = rows.map((r) => Number(r.id));
  await t.deps.database.db.transaction((tx) =>
    t.deps.jobs.insertMany(
      ids.map((messageId) => ({ name: 'mail.reply', data: { workspaceId: w.workspaceId, messageId } })),
      { executor: tx },
    ),
  );
  return ids;
}

/** How many of `ids` are in each delivery state. */
export async function deliveryCounts(t: TestApp, ids: number[]): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string | null; n: number }>(
    t.deps.database.db,
    sql`select delivery_status as status, count(*)::int as n from messages
        where id = any(${`{${ids.join(',')}}`}::bigint[]) group by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.status ?? 'none', r.n]));
}

/** Waits until every one of `ids` is sent (or `ms` pass); returns the milliseconds it took. */
export async function drained(t: TestApp, ids: number[], ms: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const counts = await deliveryCounts(t, ids);
    if ((counts.sent ?? 0) === ids.length) return performance.now() - start;
    if (performance.now() - start > ms)
      throw new Error(`not drained within ${ms} ms: ${JSON.stringify(counts)} of ${ids.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
