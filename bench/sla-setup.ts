/**
 * npm run bench:sla-setup -- --database-url URL [--workspace bench] [--open 100000]
 *
 * Issue 16's load on a seeded database (`npm run bench:seed`): an SLA policy on the default
 * business calendar, the SLA of the newest `--open` open tickets computed with the server's own
 * arithmetic (src/server/modules/sla/compute-sla.ts) — so some are in warning and some breached
 * at the time of the run — and half of them made requests of a SETIRAN desk, waiting on the
 * 72-working-hour timer, each with its pg-boss job scheduled at its due instant. Idempotent:
 * a second run replaces what the first made.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { ZCreateRequestType } from '../src/contracts/catalogue';
import { setiranRequestType } from '../src/server/modules/catalogue/setiran';
import { addWorkingMinutes, type WorkCalendar } from '../src/server/modules/calendars/working-time';
import { computeSla, type SlaPolicyRule } from '../src/server/modules/sla/compute-sla';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    workspace: { type: 'string', default: 'bench' },
    open: { type: 'string', default: '100000' },
  },
});
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('bench:sla-setup: pass --database-url');
  process.exit(2);
}
const OPEN = Number(values.open);
const TARGETS = { firstResponse: 240, nextResponse: 480, resolution: 2400 };

async function main() {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const one = async <T>(q: string, p: unknown[] = []) => (await db.query(q, p)).rows[0] as T;
  const ws = await one<{ id: string }>('select id from workspaces where slug = $1', [values.workspace]);
  const wsId = Number(ws.id);
  const cal = await one<{ id: string; timezone: string; week: WorkCalendar['week'] }>(
    'select id, timezone, week from calendars where workspace_id = $1 and is_default',
    [wsId],
  );
  const holidays = (
    await db.query('select date::text as d from calendar_holidays where calendar_id = $1', [cal.id])
  ).rows.map((r) => r.d as string);
  const calendar: WorkCalendar = { timezone: cal.timezone, week: cal.week, holidays: new Set(holidays) };

  // pg-boss makes its schema on start (a database the server never ran on has none yet).
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2 });
  await boss.start();
  for (const name of ['workflow.timer', 'sla.check']) if (!(await boss.getQueue(name))) await boss.createQueue(name);

  // Start over: the policy, the desk and its requests' columns, the timers and their jobs.
  await db.query('delete from sla_policies where workspace_id = $1', [wsId]);
  await db.query(
    `update tickets set sla_policy_id = null, sla_first_response_due = null, sla_next_response_due = null,
       sla_resolution_due = null, sla_next_due = null, sla_warn_at = null, sla_paused_at = null,
       sla_paused_minutes = 0, sla_breached = '{}', sla_state = null,
       desk_id = null, desk_number = null, request_type_id = null, values = null, workflow_status = null
     where workspace_id = $1 and (sla_policy_id is not null or desk_id is not null)`,
    [wsId],
  );
  await db.query('delete from ticket_timers where workspace_id = $1', [wsId]);
  await db.query("delete from pgboss.job where name in ('workflow.timer', 'sla.check', 'sla.recompute')");
  await db.query('delete from request_types where workspace_id = $1', [wsId]);
  await db.query('delete from desks where workspace_id = $1', [wsId]);

  const policy = await one<{ id: string }>(
    `insert into sla_policies (workspace_id, name, position, targets, warn_before, pause_while_pending, on_breach)
     values ($1, 'bench', 0, $2, 60, true, '{"raisePriority": true, "notify": []}') returning id`,
    [wsId, JSON.stringify(TARGETS)],
  );
  const rule: SlaPolicyRule = {
    id: Number(policy.id),
    conditions: {},
    targets: TARGETS,
    warnBefore: 60,
    pauseWhilePending: true,
    calendar,
  };
  const dep = await one<{ id: string }>('select id from departments where workspace_id = $1 order by id limit 1', [
    wsId,
  ]);
  const desk = await one<{ id: string }>(
    `insert into desks (workspace_id, key, name, department_id) values ($1, 'SETIRAN', 'شارژ پنل پیامکی', $2) returning id`,
    [wsId, dep.id],
  );
  const rt = ZCreateRequestType.parse(setiranRequestType({ itDepartmentId: dep.id }));
  const type = await one<{ id: string }>(
    `insert into request_types (workspace_id, desk_id, name, fields, workflow) values ($1, $2, $3, $4, $5) returning id`,
    [wsId, desk.id, rt.name, JSON.stringify(rt.fields), JSON.stringify(rt.workflow)],
  );

  // The seed leaves about 5% open; reopen the newest closed ones until `--open` are open.
  const { n: open } = await one<{ n: number }>(
    `select count(*)::int as n from tickets where workspace_id = $1 and deleted_at is null and status in ('active', 'pending')`,
    [wsId],
  );
  if (open < OPEN)
    await db.query(
      `update tickets set status = 'active', closed_at = null, waiting_since = coalesce(last_customer_reply_at, created_at)
        where id in (select id from tickets where workspace_id = $1 and deleted_at is null and status = 'closed'
                      order by id desc limit $2)`,
      [wsId, OPEN - open],
    );
  const rows = (
    await db.query(
      `select id, status, department_id, priority, type_id, created_at, last_agent_reply_at, waiting_since
         from tickets where workspace_id = $1 and deleted_at is null and status in ('active', 'pending')
        order by id desc limit $2`,
      [wsId, OPEN],
    )
  ).rows;
  const now = new Date();
  let done = 0;
  let requests = 0;
  const states = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    const jobs: PgBoss.JobInsert[] = [];
    const timers: { ticket: number; due: Date }[] = [];
    for (const [j, r] of batch.entries()) {
      // Tickets opened long ago are all breached; spread their creation over the last working week instead.
      const created = new Date(now.getTime() - ((i + j) % 9000) * 60_000);
      const f = computeSla(
        {
          status: r.status,
          departmentId: Number(r.department_id),
          priority: r.priority,
          typeId: r.type_id === null ? null : Number(r.type_id),
          requestTypeId: null,
          createdAt: created,
          lastAgentReplyAt: null,
          waitingSince: r.status === 'active' ? created : null,
          slaPolicyId: null,
          slaPausedAt: null,
          slaPausedMinutes: 0,
          slaBreached: [],
        },
        rule,
        now,
      );
      states.set(f.slaState ?? 'none', (states.get(f.slaState ?? 'none') ?? 0) + 1);
      const values = [
        Number(r.id),
        created,
        f.slaFirstResponseDue,
        f.slaResolutionDue,
        f.slaNextDue,
        f.slaWarnAt,
        f.slaPausedAt,
        f.slaState,
        (i + j) % 2 === 0 ? ++requests : null,
        (i + j) % 2 === 0 ? addWorkingMinutes(calendar, now, 4320 - ((i + j) % 4000)) : null,
      ];
      values.forEach((v, k) => cols[k].push(v));
      for (const at of [f.slaWarnAt, f.slaNextDue])
        if (at && at > now)
          jobs.push({ name: 'sla.check', data: { workspaceId: wsId, ticketId: Number(r.id) }, startAfter: at });
      if (values[8] !== null) timers.push({ ticket: Number(r.id), due: values[9] as Date });
    }
    await db.query(
      `update tickets t set created_at = v.created, sla_policy_id = $11, sla_first_response_due = v.frd,
         sla_resolution_due = v.rd, sla_next_due = v.nd, sla_warn_at = v.wa, sla_paused_at = v.pa, sla_state = v.st,
         desk_id = case when v.dn is null then null else $12::bigint end, desk_number = v.dn,
         request_type_id = case when v.dn is null then null else $13::bigint end,
         workflow_status = case when v.dn is null then null else 'invoice_requested' end,
         values = case when v.dn is null then null else jsonb_build_object('amount', 1000000 + v.dn) end
       from unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
                   $6::timestamptz[], $7::timestamptz[], $8::text[], $9::int[], $10::timestamptz[])
            as v(id, created, frd, rd, nd, wa, pa, st, dn, due)
       where t.workspace_id = $14 and t.id = v.id`,
      [...cols, policy.id, desk.id, type.id, wsId],
    );
    if (timers.length) {
      const made = await db.query(
        `insert into ticket_timers (workspace_id, ticket_id, kind, target, started_by, due_at)
         select $1, t, 'workflow', 'no_invoice', 'request_invoice', d from unnest($2::bigint[], $3::timestamptz[]) as u(t, d)
         returning id, due_at`,
        [wsId, timers.map((x) => x.ticket), timers.map((x) => x.due)],
      );
      for (const m of made.rows)
        jobs.push({ name: 'workflow.timer', data: { workspaceId: wsId, timerId: Number(m.id) }, startAfter: m.due_at });
    }
    await boss.insert(jobs);
    done += batch.length;
    process.stdout.write(`\r${done.toLocaleString('en-US')}/${rows.length.toLocaleString('en-US')} tickets`);
  }
  await db.query('update desks set last_number = $1 where id = $2', [requests, desk.id]);
  await db.query('analyze tickets');
  await boss.stop({ graceful: false });
  console.log(
    `\nSLA on ${rows.length.toLocaleString('en-US')} open tickets (${[...states].map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
      `${requests.toLocaleString('en-US')} SETIRAN requests with a workflow timer each.`,
  );
  await db.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
