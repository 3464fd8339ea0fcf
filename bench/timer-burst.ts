/**
 * npm run bench:timer-burst -- --database-url URL [--workspace bench] [--count 10000] [--kind sla|workflow]
 *
 * Issue 16: a burst of timers due in the same minute, against a running server with its worker
 * (WORKER=true, the default) on a database prepared by `npm run bench:sla-setup`. `sla`: that
 * many open tickets' first-response due time is moved to now and their `sla.check` jobs queued
 * for now — each breaches (records the miss, raises the priority, queues the notification);
 * `workflow`: that many SETIRAN requests' 72-hour timers fall due now — each takes the
 * escalation (a thread entry, a transfer, the event log). Measures from the queueing until the
 * last job is done, and how many took their action; writes bench/results/<date>-timer-burst-<kind>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import PgBoss from 'pg-boss';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    workspace: { type: 'string', default: 'bench' },
    count: { type: 'string', default: '10000' },
    kind: { type: 'string', default: 'sla' },
    label: { type: 'string', default: '' },
  },
});
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('bench:timer-burst: pass --database-url');
  process.exit(2);
}
const COUNT = Number(values.count);
const KIND = values.kind === 'workflow' ? 'workflow' : 'sla';
const QUEUE = KIND === 'sla' ? 'sla.check' : 'workflow.timer';

async function main() {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const wsId = Number((await db.query('select id from workspaces where slug = $1', [values.workspace])).rows[0].id);
  const now = new Date();
  let ids: number[];
  let jobs: PgBoss.JobInsert[];
  if (KIND === 'sla') {
    // Open tickets not yet answered: their first response falls due now.
    const rows = await db.query(
      // Opened long enough ago that the first response is overdue by the policy's own arithmetic
      // (the check recomputes from the row), its due time recorded as just now.
      `update tickets set sla_first_response_due = $3, sla_next_due = $3, sla_state = 'warning', sla_breached = '{}',
              created_at = $3::timestamptz - interval '30 days'
        where id in (select id from tickets where workspace_id = $1 and sla_policy_id is not null
                       and status = 'active' and last_agent_reply_at is null
                       and deleted_at is null order by id limit $2)
        returning id`,
      [wsId, COUNT, new Date(now.getTime() - 1000)],
    );
    ids = rows.rows.map((r) => Number(r.id));
    jobs = ids.map((ticketId) => ({ name: QUEUE, data: { workspaceId: wsId, ticketId } }));
  } else {
    const rows = await db.query(
      `update ticket_timers set due_at = $3
        where id in (select tt.id from ticket_timers tt join tickets t on t.id = tt.ticket_id
                      where tt.workspace_id = $1 and tt.kind = 'workflow' and t.workflow_status = 'invoice_requested'
                      order by tt.id limit $2)
        returning id`,
      [wsId, COUNT, new Date(now.getTime() - 1000)],
    );
    ids = rows.rows.map((r) => Number(r.id));
    jobs = ids.map((timerId) => ({ name: QUEUE, data: { workspaceId: wsId, timerId } }));
  }
  if (ids.length < COUNT) console.warn(`only ${ids.length} ${KIND} timers could be made due (run bench:sla-setup)`);
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2 });
  await boss.start();
  const started = Date.now();
  for (let i = 0; i < jobs.length; i += 1000) await boss.insert(jobs.slice(i, i + 1000));
  const queuedMs = Date.now() - started;
  const pendingSql = `select count(*)::int as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active')
                        and start_after <= now()`;
  let last = -1;
  for (;;) {
    const n = (await db.query(pendingSql, [QUEUE])).rows[0].n as number;
    if (n !== last)
      process.stdout.write(`\r${n.toLocaleString('en-US')} left · ${((Date.now() - started) / 1000).toFixed(1)} s   `);
    last = n;
    if (n === 0) break;
    if (Date.now() - started > 600_000) throw new Error('still not done after 10 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - started) / 1000;
  const acted =
    KIND === 'sla'
      ? (
          await db.query(
            `select count(*)::int as n from tickets where id = any($1::bigint[]) and 'firstResponse' = any(sla_breached)`,
            [ids],
          )
        ).rows[0].n
      : (
          await db.query(
            `select count(*)::int as n from ticket_events where workspace_id = $1 and kind = 'transition'
               and created_at >= $2 and data->>'transitionId' = 'no_invoice'`,
            [wsId, now],
          )
        ).rows[0].n;
  const failed = (
    await db.query(
      `select count(*)::int as n from pgboss.job where name = $1 and state = 'failed' and created_on >= $2`,
      [QUEUE, now],
    )
  ).rows[0].n;
  const result = {
    scenario: `timer-burst-${KIND}`,
    label: values.label,
    at: now.toISOString(),
    timers: ids.length,
    queuedSeconds: queuedMs / 1000,
    seconds,
    perSecond: Math.round(ids.length / seconds),
    acted,
    failed,
  };
  console.log(`\n${JSON.stringify(result)}`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const stamp = now.toISOString().replace(/[:T]/g, '-').slice(0, 19);
  writeFileSync(
    new URL(`./results/${stamp}-timer-burst-${KIND}.json`, import.meta.url),
    JSON.stringify(result, null, 2),
  );
  await boss.stop({ graceful: false });
  await db.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
