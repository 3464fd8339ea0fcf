import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { JOBS } from '../../src/server/jobs-registry';
import { queryRows } from '../../src/server/platform/db/database';
import { createTestApp, type TestApp } from './test-app';
import { ticketWorld, type TicketWorld } from './tickets';

/**
 * K10 webhook tests: a local HTTP receiver checks every request it gets with the
 * `standardwebhooks` package, exactly as a receiving system would. Jobs run through the
 * registry's own handlers (the tests' stand-in for a worker), with the test clock deciding
 * when a planned retry is due.
 */

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The payload as `new Webhook(secret).verify` returned it, per secret tried (null: refused). */
  verified: (unknown | null)[];
}

export const verify = (secret: string, body: string, headers: IncomingHttpHeaders) => {
  try {
    return new Webhook(secret).verify(body, headers as Record<string, string>);
  } catch {
    return null;
  }
};

export const bodyOf = (r: Received) =>
  JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, Record<string, unknown>> };

const QUEUES = ['webhooks.dispatch', 'webhooks.deliver'];

/**
 * One app, one ticket world and one verifying receiver per test file, built before the tests
 * (`set` gets them) and closed after; each test starts with plain http and private addresses
 * allowed (the receiver is http://127.0.0.1), and turns off the allowance it checks.
 */
export function useWebhookWorld(set: (t: TestApp, w: TicketWorld, base: string) => void) {
  let t: TestApp;
  let w: TicketWorld;
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** Per path: the secrets the receiver verifies with, and the statuses it answers (then 200). */
  const secretsOf = new Map<string, string[]>();
  const answers = new Map<string, number[]>();
  /** Every API answer the tests saw, to prove no secret is in a GET. */
  const gets: string[] = [];
  const secretsMade: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = (secretsOf.get(path) ?? []).map((s) => verify(s, body, req.headers));
        received.push({ path, headers: req.headers, body, verified });
        const status = answers.get(path)?.shift() ?? 200;
        // A redirect points at a path that would answer 200: it must not be followed.
        const location = status >= 300 && status < 400 ? { location: `${base}/main` } : {};
        res.writeHead(status, { 'content-type': 'text/plain', ...location }).end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Plain http to 127.0.0.1 is what the receiver needs; the tests turn each allowance off where they check it.
    t = await createTestApp('postgres', { WEBHOOKS_ALLOW_HTTP: 'true', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    w = await ticketWorld(t);
    set(t, w, base);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => server?.close(r));
  });
  beforeEach(() => {
    t.deps.config.webhooks.allowHttp = true;
    t.deps.config.webhooks.allowPrivate = true;
  });

  const get = async (url: string) => {
    const res = await w.admin.get(url);
    gets.push(res.body);
    return res;
  };

  /** Runs this workspace's webhook jobs that are due by the test clock (dispatch before deliver), until none is. */
  async function drain(workspaceId = w.workspaceId) {
    for (let round = 0; round < 50; round++) {
      let ran = 0;
      for (const queue of QUEUES) {
        const { rows } = (await t.deps.database.executeSql(
          `delete from pgboss.job where name = $1 and state in ('created', 'retry')
            and (data->>'workspaceId')::bigint = $2
            -- queued to run at once (when it was queued, by the database's clock), or planned for a time the test clock reached
            and (start_after <= created_on + interval '1 second' or start_after <= $3)
            returning id, data, created_on`,
          [queue, workspaceId, t.clock.now().toISOString()],
        )) as { rows: { id: string; data: unknown; created_on: Date }[] };
        rows.sort((a, b) => new Date(a.created_on).getTime() - new Date(b.created_on).getTime());
        const handle = JOBS.find((j) => j.queue === queue)!.handler(t.deps) as (
          data: unknown,
          job: { id: string; name: string },
        ) => Promise<void>;
        for (const r of rows) await handle(r.data, { id: r.id, name: queue });
        ran += rows.length;
      }
      if (!ran) return;
    }
    throw new Error('webhook jobs did not settle');
  }

  /** The test clock at the real time (jobs queued now are due by it), or `ms` later. */
  const clockNow = (ms = 0) => t.clock.set(new Date(Date.now() + ms));

  async function makeHook(path: string, events: string[], more: Record<string, unknown> = {}) {
    const res = await w.admin.post('webhooks', { url: `${base}${path}`, events, ...more });
    expect(res.statusCode, res.body).toBe(201);
    const hook = res.json() as { id: string; secret: string; hasSecret: boolean };
    secretsMade.push(hook.secret);
    secretsOf.set(path, [hook.secret]);
    return hook;
  }

  const at = (path: string) => received.filter((r) => r.path === path);
  const deliveriesOf = async (hookId: string) => {
    const res = await get(`webhooks/${hookId}/deliveries`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Record<string, unknown>[]; total: number };
  };
  const pendingJobs = async (workspaceId: number) =>
    (
      await queryRows<{ n: number }>(
        t.deps.database.db,
        sql`select count(*)::int as n from pgboss.job where name in ('webhooks.dispatch', 'webhooks.deliver')
          and state in ('created', 'retry') and (data->>'workspaceId')::bigint = ${workspaceId}`,
      )
    )[0].n;

  /** No secret this file made is in a GET answer it saw, nor in the app's logs. */
  const expectNoSecretShown = () => {
    expect(secretsMade.length).toBeGreaterThan(4);
    for (const secret of secretsMade) {
      const key = secret.slice('whsec_'.length);
      for (const body of gets) expect(body).not.toContain(key);
      for (const line of t.logs) expect(line).not.toContain(key);
    }
  };

  return {
    secretsOf,
    answers,
    secretsMade,
    get,
    drain,
    clockNow,
    makeHook,
    at,
    deliveriesOf,
    pendingJobs,
    expectNoSecretShown,
  };
}
