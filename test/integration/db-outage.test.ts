import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivatePg, freePort, type PrivatePg } from '../helpers/private-pg';
import { run, stop, waitReady, type Proc } from '../helpers/server-process';
import { openSse, type SseStream } from '../helpers/sse';

/**
 * The real server process on a PostgreSQL of its own, which the test restarts and kills while
 * clients keep writing. The process must stay up, answer 503 `database_unavailable` (never 500)
 * while the database is away, keep /readyz answering within a second, serve again within 5 s
 * of the database's return, lose no acknowledged write, create nothing twice for a retried
 * Idempotency-Key, and tell open live streams to `resync`.
 */
let db: PrivatePg;
let server: Proc;
let base: string;
let session: { cookie: string; csrf: string };
let departmentId: string;

const PASSWORD = 'outage-admin-password';

beforeAll(async () => {
  db = await createPrivatePg();
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('create database pishkhan');
  await admin.end();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = run('src/server/main.ts', {
    DATABASE_URL: db.url.replace(/\/postgres$/, '/pishkhan'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-outage-')),
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: 'false',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: PASSWORD,
    SECRET_KEY: 'outage-test-secret-key-0123456789abcdef',
    DB_POOL_SIZE: '4',
    LOG_LEVEL: 'warn',
  });
  await waitReady(server, `${base}/readyz`, 60_000);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  session = {
    cookie: login.headers.getSetCookie()[0].split(';')[0],
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const dep = await api('POST', '/departments', { name: 'Support' });
  expect(dep.status).toBe(201);
  departmentId = ((await dep.json()) as { id: string }).id;
}, 90_000);

afterAll(async () => {
  if (server) await stop(server);
  await db?.destroy();
}, 30_000);

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'accept-language': 'en',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  key: string;
  subject: string;
  number?: number;
}

/** Clients creating tickets without pause; a 503 is retried with the same Idempotency-Key. */
function writers(count: number) {
  let running = true;
  const acknowledged: Outcome[] = [];
  const answers = new Map<string, number>(); // "status code" → how many
  const oddBodies: string[] = [];
  let lastSuccessAt = 0;
  let seq = 0;
  const loop = async (w: number) => {
    while (running) {
      const key = `w${w}-${++seq}-${Math.random().toString(36).slice(2)}`;
      const subject = `Outage ${key}`;
      for (;;) {
        let status = 0;
        let text = '';
        try {
          const res = await api(
            'POST',
            '/tickets',
            { subject, body: '<p>Written during an outage.</p>', departmentId },
            { 'idempotency-key': key },
          );
          status = res.status;
          text = await res.text();
        } catch (err) {
          text = String(err);
        }
        const tag =
          status === 503 ? `503 ${(JSON.parse(text) as { error: { code: string } }).error.code}` : String(status);
        answers.set(tag, (answers.get(tag) ?? 0) + 1);
        if (status === 201) {
          acknowledged.push({ key, subject, number: (JSON.parse(text) as { number: number }).number });
          lastSuccessAt = Date.now();
          break;
        }
        if (status !== 503) oddBodies.push(`${status} ${text.slice(0, 300)}`);
        if (!running) break;
        await sleep(150);
      }
    }
  };
  const done = Promise.all(Array.from({ length: count }, (_, i) => loop(i)));
  return {
    acknowledged,
    answers,
    oddBodies,
    lastSuccessAt: () => lastSuccessAt,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Polls /readyz all along and keeps the slowest answer. */
function readiness() {
  let running = true;
  let slowest = 0;
  const codes = new Set<number>();
  const done = (async () => {
    while (running) {
      const t0 = Date.now();
      try {
        const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) });
        codes.add(res.status);
        await res.text();
      } catch {
        codes.add(0);
      }
      slowest = Math.max(slowest, Date.now() - t0);
      await sleep(100);
    }
  })();
  return {
    codes,
    slowest: () => slowest,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** The database goes away (`how`), stays away `downMs`, comes back; returns ms until a write succeeds again. */
async function outage(
  how: 'stop' | 'kill',
  downMs: number,
  w: ReturnType<typeof writers>,
  meanwhile: () => Promise<void> = async () => {},
) {
  await (how === 'stop' ? db.stop() : db.kill());
  const t0 = Date.now();
  await meanwhile();
  await sleep(downMs - (Date.now() - t0));
  await db.start();
  const back = Date.now();
  while (w.lastSuccessAt() < back) {
    if (Date.now() - back > 15_000)
      throw new Error(
        `no successful write within 15 s after the database came back (${how}); answers ${JSON.stringify([
          ...w.answers,
        ])}, others ${w.oddBodies.slice(-3).join(' | ')}; exit ${server.child.exitCode}; server log:\n${server.err().slice(-3000)}${server.out().slice(-3000)}`,
      );
    await sleep(50);
  }
  return w.lastSuccessAt() - back;
}

describe('the server survives its database', () => {
  it('restarted and killed under concurrent writes: 503s, then service again, nothing lost, nothing twice, streams resync', async () => {
    const stream: SseStream = await openSse(`${base}/api/v1/events/stream`, { cookie: session.cookie });
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.event === 'connected');

    const w = writers(4);
    const ready = readiness();
    await sleep(1000);

    const restart = await outage('stop', 2500, w);
    const resync1 = await stream.waitFor((e) => e.event === 'resync', 5000, 'resync after the restart');
    await sleep(500);
    let late: SseStream | undefined;
    const crash = await outage('kill', 2500, w, async () => {
      await sleep(300);
      late = await openSse(`${base}/api/v1/events/stream`, { cookie: session.cookie, 'accept-language': 'en' });
    });
    await stream.waitFor((e) => e.event === 'resync' && e !== resync1, 5000, 'resync after the crash');
    // A stream opened while the database is away is refused with the translated 503 (when the
    // session must be read), or accepted and told to resync once the database is back; never left silent.
    if (late!.status === 200) await late!.waitFor((e) => e.event === 'resync', 5000, 'resync of the late stream');
    else
      expect([late!.status, JSON.parse(late!.body!)]).toEqual([
        503,
        {
          error: {
            code: 'database_unavailable',
            message: 'The database cannot be reached right now. Try again in a few seconds.',
          },
        },
      ]);
    late!.close();
    await sleep(500);
    await w.stop();
    await ready.stop();
    stream.close();

    const summary = {
      answers: Object.fromEntries(w.answers),
      readyzSlowestMs: ready.slowest(),
      readyzCodes: [...ready.codes],
      recoveryMs: { restart, crash },
      acknowledged: w.acknowledged.length,
      lateStream: late!.status,
      // pg-boss 10 drops complete()/fail() promises; the process logs them and carries on.
      unhandledRejectionsLogged: server.out().split('unhandled promise rejection').length - 1,
    };
    console.log('db-outage', JSON.stringify(summary));

    expect(server.child.exitCode, server.err()).toBeNull();
    expect(w.oddBodies).toEqual([]);
    expect(w.answers.get('503 database_unavailable')).toBeGreaterThan(0);
    expect([...w.answers.keys()].sort()).toEqual(['201', '503 database_unavailable']);
    expect(ready.slowest()).toBeLessThan(1000);
    expect([...ready.codes].sort()).toEqual([200, 503]);
    expect(restart).toBeLessThan(5000);
    expect(crash).toBeLessThan(5000);

    // Every acknowledged create exists, once; no key made two tickets.
    const check = new pg.Client({ connectionString: db.url.replace(/\/postgres$/, '/pishkhan') });
    await check.connect();
    const rows = (await check.query<{ number: number; subject: string }>('select number, subject from tickets')).rows;
    await check.end();
    const bySubject = new Map<string, number[]>();
    for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r.number]);
    for (const a of w.acknowledged) expect(bySubject.get(a.subject), a.subject).toEqual([a.number]);
    expect([...bySubject.values()].filter((n) => n.length > 1)).toEqual([]);
  }, 60_000);
});
