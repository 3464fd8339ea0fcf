import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage } from '../../src/server/platform/s3/s3-storage';
import { multipart } from '../helpers/images';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../helpers/pg-global-setup';
import { freePort } from '../helpers/private-pg';
import { startS3Server, type S3TestServer } from '../helpers/s3-server';
import { run, stop, waitReady, type Proc } from '../helpers/server-process';
import { openSse, type SseEvent, type SseStream } from '../helpers/sse';

/**
 * Issue 19, point 5: the product on several machines. Two web processes (WORKER=false) and two
 * workers share one fresh PostgreSQL database and one S3 bucket, and nothing else: each has its
 * own DATA_DIR and port. An upload made through one process downloads through another, every
 * minute's schedule runs once although every process runs pg-boss's clock, and a change made
 * through any process reaches the live streams held by every other.
 */
const DB = `pishkhan_many_${process.pid}`;
const ADMIN = { login: 'chief', password: 'chief-password-1' };
const MiB = 1024 * 1024;
type Name = 'web1' | 'web2' | 'worker' | 'worker2';
interface Node {
  name: Name;
  base: string;
  dataDir: string;
  p: Proc;
}

let s3: S3TestServer;
let db: pg.Client;
const nodes = {} as Record<Name, Node>;
// When all four processes answered /readyz: the schedules are counted from here.
let readyAt = 0;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  s3 = await startS3Server();
  await recreateDatabase(DB);
  db = new pg.Client({ connectionString: testDatabaseUrl(DB) });
  await db.connect();
  const common = {
    DATABASE_URL: testDatabaseUrl(DB),
    DB_POOL_SIZE: '4',
    DEMO: 'false',
    ADMIN_USERNAME: ADMIN.login,
    ADMIN_PASSWORD: ADMIN.password,
    SECRET_KEY: 'many-processes-secret-key-0123456789abcdef',
    S3_URL: s3.url,
    HOST: '127.0.0.1',
  };
  // All four start at once on the empty database, as a fleet does after a deploy: migrations and
  // the first admin are made under advisory locks, once.
  const plan: [Name, boolean][] = [
    ['web1', false],
    ['web2', false],
    ['worker', true],
    ['worker2', true],
  ];
  for (const [name, worker] of plan) {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), `pk-many-${name}-`));
    const p = run('src/server/main.ts', { ...common, DATA_DIR: dataDir, PORT: String(port), WORKER: String(worker) });
    nodes[name] = { name, base: `http://127.0.0.1:${port}`, dataDir, p };
  }
  await Promise.all(Object.values(nodes).map((n) => waitReady(n.p, `${n.base}/readyz`, 100_000)));
  readyAt = Date.now();
  session = await signIn(nodes.web1.base);
}, 130_000);

afterAll(async () => {
  // Each process is stopped by its own PID (SIGTERM to the child we spawned).
  await Promise.all(Object.values(nodes).map((n) => stop(n.p)));
  await db?.end();
  await s3?.close();
  await dropDatabase(DB);
  for (const n of Object.values(nodes)) rmSync(n.dataDir, { recursive: true, force: true });
});

async function signIn(base: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie()[0].split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A signed-in admin's request (the one session, whichever process answers). */
async function call(n: Node, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const json = body !== undefined && !Buffer.isBuffer(body);
  return fetch(`${n.base}/api/v1/${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : json ? JSON.stringify(body) : (body as Buffer),
  });
}
async function ok<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

let departmentId: string;
async function department() {
  departmentId ??= (await ok<{ id: string }>(await call(nodes.web1, 'POST', 'departments', { name: 'Support' }), 201))
    .id;
  return departmentId;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
/** Every file under `dir` with its size. */
function filesUnder(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, size: statSync(path).size }));
}

describe('two web processes, two workers, one PostgreSQL, one bucket', () => {
  it('an attachment uploaded through web1 is in the bucket, on no disk, and web2 serves it byte for byte', async () => {
    // Past one 8 MiB part, so the upload streams to the bucket as a multipart upload.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n% many\n'), randomBytes(12 * MiB), Buffer.from('\n%%EOF\n')]);
    const before = await s3.objectKeys();
    s3.requests.length = 0;
    const m = multipart('report.pdf', bytes);
    const up = await ok<{ id: string; size: number }>(
      await call(nodes.web1, 'POST', 'uploads', m.payload, m.headers),
      201,
    );
    expect(up.size).toBe(bytes.length);
    expect(s3.requests.map((r) => `${r.method} ${[...r.query.keys()].join(',')}`.trim())).toEqual([
      'POST uploads',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'POST uploadId',
    ]);

    const tk = await ok<{ number: number }>(
      await call(nodes.web1, 'POST', 'tickets', {
        subject: 'The yearly report',
        body: '<p>Attached.</p>',
        departmentId: await department(),
        attachmentIds: [up.id],
      }),
      201,
    );

    // web2 has never seen this upload: it knows it from the database and reads it from the bucket.
    const seen = await ok<{ attachments: { id: string; url: string; size: number }[] }>(
      await call(nodes.web2, 'GET', `tickets/${tk.number}`),
      200,
    );
    expect(seen.attachments).toEqual([expect.objectContaining({ id: up.id, size: bytes.length })]);
    const down = await fetch(`${nodes.web2.base}${seen.attachments[0].url}`, { headers: { cookie: session.cookie } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe(String(bytes.length));
    expect(sha(Buffer.from(await down.arrayBuffer()))).toBe(sha(bytes));

    // The one new object in the bucket is the file's, and it holds the same bytes.
    const { rows } = await db.query<{ storage_key: string }>('select storage_key from files where id = $1', [up.id]);
    const added = (await s3.objectKeys()).filter((k) => !before.includes(k));
    expect(added).toEqual([rows[0].storage_key]);
    expect(sha(await readAll(await s3Storage(s3.config).get(added[0])))).toBe(sha(bytes));
    // No process kept it, or any part of it, in its DATA_DIR.
    for (const n of Object.values(nodes)) {
      const big = filesUnder(n.dataDir).filter((f) => f.size >= MiB);
      expect(big, n.name).toEqual([]);
      expect(
        filesUnder(n.dataDir).some((f) => f.path.startsWith(join(n.dataDir, 'files'))),
        n.name,
      ).toBe(false);
    }
  }, 60_000);

  it('a change made through any process reaches the live streams held by every process', async () => {
    const streams = {} as Record<Name, SseStream>;
    for (const n of Object.values(nodes)) {
      streams[n.name] = await openSse(`${n.base}/api/v1/events/stream`, { cookie: session.cookie });
      await streams[n.name].waitFor((e) => e.event === 'connected', 3000, `${n.name} connected`);
    }
    const of = (type: string, number: number) => (e: SseEvent) =>
      e.event === type && (e.data as { number: number }).number === number;
    const everywhere = (type: string, number: number) =>
      Promise.all(Object.values(streams).map((s, i) => s.waitFor(of(type, number), 3000, `${type} #${number} [${i}]`)));
    try {
      // Opened through web2: every stream, web1's and the workers' included, hears of it.
      const tk = await ok<{ number: number }>(
        await call(nodes.web2, 'POST', 'tickets', {
          subject: 'Heard everywhere',
          body: '<p>Hello.</p>',
          departmentId: await department(),
        }),
        201,
      );
      await everywhere('ticket.created', tk.number);

      // Changed through web2.
      await ok(await call(nodes.web2, 'PATCH', `tickets/${tk.number}`, { priority: 'high' }), 200);
      await everywhere('ticket.updated', tk.number);

      // Answered through web1: web2's stream hears of it (and so does every other).
      const reply = await ok<{ id: string }>(
        await call(nodes.web1, 'POST', `tickets/${tk.number}/messages`, { body: 'On our way.' }),
        201,
      );
      const got = await everywhere('message.created', tk.number);
      expect(got.map((e) => e.data)).toEqual(
        Array(4).fill({ type: 'message.created', number: tk.number, messageId: reply.id }),
      );
      // Each event arrived once on each stream: no process relays another's NOTIFY again.
      for (const s of Object.values(streams))
        expect(s.events.filter((e) => e.event !== 'connected').map((e) => e.event)).toEqual([
          'ticket.created',
          'ticket.updated',
          'message.created',
        ]);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  }, 30_000);

  it('each minute of a schedule runs exactly once, although every process runs the clock and two workers consume', async () => {
    // The every-minute schedules, one row per queue whichever worker registered it.
    const { rows: scheduled } = await db.query<{ name: string }>(
      "select name from pgboss.schedule where cron = '* * * * *' order by name",
    );
    const queues = scheduled.map((r) => r.name);
    expect(queues).toContain('mail.schedule');

    /**
     * One snapshot (one statement) of, per queue: the minutes pg-boss's clock sent (a job of its
     * own `__pgboss__send-it` queue per minute slot, keyed by the queue's name) and the jobs of
     * the queue itself, whoever made them.
     */
    type Snap = {
      queue: string;
      slots: { at: string; state: string; created: string }[];
      jobs: { state: string; retries: number; started: string | null }[];
    }[];
    const snapshot = async () =>
      (
        await db.query<{ s: Snap }>(
          `select json_agg(json_build_object(
             'queue', q,
             'slots', coalesce((select json_agg(json_build_object('at', s.singleton_on, 'state', s.state, 'created', s.created_on)
                                 order by s.singleton_on)
                               from pgboss.job s where s.name = '__pgboss__send-it' and s.singleton_key = q), '[]'),
             'jobs', coalesce((select json_agg(json_build_object('state', j.state, 'retries', j.retry_count, 'started', j.started_on))
                              from pgboss.job j where j.name = q), '[]'))) as s
           from unnest($1::text[]) as q`,
          [queues],
        )
      ).rows[0].s;
    // Settled: every minute sent has become its job and every job has run.
    const settled = (s: Snap) =>
      s.every((q) => q.slots.every((x) => x.state === 'completed') && q.jobs.every((j) => j.state === 'completed'));
    // Two whole minutes' worth, sent after all four processes were up.
    const enough = (s: Snap) => s.every((q) => q.slots.filter((x) => Date.parse(x.created) >= readyAt).length >= 2);

    let snap = await snapshot();
    const deadline = readyAt + 140_000;
    while (!(settled(snap) && enough(snap)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      snap = await snapshot();
    }
    const logs = Object.values(nodes)
      .map((n) => `${n.name}: ${n.p.err()}`)
      .join('\n');
    expect(enough(snap), JSON.stringify(snap, null, 1) + logs).toBe(true);
    expect(settled(snap), JSON.stringify(snap, null, 1) + logs).toBe(true);

    for (const q of snap) {
      const minutes = q.slots.map((x) => Date.parse(`${x.at}Z`));
      // One slot per minute, minute after minute: none twice, none skipped.
      expect(
        minutes.slice(1).map((m, i) => m - minutes[i]),
        q.queue,
      ).toEqual(Array(minutes.length - 1).fill(60_000));
      // Exactly one job per minute: nothing else put one in the queue (a per-process timer
      // would), and a minute's job was not made twice.
      expect(q.jobs.length, q.queue).toBe(q.slots.length);
      // Each ran once, by one worker, at the first attempt.
      for (const j of q.jobs) expect(j, q.queue).toMatchObject({ state: 'completed', retries: 0 });
    }
  }, 170_000);
});
