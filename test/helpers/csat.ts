import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { JOBS } from '../../src/server/jobs-registry';
import { queryRows } from '../../src/server/platform/db/database';
import type { MailMessage } from '../../src/server/platform/mailer';
import { ADMIN_PASSWORD, Client, createTestApp, makeUser, newWorkspace, signIn, type TestApp } from './test-app';
import { openTicket } from './tickets';

/** K5 satisfaction survey tests: a workspace with one department, an agent and a customer. */
export type CsatPerson = { id: string; client: Client; username: string };
export interface CsatWorld {
  t: TestApp;
  slug: string;
  workspaceId: number;
  admin: Client;
  support: { id: string };
  agent: CsatPerson;
  alice: CsatPerson;
}

export const DAY = 86_400_000;

export const tokenOf = (m: MailMessage) => /\/csat\/([A-Za-z0-9_-]{43})\?rating=/.exec(m.text)![1];

/**
 * One app and one survey world per test file, built before the tests (`set` gets it) and closed
 * after, and the tools of the survey tests working in it.
 */
export function useCsatWorld(set: (world: CsatWorld) => void) {
  let cw: CsatWorld;
  beforeAll(async () => {
    const t = await createTestApp();
    const { slug, workspaceId } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const support = (await admin.post('departments', { name: 'Support' })).json();
    const agent = await makeUser(t, admin, slug, { role: 'agent', name: 'Agent K', departmentIds: [support.id] });
    const alice = await makeUser(t, admin, slug, {
      role: 'customer',
      name: 'Alice',
      email: `alice-${slug}@example.com`,
      mobile: '09351110001',
    });
    cw = { t, slug, workspaceId, admin, support, agent, alice };
    set(cw);
  }, 60_000);
  afterAll(() => cw?.t.close());

  const db = () => cw.t.deps.database.db;
  /** The worker's own `csat.send` handler. */
  const handler = () =>
    JOBS.find((j) => j.queue === 'csat.send')!.handler(cw.t.deps) as unknown as (d: unknown) => Promise<void>;

  /** This workspace's queued `csat.send` jobs (delayed ones too), run as the worker would. */
  async function runCsatJobs(ws = cw.workspaceId): Promise<number> {
    const { rows } = (await cw.t.deps.database.executeSql(
      `delete from pgboss.job where name = 'csat.send' and state in ('created', 'retry')
        and (data->>'workspaceId')::bigint = $1 returning data`,
      [ws],
    )) as { rows: { data: unknown }[] };
    const handle = handler();
    for (const r of rows) await handle(r.data);
    return rows.length;
  }

  const queued = async (ws = cw.workspaceId) =>
    queryRows<{ start_after: Date; later: boolean }>(
      db(),
      sql`select start_after, start_after > now() + interval '29 minutes' as later from pgboss.job
        where name = 'csat.send' and state = 'created' and (data->>'workspaceId')::bigint = ${ws}`,
    );

  const mailsTo = (to: string) => cw.t.mailer.sent.filter((m) => m.to === to && /csat\//.test(m.text));

  async function closedTicket(by: Client = cw.alice.client, extra: Record<string, unknown> = {}) {
    const tk = await openTicket(by, { departmentId: cw.support.id, ...extra });
    await cw.agent.client.patch(`tickets/${tk.number}`, { assigneeIds: [cw.agent.id] });
    const res = await cw.agent.client.patch(`tickets/${tk.number}`, { status: 'closed' });
    expect(res.statusCode, res.body).toBe(200);
    return tk as { number: number; id: string };
  }

  let ip = 0;
  /** Someone holding the link, from an address of its own (the doors are limited per address). */
  function visitor(lang: 'fa' | 'en' = 'fa', ws = cw.slug) {
    const c = new Client(cw.t, { slug: ws, lang });
    const extra = { remoteAddress: `10.77.${Math.floor(++ip / 200)}.${(ip % 200) + 1}` };
    return {
      get: (token: string) => c.get(`public/csat/${token}`, extra),
      post: (token: string, body: unknown) => c.post(`public/csat/${token}`, body, extra),
    };
  }

  const surveyRow = async (number: number) =>
    (
      await queryRows<{ token_hash: string; agent_ids: string[]; department_id: string; requester_id: string | null }>(
        db(),
        sql`select c.token_hash, c.agent_ids, c.department_id, c.requester_id from csat_surveys c
          join tickets t on t.id = c.ticket_id where t.workspace_id = ${cw.workspaceId} and t.number = ${number}`,
      )
    )[0];

  return { db, handler, runCsatJobs, queued, mailsTo, closedTicket, visitor, surveyRow };
}
