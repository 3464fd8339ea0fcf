/**
 * npm run bench:notify -- [--tickets 1000] [--seconds 60] [--departments 4] [--agents 50]
 *                         [--customers 100] [--timeout 1800] [--label TEXT] [--node-args='--cpu-prof …']
 * (--timeout: seconds before giving up; --node-args: flags for the server's node, e.g. a heap limit)
 *
 * Notification fan-out (issue 15): the real server (src/server/main.ts, WORKER=true, DEMO=false)
 * runs as its own process on a fresh database `pishkhan_bench_notify` (dropped afterwards) and is
 * set up over HTTP like an install: departments of --agents agents with e-mail addresses (SMS and
 * push switched off in each agent's own settings), the system mailbox pointing at a local SMTP
 * receiver (STARTTLS + AUTH, test/helpers/smtp-receiver.ts) and --customers customers. Then
 * --tickets tickets are opened by customers through POST /api/v1/tickets, paced evenly over
 * --seconds, spread over the departments, and the bench waits until every in-app notification
 * exists, every e-mail delivery is `sent` and every e-mail has reached the receiver (one SMTP
 * message may carry several readers in its envelope) — checked exactly, reader by reader.
 * Lag: e-mail = arrival at the receiver − the ticket's 201 response (this process's clock);
 * in-app = notifications.created_at − tickets.created_at. The server's RSS is sampled every
 * 250 ms; CPU of the server, of the database's backends and of this process is read from /proc.
 * Writes bench/results/<date>-notify.{json,md}.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../test/helpers/pg-global-setup';
import { startSmtpReceiver, type ReceivedMail } from '../test/helpers/smtp-receiver';
import { randomPort, waitReady, type Proc } from '../test/helpers/server-process';
import { rssMb } from './load/measure';
import { cpuSampler, processesMatching } from './mail-profile';

const NUMBERS = { tickets: '1000', seconds: '60', departments: '4', agents: '50', customers: '100', timeout: '1800' };
const { values: opt } = parseArgs({
  options: {
    ...Object.fromEntries(Object.entries(NUMBERS).map(([k, v]) => [k, { type: 'string' as const, default: v }])),
    label: { type: 'string', default: '' },
    'node-args': { type: 'string', default: '' },
  },
});
const [N, SECONDS, DEPTS, AGENTS, CUSTOMERS, TIMEOUT_S] = Object.keys(NUMBERS).map((k) => {
  const v = Number((opt as Record<string, string>)[k]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive whole number`);
  return v;
});
const DB = 'pishkhan_bench_notify';
const ADMIN = { login: 'benchadmin', password: 'bench-Admin-Pw-5521' };
const SMTP = { username: 'notify-bench', password: 'smtp-Bench-Pw-8812' };
const PASSWORD = 'bench-user-pw-1';
const log = (m: string) => process.stderr.write(`[bench:notify] ${m}\n`);
const cleanup: Array<() => Promise<unknown> | unknown> = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** One signed-in person over HTTP (cookie + CSRF), as the web app talks to the server. */
async function signIn(base: string, login: string, password: string) {
  const head: Record<string, string> = { 'content-type': 'application/json', 'x-workspace': 'default' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1/${path}`, { method, headers: head, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return { res, json: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const { res, json } = await call('POST', 'auth/login', { login, password });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pk_session='));
  head.cookie = cookie!.split(';')[0];
  head['x-csrf-token'] = String(json.csrfToken);
  return call;
}
type Call = Awaited<ReturnType<typeof signIn>>;

/** Runs fn over 0..n-1, `lanes` at a time. */
async function pool(n: number, lanes: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(n, lanes) }, lane));
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (v: number) => round(v, 0);
  return { n: s.length, p50: f(pct(s, 50)), p95: f(pct(s, 95)), p99: f(pct(s, 99)), max: f(s.at(-1) ?? NaN) };
};

async function main() {
  const startedAt = new Date().toISOString();
  await recreateDatabase(DB);
  cleanup.push(() => dropDatabase(DB));
  const db = new pg.Pool({ connectionString: testDatabaseUrl(DB), max: 1 });
  cleanup.push(() => db.end());
  const q = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];

  // The receiver, with each mail's arrival stamped as it lands (the parsed mail is dropped after).
  const smtp = await startSmtpReceiver({ users: [{ user: SMTP.username, password: SMTP.password }] });
  cleanup.push(() => smtp.stop());
  // One SMTP message may carry several readers (its envelope): each recipient is one e-mail notification.
  const mails: { delivery: number; ticket: number }[] = [];
  const arrivals: { ticket: number; to: string; at: number }[] = [];
  let [seen, strays] = [0, 0];
  const stamp = () => {
    const at = Date.now();
    for (; seen < smtp.received.length; seen++) {
      const m = smtp.received[seen] as ReceivedMail & { parsed: unknown };
      const id = /^<notify\.(\d+)@/.exec(m.parsed.messageId ?? '');
      const ticket = Number(m.parsed.headers.get('x-pishkhan-ticket'));
      if (!id) strays++;
      else mails.push({ delivery: Number(id[1]), ticket });
      if (id) for (const to of m.envelope.to) arrivals.push({ ticket, to: to.toLowerCase(), at });
      m.raw = Buffer.alloc(0);
      (m as { parsed: unknown }).parsed = null;
    }
    smtp.waitFor(smtp.received.length + 1, 3_600_000).then(stamp, () => undefined);
  };
  stamp();
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-bench-notify-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ca.pem'), smtp.caCertPem);

  // The real server, started as `npm start` starts it (the bundle, built first), doing its own jobs.
  const port = randomPort();
  const base = `http://127.0.0.1:${port}`;
  // --node-args: profiling (--cpu-prof, --import a statement timer) or a heap limit, for the server only.
  const nodeArgs = opt['node-args'].split(' ').filter(Boolean);
  const root = new URL('..', import.meta.url).pathname;
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', 'dist/server/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH!,
      DATABASE_URL: testDatabaseUrl(DB),
      DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DEMO: 'false',
      WORKER: 'true',
      ADMIN_USERNAME: ADMIN.login,
      ADMIN_PASSWORD: ADMIN.password,
      SECRET_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      ALLOW_PRIVATE_NETWORK_TARGETS: 'true',
      MAIL_TLS_CA_FILE: join(dir, 'ca.pem'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  cleanup.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  await waitReady({ child, out: () => out, err: () => '', exited } as Proc, `${base}/readyz`, 120_000);
  const serverPid = child.pid!;
  log(`server pid ${serverPid} at ${base}, RSS ${rssMb(serverPid)} MB`);

  // Setup through the API, as an administrator would.
  const admin = await signIn(base, ADMIN.login, ADMIN.password);
  const depts: string[] = [];
  for (let d = 0; d < DEPTS; d++)
    depts.push(String((await admin('POST', 'departments', { name: `واحد ${d + 1}` })).json.id));
  const user = async (body: Record<string, unknown>) => {
    await admin('POST', 'users', { password: PASSWORD, ...body });
    return signIn(base, String(body.username), PASSWORD);
  };
  await pool(DEPTS * AGENTS, 8, async (i) => {
    const [username, departmentIds] = [`agent${i + 1}`, [depts[Math.floor(i / AGENTS)]]];
    const locale = i % 4 === 3 ? 'en' : 'fa'; // a quarter English: two texts, two messages per ticket
    const agent = await user({ role: 'agent', username, email: `${username}@bench.test`, departmentIds, locale });
    await agent('PUT', 'me/notification-settings', { channels: { sms: false, push: false } });
  });
  const customers: Call[] = [];
  await pool(CUSTOMERS, 8, async (i) => {
    customers[i] = await user({ role: 'customer', username: `customer${i + 1}`, email: `c${i + 1}@bench.test` });
  });
  // The system mailbox (no department): every department's notifications go out through it.
  const outbound = { host: '127.0.0.1', port: smtp.port, tls: 'starttls', auth: true, ...SMTP };
  await admin('POST', 'mailboxes', { address: 'desk@bench.test', displayName: 'میز خدمت', outbound });
  // The bench's own connection (one) is left out of PostgreSQL's CPU below.
  const [ws] = await q<{ id: string; pid: number }>(
    `select id, pg_backend_pid() as pid from workspaces where slug = 'default'`,
  );
  const W = Number(ws.id);
  await sleep(2000); // setup's own jobs settle
  log(`${DEPTS} departments × ${AGENTS} agents, ${CUSTOMERS} customers; RSS ${rssMb(serverPid)} MB`);

  // The measured part: open-loop creation (each ticket at its time, whatever the previous one does).
  const backends = () => processesMatching((c) => c.startsWith('postgres: ') && c.includes(` ${DB} `));
  const pgCpu = cpuSampler(() => backends().filter((pid) => pid !== ws.pid));
  const nodeCpu = cpuSampler(() => [serverPid]);
  const selfCpu = process.cpuUsage();
  const rss: number[] = [];
  const rssTimer = setInterval(() => rss.push(rssMb(serverPid) ?? 0), 250);
  const load0 = loadavg()[0];
  const expected = { inApp: N * (AGENTS + 1), email: N * (AGENTS + 1) };
  const created: { number: number; sent: number; at: number }[] = [];
  let failed = 0;
  const t0 = Date.now();
  const interval = (SECONDS * 1000) / N;
  // Until everything is there (or nothing moves for two minutes, or the time is up), once a second.
  const timeline: { s: number; inApp: number; sent: number; queued: number; arrived: number; rssMb: number }[] = [];
  let done = false;
  let creating = true;
  const watch = (async () => {
    let last = { key: '', at: Date.now() };
    while (Date.now() - t0 < TIMEOUT_S * 1000) {
      const [c] = await q<{ inapp: string; sent: string; queued: string }>(
        `select (select count(*) from notifications where workspace_id = $1) as inapp,
          count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'queued') as queued
          from deliveries where workspace_id = $1`,
        [W],
      );
      const [inApp, sent, queued] = [c.inapp, c.sent, c.queued].map(Number);
      const [arrived, rssMb, at] = [arrivals.length, rss.at(-1) ?? 0, round((Date.now() - t0) / 1000)];
      const row = { s: at, inApp, sent, queued, arrived, rssMb };
      if (timeline.push(row) % 10 === 1) log(JSON.stringify(row));
      if ((done = !creating && inApp >= expected.inApp && sent >= expected.email && arrived >= expected.email)) break;
      const key = `${inApp}/${sent}/${arrived}`;
      if (key !== last.key || creating) last = { key, at: Date.now() };
      else if (Date.now() - last.at > 120_000) break;
      await sleep(1000);
    }
  })();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < N; i++) {
    const wait = t0 + i * interval - Date.now();
    if (wait > 0) await sleep(wait);
    const sent = Date.now();
    inflight.push(
      customers[i % CUSTOMERS]('POST', 'tickets', {
        subject: `چاپگر طبقهٔ ${(i % 9) + 1} کار نمی‌کند (${i + 1})`,
        body: `<p>سلام، از صبح چاپگر طبقهٔ ${(i % 9) + 1} کاغذ را گیر می‌اندازد. شمارهٔ دستگاه ${1000 + i}.</p>`,
        departmentId: depts[i % DEPTS],
      }).then(
        ({ json }) => void created.push({ number: Number(json.number), sent, at: Date.now() }),
        (e) => void (failed++, log(String(e))),
      ),
    );
  }
  await Promise.all(inflight);
  creating = false;
  const createdS = (Date.now() - t0) / 1000;
  log(`${created.length} tickets in ${createdS.toFixed(1)} s (${failed} failed)`);
  await watch;
  const totalS = (Date.now() - t0) / 1000;
  clearInterval(rssTimer);
  const used = process.cpuUsage(selfCpu);
  const cpu = { server: await nodeCpu.stop(), postgres: await pgCpu.stop(), bench: (used.user + used.system) / 1e6 };
  const load1 = loadavg()[0];
  await sleep(1500); // late duplicates, if any, would show up now

  // Lags and checks, from the database and the receiver.
  const respondedAt = new Map(created.map((c) => [c.number, c.at]));
  const inAppLag = await q<{ ms: number; who: string; role: string }>(
    `select extract(epoch from n.created_at - t.created_at) * 1000 as ms, u.role,
      concat_ws(':', n.ticket_id, n.user_id, n.event) as who
      from notifications n join tickets t on t.id = n.ticket_id join users u on u.id = n.user_id
      where n.workspace_id = $1`,
    [W],
  );
  type D = { id: string; to: string; status: string; channel: string; ms: number | null; role: string; ticket: number };
  const ds = await q<D>(
    `select d.id, d."to", d.status, d.channel, d.ticket_number as ticket, u.role,
      extract(epoch from d.sent_at - t.created_at) * 1000 as ms
      from deliveries d join tickets t on t.id = d.ticket_id left join users u on u.id = d.user_id
      where d.workspace_id = $1`,
    [W],
  );
  // Each job's wait in the queue and run (pg-boss keeps finished jobs in job, or archive once archived).
  const jobs = await q<{ name: string; jobs: number; waitMs: number[]; runMs: number[] }>(
    `select name, count(*)::int as jobs,
      percentile_disc(array[0.5, 0.95])
        within group (order by (extract(epoch from started_on - created_on) * 1000)::int) as "waitMs",
      percentile_disc(array[0.5, 0.95])
        within group (order by (extract(epoch from completed_on - started_on) * 1000)::int) as "runMs"
      from (select name, created_on, started_on, completed_on from pgboss.job
        union all select name, created_on, started_on, completed_on from pgboss.archive) j
      where name in ('notify.ticket', 'notify.deliver') and created_on >= $1 group by name`,
    [new Date(t0)],
  );
  const emails = ds.filter((d) => d.channel === 'email');
  const byId = new Map(emails.map((d) => [Number(d.id), d]));
  const sentTo = new Set(emails.filter((d) => d.status === 'sent').map((d) => `${d.ticket}:${d.to.toLowerCase()}`));
  const want = expected.email;
  const checks = (
    [
      ['tickets created (201)', created.length, N],
      ['in-app notifications (tickets × (agents + 1 acknowledgement))', inAppLag.length, expected.inApp],
      ['of which acknowledgements (to the customer)', inAppLag.filter((x) => x.role === 'customer').length, N],
      ['duplicate in-app notifications', inAppLag.length - new Set(inAppLag.map((x) => x.who)).size, 0],
      ['e-mail deliveries', emails.length, want],
      ['of which acknowledgements', emails.filter((d) => d.role === 'customer').length, N],
      ['e-mail deliveries sent', emails.filter((d) => d.status === 'sent').length, want],
      ['other deliveries (SMS, push: off)', ds.length - emails.length, 0],
      ['e-mails received (envelope recipients)', arrivals.length, want],
      ['distinct (ticket, address) received', new Set(arrivals.map((a) => `${a.ticket}:${a.to}`)).size, want],
      ['received matching a sent delivery', arrivals.filter((a) => sentTo.has(`${a.ticket}:${a.to}`)).length, want],
      [
        'Message-IDs naming a delivery of the ticket',
        mails.filter((m) => byId.get(m.delivery)?.ticket === m.ticket).length,
        mails.length,
      ],
      ['mails not from a notification', strays, 0],
    ] as const
  ).map(([what, got, expected]) => ({ what, got, expected, ok: got === expected }));
  const mailLag = arrivals.map((a) => a.at - (respondedAt.get(a.ticket) ?? NaN)).filter((x) => !Number.isNaN(x));
  const lastS = (Math.max(...arrivals.map((a) => a.at)) - t0) / 1000;
  const lag = {
    email: stats(mailLag),
    inApp: stats(inAppLag.map((x) => Number(x.ms))),
    emailSentDb: stats(emails.filter((d) => d.ms !== null).map((d) => Number(d.ms))),
  };
  const perTicket = (s: number) => round((s * 1000) / N);
  const maxRss = Math.max(...rss);
  const r = {
    bench: 'notify',
    label: opt.label,
    at: startedAt,
    machine: { cores: cpus().length, node: process.version, load1m: [round(load0, 2), round(load1, 2)] },
    params: { tickets: N, seconds: SECONDS, departments: DEPTS, agents: AGENTS, customers: CUSTOMERS, sms: 'off' },
    nodeArgs: opt['node-args'],
    expected,
    complete: done,
    creation: { seconds: round(createdS), failed, responseMs: stats(created.map((c) => c.at - c.sent)) },
    lagMs: lag,
    jobs,
    seconds: { total: round(totalS), lastMail: round(lastS) },
    perSecond: {
      notifications: round((inAppLag.length + arrivals.length) / lastS),
      emails: round(arrivals.length / lastS),
    },
    smtpMessages: { count: mails.length, recipientsEach: round(arrivals.length / mails.length, 2) },
    serverRssMb: { start: rss[0], max: maxRss },
    cpuSeconds: { server: round(cpu.server, 2), postgres: round(cpu.postgres, 2), bench: round(cpu.bench, 2) },
    cpuMsPerTicket: { server: perTicket(cpu.server), postgres: perTicket(cpu.postgres), bench: perTicket(cpu.bench) },
    met: { lag: lag.email.p95 <= 5000 && lag.inApp.p95 <= 5000, rss: maxRss <= 300, all: checks.every((c) => c.ok) },
    checks,
    timeline,
  };
  const row = (name: string, s: ReturnType<typeof stats>) =>
    `| ${name} | ${s.n} | ${s.p50} | **${s.p95}** | ${s.p99} | ${s.max} |`;
  const yes = (b: boolean) => (b ? 'met' : '**not met**');
  const md = [
    r.label ? `${r.label}\n` : '',
    `Notifications: ${N} tickets in ${SECONDS} s, ${DEPTS} departments × ${AGENTS} agents, ${r.machine.cores} cores, ${r.at} (1-minute load ${r.machine.load1m.join(' → ')})`,
    '',
    `Created in ${r.creation.seconds} s (${failed} failed, response p50 ${r.creation.responseMs.p50} ms, p95 ${r.creation.responseMs.p95} ms); last e-mail ${r.seconds.lastMail} s after the first ticket; ${r.perSecond.notifications} notifications/s (${r.perSecond.emails} e-mails/s, in ${mails.length} SMTP messages of ${r.smtpMessages.recipientsEach} recipients on average).`,
    '',
    '| lag ms | count | p50 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|',
    row('e-mail (arrival − ticket response)', lag.email),
    row('in-app (created − ticket created)', lag.inApp),
    row('e-mail sent_at − ticket created (db)', lag.emailSentDb),
    '',
    `| job | jobs | wait p50 / p95 ms | run p50 / p95 ms |`,
    '|---|---:|---:|---:|',
    ...r.jobs.map((j) => `| ${j.name} | ${j.jobs} | ${j.waitMs.join(' / ')} | ${j.runMs.join(' / ')} |`),
    '',
    `Server RSS ${r.serverRssMb.start} MB at start, **max ${r.serverRssMb.max} MB**. CPU s: server ${r.cpuSeconds.server}, PostgreSQL backends ${r.cpuSeconds.postgres}, bench (client + receiver) ${r.cpuSeconds.bench}; per ticket ${r.cpuMsPerTicket.server} + ${r.cpuMsPerTicket.postgres} + ${r.cpuMsPerTicket.bench} ms.`,
    '',
    `Targets: lag p95 ≤ 5,000 ms (e-mail and in-app): ${yes(r.met.lag)}; server RSS ≤ 300 MB: ${yes(r.met.rss)}; every notification delivered: ${r.met.all ? 'yes' : '**NO**'}.`,
    '',
    '| check | got | expected | ok |',
    '|---|---:|---:|---|',
    ...checks.map((c) => `| ${c.what} | ${c.got} | ${c.expected} | ${c.ok ? 'yes' : '**NO**'} |`),
    '',
  ].join('\n');
  const when = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const results = new URL('./results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  writeFileSync(new URL(`${when}-notify.json`, results), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(new URL(`${when}-notify.md`, results), md);
  process.stdout.write(md);
  if (out.trim()) log(`server output:\n${out.slice(-3000)}`);
  return r.met.all;
}

let undoing: Promise<void> | null = null;
const undoAll = () =>
  (undoing ??= (async () => {
    for (const undo of cleanup.splice(0).reverse())
      await Promise.race([Promise.resolve().then(undo), sleep(15_000)]).catch((e) => console.error('cleanup:', e));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void undoAll().finally(() => process.exit(130)));

let code = 1;
try {
  code = (await main()) ? 0 : 2;
} catch (e) {
  console.error(e);
} finally {
  await undoAll();
}
process.exit(code);
