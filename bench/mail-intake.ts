/**
 * npm run bench:mail -- [--messages 10000] [--protocol imap|pop3] [--database-url URL]
 *                        [--customers 300] [--seed 1] [--label TEXT]
 *
 * E-mail intake throughput: a private Dovecot gets N generated mails (bench/mail-generate.ts),
 * a fresh workspace gets a department, its mailbox (through the actions, password sealed) and
 * some customers; then one `fetchMailbox` is timed end to end, from connecting to the last
 * commit. Checks that the database holds exactly the expected tickets, replies, files and
 * fetch records and that a second fetch imports nothing; writes
 * bench/results/<date>-mail-intake.json (and .md) and prints a markdown table.
 *
 * Without --database-url it creates `pishkhan_bench_mail` on 127.0.0.1:5432 and drops it
 * afterwards; Dovecot and temporary files are removed even when the run fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { users } from '../src/db/schema';
import { ZCreateDepartment } from '../src/contracts/organisation';
import { ZCreateMailbox } from '../src/contracts/mail';
import { createDepartment } from '../src/server/modules/departments/department-actions';
import { createMailbox } from '../src/server/modules/mail/create-mailbox';
import { fetchMailbox, type FetchResult } from '../src/server/modules/mail/intake/fetch-mailbox';
import { parseMail } from '../src/server/modules/mail/inbound/parse-mail';
import { createWorkspace, systemCtx } from '../src/server/modules/workspaces/create-workspace';
import { loadConfig } from '../src/server/platform/config';
import type { AppDeps } from '../src/server/platform/context';
import { queryRows } from '../src/server/platform/db/database';
import { closeDeps, createDeps } from '../src/server/platform/deps';
import { JOB_QUEUES } from '../src/server/jobs-registry';
import { createLogger } from '../src/server/platform/logger';
import { startDovecot, type Dovecot } from '../test/helpers/dovecot';
import { generateMails, makeCustomers, type GeneratedMails } from './mail-generate';
import {
  cpuSampler,
  processesMatching,
  processGroup,
  rssSampler,
  statementTimer,
  type StatementStat,
} from './mail-profile';

const { values: opt } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    protocol: { type: 'string', default: 'imap' },
    'database-url': { type: 'string' },
    customers: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    label: { type: 'string', default: '' },
  },
});
const N = Number(opt.messages);
const protocol = opt.protocol as 'imap' | 'pop3';
if (!Number.isInteger(N) || N < 1) throw new Error('--messages must be a positive whole number');
if (protocol !== 'imap' && protocol !== 'pop3') throw new Error('--protocol must be imap or pop3');
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const OWN_DB = 'pishkhan_bench_mail';
const MAIL_USER = 'bench';
const MAIL_PASSWORD = 'bench-Mail-Pw-7731';

/** Undo steps, run last-first whatever happens. */
const cleanup: Array<() => Promise<unknown> | unknown> = [];

async function main() {
  const log = (msg: string) => process.stderr.write(`[bench:mail] ${msg}\n`);
  const databaseUrl = opt['database-url'] ?? (await freshDatabase());
  const work = mkdtempSync(join(tmpdir(), 'pishkhan-bench-mail-'));
  cleanup.push(() => rmSync(work, { recursive: true, force: true }));

  log('starting Dovecot');
  const dovecot = await startDovecot({ users: [{ user: MAIL_USER, password: MAIL_PASSWORD }] });
  cleanup.push(() => dovecot.stop());
  const caFile = join(work, 'ca.pem');
  writeFileSync(caFile, dovecot.caCertPem);

  const config = loadConfig({
    DATA_DIR: work,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '5',
    MAIL_TLS_CA_FILE: caFile,
  });
  const deps = await createDeps(config, { queues: JOB_QUEUES, log: createLogger('error') });
  cleanup.push(() => closeDeps(deps));

  const setup = await workspaceWithMailbox(deps, dovecot);
  log(`workspace ${setup.slug}: mailbox ${setup.mailboxId}, ${setup.customers.length} customers`);

  let t = performance.now();
  const mails = generateMails(N, setup.customers, Number(opt.seed));
  const generateS = (performance.now() - t) / 1000;
  t = performance.now();
  const stored = await dovecot.deliverMany(MAIL_USER, mails.raws);
  const deliverS = (performance.now() - t) / 1000;
  if (stored !== N) throw new Error(`Dovecot holds ${stored} messages, expected ${N}`);
  log(
    `${N} mails (${(mails.mix.bytes / 1048576).toFixed(1)} MB) generated in ${generateS.toFixed(1)} s, delivered in ${deliverS.toFixed(1)} s`,
  );

  // The timed fetch, with every SQL statement timed, the RSS sampled and the CPU time of this
  // process, of the database's backends (found by the database name in their process title)
  // and of Dovecot's processes (its master leads their process group) measured.
  const timer = statementTimer();
  cleanup.push(() => timer.restore());
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const pgCpu = cpuSampler(() =>
    processesMatching((cmd) => cmd.startsWith('postgres: ') && cmd.includes(` ${dbName} `)),
  );
  const [dovecotMaster] = processesMatching((cmd) => cmd.includes(join(dovecot.dir, 'dovecot.conf')));
  const mailCpu = cpuSampler(() => (dovecotMaster ? processGroup(dovecotMaster) : []));
  const rss = rssSampler();
  log(`fetching over ${protocol.toUpperCase()}`);
  const nodeCpu = process.cpuUsage();
  // Other work on the machine competes for the same two cores: the 1-minute load average says how much.
  const loadBefore = loadavg()[0];
  timer.start();
  t = performance.now();
  const result = await fetchMailbox(deps, { workspaceId: setup.workspaceId, mailboxId: setup.mailboxId });
  const seconds = (performance.now() - t) / 1000;
  timer.stop();
  const used = process.cpuUsage(nodeCpu);
  const cpu = { node: (used.user + used.system) / 1e6, postgres: await pgCpu.stop(), dovecot: await mailCpu.stop() };
  const load = { before: loadBefore, after: loadavg()[0] };
  rss.stop();
  const statements = timer.stats();
  log(
    `fetched in ${seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}${result.error ? ` error: ${result.error}` : ''}`,
  );

  const second = await fetchMailbox(deps, { workspaceId: setup.workspaceId, mailboxId: setup.mailboxId });
  const checks = await verify(deps, setup, mails, result, second, dovecot);

  // Parsing alone, on the same mails, warm: the CPU share of mailparser and sanitising.
  t = performance.now();
  for (const raw of mails.raws) await parseMail(raw).catch(() => undefined);
  const parseS = (performance.now() - t) / 1000;

  const report = summarise({
    seconds,
    result,
    statements,
    parseS,
    cpu,
    load,
    rssStartMb: rss.startMb(),
    rssPeakMb: rss.peakMb(),
    mails,
    checks,
    generateS,
    deliverS,
  });
  write(report);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length)
    throw new Error(
      `verification failed:\n${failed.map((c) => `  ${c.what}: got ${c.got}, expected ${c.expected}`).join('\n')}`,
    );
}

/** Drops and creates the benchmark's own database; drops it again at the end. */
async function freshDatabase(): Promise<string> {
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${OWN_DB} with (force)`);
  await admin(`create database ${OWN_DB}`);
  cleanup.push(() => admin(`drop database if exists ${OWN_DB} with (force)`));
  return ADMIN_URL.replace(/\/postgres$/, `/${OWN_DB}`);
}

interface Setup {
  slug: string;
  workspaceId: number;
  mailboxId: number;
  customers: ReturnType<typeof makeCustomers>;
}

/** A workspace, a department with its mailbox on the private Dovecot, and customers (one INSERT). */
async function workspaceWithMailbox(deps: AppDeps, dovecot: Dovecot): Promise<Setup> {
  const slug = `mail${Date.now().toString(36)}`;
  const { workspace, admin } = await createWorkspace(deps, {
    slug,
    name: 'Mail intake bench',
    admin: { username: 'admin', password: 'bench-admin-pw-1' },
  });
  const ctx = systemCtx(deps, workspace.id, admin.id);
  const dep = await createDepartment({ ctx, input: ZCreateDepartment.parse({ name: 'پشتیبانی ایمیل' }) });
  const box = await createMailbox({
    ctx,
    input: ZCreateMailbox.parse({
      departmentId: dep.id,
      address: 'support@bench.pishkhan.test',
      inbound: {
        protocol,
        host: dovecot.host,
        port: dovecot.ports[protocol],
        tls: 'starttls',
        username: MAIL_USER,
        password: MAIL_PASSWORD,
      },
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    }),
  });
  const customers = makeCustomers(Number(opt.customers), Number(opt.seed));
  const now = new Date();
  await deps.database.db.insert(users).values(
    customers.map((c, i) => ({
      workspaceId: workspace.id,
      role: 'customer' as const,
      username: `customer${i}`,
      email: c.email,
      name: c.name,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return { slug, workspaceId: workspace.id, mailboxId: Number(box.id), customers };
}

interface Check {
  what: string;
  got: number | string;
  expected: number | string;
  ok: boolean;
}

/** The database must hold exactly what the generated mails call for, and a second fetch nothing. */
async function verify(
  deps: AppDeps,
  s: Setup,
  mails: GeneratedMails,
  first: FetchResult,
  second: FetchResult,
  dovecot: Dovecot,
): Promise<Check[]> {
  const e = mails.expected;
  const [row] = await queryRows<Record<string, number>>(
    deps.database.db,
    sql`select
          (select count(*) from tickets where workspace_id = ${s.workspaceId})::int as tickets,
          (select count(*) from tickets where workspace_id = ${s.workspaceId} and requester_id is not null)::int as customer_tickets,
          (select count(*) from messages where workspace_id = ${s.workspaceId} and kind = 'reply')::int as replies,
          (select count(*) from messages where workspace_id = ${s.workspaceId} and kind = 'note')::int as notes,
          (select count(*) from files where workspace_id = ${s.workspaceId} and message_id is not null)::int as files,
          (select count(*) from mail_fetched where mailbox_id = ${s.mailboxId})::int as fetched,
          (select count(*) from mail_fetched where mailbox_id = ${s.mailboxId} and outcome = 'ignored')::int as fetched_ignored,
          (select count(*) from mail_fetched where mailbox_id = ${s.mailboxId} and outcome = 'quarantined')::int as fetched_quarantined,
          (select count(*) from mailboxes where id = ${s.mailboxId} and fetching_until is null and last_error is null)::int as mailbox_clean`,
  );
  const c = (what: string, got: number | string, expected: number | string): Check => ({
    what,
    got,
    expected,
    ok: got === expected,
  });
  const checks = [
    c('first fetch: no error', first.error ?? first.skipped ?? '', ''),
    ...(['ticket', 'reply', 'ignored', 'duplicate', 'quarantined'] as const).map((k) =>
      c(`first fetch: ${k}`, first.counts[k], e[k]),
    ),
    c('tickets', row.tickets, e.ticket),
    c('tickets of customers', row.customer_tickets, e.customerTickets),
    c('reply messages (first + answers)', row.replies, e.ticket + e.reply),
    c('notes (refused files)', row.notes, 0),
    c('stored attachments', row.files, e.files),
    c('fetch records', row.fetched, N),
    c('fetch records ignored (automated + duplicate)', row.fetched_ignored, e.ignored + e.duplicate),
    c('fetch records quarantined', row.fetched_quarantined, e.quarantined),
    c('mailbox lease released, no error', row.mailbox_clean, 1),
    c(
      'second fetch: imported',
      Object.values(second.counts).reduce((a, b) => a + b, 0),
      0,
    ),
    c('second fetch: no error', second.error ?? second.skipped ?? '', ''),
  ];
  if (protocol === 'imap') checks.push(c('IMAP: unseen left', await unseenCount(dovecot), 0));
  return checks;
}

async function unseenCount(d: Dovecot): Promise<number> {
  const client = new ImapFlow({
    host: d.host,
    port: d.ports.imaps,
    secure: true,
    tls: { ca: [d.caCertPem] },
    auth: { user: MAIL_USER, pass: MAIL_PASSWORD },
    logger: false,
  });
  await client.connect();
  try {
    const st = await client.status('INBOX', { unseen: true });
    return st ? (st.unseen ?? -1) : -1;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

interface Inputs {
  seconds: number;
  result: FetchResult;
  statements: StatementStat[];
  parseS: number;
  cpu: { node: number; postgres: number; dovecot: number };
  load: { before: number; after: number };
  rssStartMb: number;
  rssPeakMb: number;
  mails: GeneratedMails;
  checks: Check[];
  generateS: number;
  deliverS: number;
}

function summarise(x: Inputs) {
  const dbS = x.statements.reduce((a, s) => a + s.totalMs, 0) / 1000;
  const dbCount = x.statements.reduce((a, s) => a + s.count, 0);
  // The fetch's time outside the import: connecting, waiting for messages, marking them.
  const waitS = x.result.timing ? (x.result.timing.totalMs - x.result.timing.importMs) / 1000 : null;
  const otherS = x.seconds - dbS - x.parseS - (waitS ?? 0);
  const part = (name: string, s: number | null, note: string) => ({
    part: name,
    seconds: s === null ? null : round(s, 2),
    msPerMessage: s === null ? null : round((s * 1000) / N, 3),
    share: s === null ? null : `${Math.round((s / x.seconds) * 100)}%`,
    note,
  });
  return {
    bench: 'mail-intake',
    label: opt.label,
    at: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      node: process.version,
      loadAverage1m: { before: round(x.load.before, 2), after: round(x.load.after, 2) },
    },
    protocol,
    messages: N,
    seconds: round(x.seconds, 2),
    perSecond: round(N / x.seconds, 1),
    counts: x.result.counts,
    expected: x.mails.expected,
    mix: x.mails.mix,
    // The process holds every generated mail (and the app) before the fetch starts.
    rssStartMb: x.rssStartMb,
    rssPeakMb: x.rssPeakMb,
    generateS: round(x.generateS, 2),
    deliverS: round(x.deliverS, 2),
    breakdown: [
      part(
        'database statements',
        dbS,
        `${dbCount} statements, ${round(dbCount / N, 1)} per message, timed from query() to answer`,
      ),
      part('parse (mailparser + sanitising)', x.parseS, 'measured alone on the same mails after the run'),
      part(`${protocol.toUpperCase()} wait`, waitS, 'intake waiting for the next message from the server'),
      part('other (JS: query building, files, bookkeeping)', otherS, 'the rest of the wall time'),
    ],
    cpuSeconds: { node: round(x.cpu.node, 2), postgres: round(x.cpu.postgres, 2), dovecot: round(x.cpu.dovecot, 2) },
    cpuMsPerMessage: {
      node: round((x.cpu.node * 1000) / N, 2),
      postgres: round((x.cpu.postgres * 1000) / N, 2),
      dovecot: round((x.cpu.dovecot * 1000) / N, 2),
    },
    statements: x.statements.slice(0, 30).map((s) => ({
      sql: s.sql,
      count: s.count,
      totalMs: round(s.totalMs, 0),
      meanMs: round(s.totalMs / s.count, 3),
    })),
    checks: x.checks,
  };
}

function write(r: ReturnType<typeof summarise>) {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const md = [
    r.label ? `${r.label}\n` : '',
    `Mail intake, ${r.protocol.toUpperCase()}, ${r.messages.toLocaleString('en')} messages (${(r.mix.bytes / 1048576).toFixed(1)} MB), ${r.machine.cores} cores, ${r.at}; RSS ${r.rssStartMb} MB when the fetch started`,
    '',
    '| protocol | messages | seconds | messages/s | ticket | reply | ignored | duplicate | quarantined | peak RSS MB | checks |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    `| ${r.protocol} | ${r.messages} | ${r.seconds} | **${r.perSecond}** | ${r.counts.ticket} | ${r.counts.reply} | ${r.counts.ignored} | ${r.counts.duplicate} | ${r.counts.quarantined} | ${r.rssPeakMb} | ${r.checks.every((c) => c.ok) ? 'all passed' : `${r.checks.filter((c) => !c.ok).length} FAILED`} |`,
    '',
    `CPU during the fetch (${r.machine.cores} cores = ${round(r.seconds * r.machine.cores, 1)} CPU-seconds available; 1-minute load average ${r.machine.loadAverage1m.before} → ${r.machine.loadAverage1m.after}): ` +
      `Node ${r.cpuSeconds.node} s, PostgreSQL backends ${r.cpuSeconds.postgres} s, Dovecot ${r.cpuSeconds.dovecot} s — ` +
      `per message ${r.cpuMsPerMessage.node} + ${r.cpuMsPerMessage.postgres} + ${r.cpuMsPerMessage.dovecot} ms.`,
    '',
    '| where the time goes | seconds | ms/message | share | how |',
    '|---|---:|---:|---:|---|',
    ...r.breakdown.map(
      (b) => `| ${b.part} | ${b.seconds ?? '—'} | ${b.msPerMessage ?? '—'} | ${b.share ?? '—'} | ${b.note} |`,
    ),
    '',
    '| statement (first 90 characters) | count | total ms | mean ms |',
    '|---|---:|---:|---:|',
    ...r.statements
      .slice(0, 15)
      .map((s) => `| \`${s.sql.replace(/\|/g, '\\|')}\` | ${s.count} | ${s.totalMs} | ${s.meanMs} |`),
    '',
  ].join('\n');
  writeFileSync(new URL(`${stamp}-mail-intake.json`, dir), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(new URL(`${stamp}-mail-intake.md`, dir), md);
  process.stdout.write(md);
  for (const c of r.checks.filter((x) => !x.ok))
    process.stdout.write(`check failed: ${c.what}: got ${c.got}, expected ${c.expected}\n`);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Undoes everything, once: a signal's cleanup and the end of main() wait for the same run. */
let undoing: Promise<void> | null = null;
function undoAll(stepMs = 30_000): Promise<void> {
  undoing ??= undoSteps(stepMs);
  return undoing;
}

/**
 * Each step gets at most `stepMs`: after Ctrl-C the fetch is still running and closing the
 * pool waits for its connection, but Dovecot must be stopped and the database dropped (which
 * ends that connection) all the same.
 */
async function undoSteps(stepMs: number) {
  for (const undo of cleanup.splice(0).reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, stepMs)));
    try {
      await Promise.race([Promise.resolve().then(undo), late]);
    } catch (e) {
      console.error('cleanup:', e);
    } finally {
      clearTimeout(timer);
    }
  }
}

// Dovecot runs in its own process group: Ctrl-C would not reach it, so clean up here too.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`[bench:mail] ${signal}: cleaning up\n`);
    void undoAll(3_000).finally(() => process.exit(130));
  });
}

let code = 0;
try {
  await main();
} catch (e) {
  // After a signal the fetch fails as its database goes away: that is no news.
  if (!interrupted) console.error(e);
  code = 1;
} finally {
  await undoAll();
}
process.exit(code);
