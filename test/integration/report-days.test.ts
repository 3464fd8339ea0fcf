import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { reportsJobs } from '../../src/server/modules/reports';
import {
  ADMIN_PASSWORD,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type Client,
  type TestApp,
} from '../helpers/test-app';

/**
 * K4 at scale: the overview added up from report days equals the same overview counted from the
 * tickets, after the first build, after changes of every kind to old and new tickets (closing,
 * reopening, moving, reassigning, deleting, a survey answered), and equals days counted from
 * scratch; a new time zone recounts them; a large workspace's days come from the job, the
 * tickets answering meanwhile; the triggers mark nothing for a workspace without report days.
 */
let t: TestApp;
let workspaceId: number;
let slug: string;
let admin: Client;
let deps: { a: string; b: string };
let agents: string[];
let customer: Client;
const numbers: number[] = [];
const RANGE = 'from=2026-09-01&to=2026-09-10';
const at = (tehran: string) => new Date(`${tehran}+03:30`);
const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  ((await t.deps.database.executeSql(text, values)) as { rows: T[] }).rows;
const overview = async (extra = '') => {
  const res = await admin.get(`reports/overview?${RANGE}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const state = async () =>
  (
    await q<{ time_zone: string; built: boolean }>(
      'select time_zone, built_at is not null as built from report_state where workspace_id = $1',
      [workspaceId],
    )
  )[0];
/** The same overview counted from the tickets (the days marked unbuilt for one request). */
async function fromTickets(extra = '') {
  await q('update report_state set built_at = null where workspace_id = $1', [workspaceId]);
  const r = await overview(extra);
  await q('update report_state set built_at = now() where workspace_id = $1', [workspaceId]);
  return r;
}
/** The same overview from days counted from scratch. */
async function fromScratch(extra = '') {
  await q('delete from report_state where workspace_id = $1', [workspaceId]);
  return overview(extra);
}
const FILTERS = ['', '&departmentId=DEP_A', '&agentId=AGENT_0'];
const filter = (f: string) => f.replace('DEP_A', deps.a).replace('AGENT_0', agents[0]);

beforeAll(async () => {
  t = await createTestApp('postgres');
  t.clock.set(at('2026-08-30T09:00:00'));
  const w = await newWorkspace(t);
  workspaceId = w.workspaceId;
  slug = w.slug;
  admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
  deps = {
    a: (await admin.post('departments', { name: 'پشتیبانی' })).json().id,
    b: (await admin.post('departments', { name: 'فروش' })).json().id,
  };
  agents = [];
  for (const name of ['سارا', 'Omid', 'Leila'])
    agents.push((await makeUser(t, admin, w.slug, { role: 'agent', name, departmentIds: [deps.a, deps.b] })).id);
  customer = (await makeUser(t, admin, w.slug, { role: 'customer', name: 'مشتری' })).client;
  // 24 tickets over eight days, at hours that cross local and UTC midnight; answered after
  // 7..(7+40i) minutes (several in one bucket), two thirds closed a day or two later.
  for (let i = 0; i < 24; i++) {
    const day = 1 + (i % 8);
    const hour = [0, 2, 11, 23][i % 4];
    const opened = at(
      `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(i).padStart(2, '0')}:00`,
    );
    t.clock.set(opened);
    const res = await customer.post('tickets', {
      subject: `درخواست ${i}`,
      body: '<p>متن</p>',
      departmentId: i % 3 ? deps.a : deps.b,
    });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json().number;
    numbers.push(n);
    const assignees = i % 5 === 0 ? [] : i % 4 === 0 ? [agents[0], agents[1]] : [agents[i % 3]];
    expect((await admin.patch(`tickets/${n}`, { assigneeIds: assignees })).statusCode).toBe(200);
    t.clock.set(new Date(opened.getTime() + (7 + 40 * (i % 6)) * 60_000 + (i % 2) * 1_000));
    expect((await admin.post(`tickets/${n}/messages`, { body: '<p>پاسخ</p>' })).statusCode).toBe(201);
    if (i % 3 !== 2) {
      t.clock.set(new Date(opened.getTime() + (20 + 13 * i) * 3_600_000));
      expect((await admin.patch(`tickets/${n}`, { status: 'closed' })).statusCode).toBe(200);
    }
  }
  t.clock.set(at('2026-09-12T10:00:00'));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('report days', () => {
  it('writes no marks for a workspace whose reports were never opened', async () => {
    expect(await state()).toBeUndefined();
    expect(await q('select 1 from report_dirty where workspace_id = $1', [workspaceId])).toHaveLength(0);
  });

  it('are counted at the first overview, and add up to what the tickets give', async () => {
    const stored = await overview();
    expect(await state()).toEqual({ time_zone: 'Asia/Tehran', built: true });
    expect((await q('select count(*)::int as n from report_days where workspace_id = $1', [workspaceId]))[0]).toEqual({
      n: expect.any(Number),
    });
    expect(stored.created).toBe(24);
    expect(stored.closed).toBeGreaterThan(0);
    for (const f of FILTERS) expect(await overview(filter(f)), f).toEqual(await fromTickets(filter(f)));
  });

  it('follow every change at the next overview, old days as well as today', async () => {
    await overview();
    t.clock.set(at('2026-09-10T15:00:00'));
    // An open ticket of the first days closed now; a closed one reopened; one moved, one reassigned, one deleted.
    const open = numbers.filter((_, i) => i % 3 === 2);
    const closed = numbers.filter((_, i) => i % 3 !== 2);
    expect((await admin.patch(`tickets/${open[0]}`, { status: 'closed' })).statusCode).toBe(200);
    expect((await admin.patch(`tickets/${closed[0]}`, { status: 'active' })).statusCode).toBe(200);
    expect((await admin.patch(`tickets/${closed[1]}`, { departmentId: deps.b })).statusCode).toBe(200);
    expect((await admin.patch(`tickets/${closed[2]}`, { assigneeIds: [agents[2]] })).statusCode).toBe(200);
    expect((await admin.del(`tickets/${open[1]}`)).statusCode).toBe(204);
    // A survey answered (as the survey page writes it), and an SLA outcome set behind the app's back.
    const [ticket] = await q<{ id: string }>('select id from tickets where workspace_id = $1 and number = $2', [
      workspaceId,
      closed[3],
    ]);
    await q(
      `insert into csat_surveys (workspace_id, ticket_id, token_hash, agent_ids, sent_at, rating, answered_at)
       values ($1, $2, 'report-days-1', $3::bigint[], $4, 4, $4)`,
      [workspaceId, ticket.id, `{${agents[1]}}`, at('2026-09-09T12:00:00')],
    );
    await q(`update tickets set sla_breached = '{firstResponse}' where workspace_id = $1 and number = $2`, [
      workspaceId,
      closed[4],
    ]);
    expect(
      (await q('select count(*)::int as n from report_dirty where workspace_id = $1', [workspaceId]))[0].n,
    ).toBeGreaterThan(0);
    const after = await overview();
    expect(after.created).toBe(23);
    expect(after.csat).toEqual({ average: 4, responses: 1 });
    expect(await q('select 1 from report_dirty where workspace_id = $1', [workspaceId])).toHaveLength(0);
    // The surveyed ticket moved: its answer now counts for the other department.
    expect((await admin.patch(`tickets/${closed[3]}`, { departmentId: deps.b })).statusCode).toBe(200);
    for (const f of FILTERS) {
      const stored = await overview(filter(f));
      expect(stored, f).toEqual(await fromTickets(filter(f)));
      expect(stored, f).toEqual(await fromScratch(filter(f)));
    }
  });

  it('are counted again in a new time zone', async () => {
    const tehran = await overview();
    expect((await admin.patch('settings', { timeZone: 'UTC' })).statusCode).toBe(200);
    const utc = await overview();
    expect(await state()).toEqual({ time_zone: 'UTC', built: true });
    expect(utc.timeZone).toBe('UTC');
    // Tickets opened in the first minutes of a Tehran day belong to the day before in UTC.
    expect(utc.byDay).not.toEqual(tehran.byDay);
    expect(utc).toEqual(await fromTickets());
    expect((await admin.patch('settings', { timeZone: 'Asia/Tehran' })).statusCode).toBe(200);
    expect(await overview()).toEqual(tehran);
  });

  it('of a large workspace come from the job; until then the tickets answer, and a stalled build is sent again', async () => {
    const expected = await overview();
    // As reportDaysReady leaves a workspace over 20,000 tickets: claimed, not built, the job sent.
    await q('delete from report_days where workspace_id = $1', [workspaceId]);
    await q(`update report_state set built_at = null, created_at = now() - interval '1 hour' where workspace_id = $1`, [
      workspaceId,
    ]);
    expect(await overview()).toEqual(expected);
    const [build, refresh] = reportsJobs();
    await (refresh.handler(t.deps) as unknown as () => Promise<void>)();
    const sent = await q<{ data: { workspaceId: number } }>(
      `select data from pgboss.job where name = 'reports.build' and data->>'workspaceId' = $1`,
      [String(workspaceId)],
    );
    expect(sent.length).toBeGreaterThan(0);
    await build.handler(t.deps)({ workspaceId, timeZone: 'Asia/Tehran' } as never, { id: 'x', name: build.queue });
    expect(await state()).toEqual({ time_zone: 'Asia/Tehran', built: true });
    expect(await overview()).toEqual(expected);
  });

  it('are brought up to date by the refresh job when nobody looks', async () => {
    await overview();
    t.clock.set(at('2026-09-10T16:00:00'));
    const closed = numbers.filter((_, i) => i % 3 !== 2);
    expect((await admin.patch(`tickets/${closed[5]}`, { status: 'active' })).statusCode).toBe(200);
    expect(
      (await q('select count(*)::int as n from report_dirty where workspace_id = $1', [workspaceId]))[0].n,
    ).toBeGreaterThan(0);
    const [, refresh] = reportsJobs();
    await (refresh.handler(t.deps) as unknown as () => Promise<void>)();
    expect(await q('select 1 from report_dirty where workspace_id = $1', [workspaceId])).toHaveLength(0);
    expect(await overview()).toEqual(await fromTickets());
  });

  it('leave a backlog longer than an overview recounts to the job, the days read as they are meanwhile', async () => {
    const before = await overview();
    // A ticket closed in the range reopened, and marks on forty other days — as a job that closed
    // old tickets across months leaves them.
    const [closed] = await q<{ number: number }>(
      `select number from tickets where workspace_id = $1 and status = 'closed' and deleted_at is null
         and closed_at >= $2 and closed_at < $3 order by number limit 1`,
      [workspaceId, at('2026-09-01T00:00:00'), at('2026-09-10T00:00:00')],
    );
    expect((await admin.patch(`tickets/${closed.number}`, { status: 'active' })).statusCode).toBe(200);
    await q(
      `insert into report_dirty (workspace_id, at)
       select $1, d from generate_series($2::timestamptz - interval '70 days', $2::timestamptz - interval '30 days', interval '1 day') d`,
      [workspaceId, at('2026-09-10T12:00:00')],
    );
    expect(await overview()).toEqual(before);
    expect(
      (await q('select count(*)::int as n from report_dirty where workspace_id = $1', [workspaceId]))[0].n,
    ).toBeGreaterThan(40);
    const sent = await q(`select 1 from pgboss.job where name = 'reports.refresh' and data->>'workspaceId' = $1`, [
      String(workspaceId),
    ]);
    expect(sent.length).toBeGreaterThan(0);
    const [, refresh] = reportsJobs();
    await refresh.handler(t.deps)({ workspaceId } as never, { id: 'x', name: refresh.queue });
    expect(await q('select 1 from report_dirty where workspace_id = $1', [workspaceId])).toHaveLength(0);
    const after = await overview();
    expect(after.closed).toBe(before.closed - 1);
    expect(after).toEqual(await fromTickets());
  });

  it('held in memory by two processes follow a change either makes, and add up as PostgreSQL does', async () => {
    // Another process on the same database, holding days too, and one that reads PostgreSQL.
    const other = await createTestApp('postgres');
    const plain = await createTestApp('postgres', { REPORT_MEMORY_MB: '0' });
    try {
      for (const app of [other, plain]) app.clock.set(t.clock.now());
      const there = await signIn(other, slug, 'admin', ADMIN_PASSWORD);
      const sqlAdmin = await signIn(plain, slug, 'admin', ADMIN_PASSWORD);
      const get = async (c: Client, range: string) => {
        const res = await c.get(`reports/overview?${range}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      const RANGES = [
        RANGE,
        'from=2026-08-25&to=2026-09-04',
        'from=2026-09-05&to=2026-09-05',
        'from=2026-07-31&to=2026-10-01',
      ];
      for (const r of RANGES)
        for (const f of FILTERS)
          expect(await get(there, r + filter(f)), r + f).toEqual(await get(admin, r + filter(f)));
      for (const r of RANGES)
        for (const f of FILTERS)
          expect(await get(there, r + filter(f)), r + f).toEqual(await get(sqlAdmin, r + filter(f)));
      // A change made through this process, brought up to date by the other one's overview.
      const closed = numbers.filter((_, i) => i % 3 !== 2);
      expect((await admin.patch(`tickets/${closed[6]}`, { status: 'active' })).statusCode).toBe(200);
      const changed = await get(there, RANGE);
      expect(changed).toEqual(await fromTickets());
      expect(await overview()).toEqual(changed);
      // And back, through the other process.
      expect((await there.patch(`tickets/${closed[6]}`, { status: 'closed' })).statusCode).toBe(200);
      expect(await overview()).toEqual(await get(sqlAdmin, RANGE));
      expect(await get(there, RANGE)).toEqual(await overview());
      expect(
        (
          await q<{ n: number }>('select count(*)::int as n from report_recounts where workspace_id = $1', [
            workspaceId,
          ])
        )[0].n,
      ).toBeGreaterThan(0);
    } finally {
      await other.close();
      await plain.close();
      // The months the whole-month range asked for are left to the next test to ask for.
      await q('delete from report_months where workspace_id = $1', [workspaceId]);
      await q(`update report_state set months_built = '{}' where workspace_id = $1`, [workspaceId]);
      await q(`delete from pgboss.job where name = 'reports.months'`);
    }
  });

  it('of whole past months are read as months once the job added them up, and as days again after a change', async () => {
    t.clock.set(at('2026-10-20T10:00:00'));
    // Months are read by a process that does not hold days in memory (REPORT_MEMORY_MB=0).
    const plain = await createTestApp('postgres', { REPORT_MEMORY_MB: '0' });
    onTestFinished(() => plain.close());
    plain.clock.set(t.clock.now());
    admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD); // the session of September has ended
    const sqlAdmin = await signIn(plain, slug, 'admin', ADMIN_PASSWORD);
    const MONTHS = '&from=2026-08-01&to=2026-10-20';
    const ranged = (extra = '') =>
      sqlAdmin.get(`reports/overview?${MONTHS.slice(1)}${extra}`).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json();
      });
    const recompute = () =>
      q(`update report_state set version = nextval('report_versions') where workspace_id = $1`, [workspaceId]);
    const countedFromTickets = async (extra = '') => {
      await q('update report_state set built_at = null where workspace_id = $1', [workspaceId]);
      const r = await ranged(extra);
      await q('update report_state set built_at = now() where workspace_id = $1', [workspaceId]);
      return r;
    };
    const monthsBuilt = async () =>
      (
        await q<{ m: string[] }>('select months_built::text[] as m from report_state where workspace_id = $1', [
          workspaceId,
        ])
      )[0].m;
    // The first overview asks for August and September (October is not over) and reads days.
    await recompute();
    const days = await ranged();
    // Asked for without waiting: the answer does not wait for the job's insert either.
    await expect
      .poll(
        async () =>
          (
            await q<{ data: { months: string[] } }>(
              `select data from pgboss.job where name = 'reports.months' and data->>'workspaceId' = $1`,
              [String(workspaceId)],
            )
          ).map((j) => j.data.months),
        { timeout: 3_000 },
      )
      .toContainEqual(['2026-08-01', '2026-09-01']);
    const [, , months] = reportsJobs();
    await months.handler(t.deps)({ workspaceId, months: ['2026-08-01', '2026-09-01', '2026-10-01'] } as never, {
      id: 'x',
      name: months.queue,
    });
    // August (asked for, before the first ticket: listed, empty) and September; not October.
    expect((await monthsBuilt()).sort()).toEqual(['2026-08-01', '2026-09-01']);
    const rows = await q<{ n: number }>(
      `select count(*)::int as n from report_months where workspace_id = $1 and month = '2026-09-01'`,
      [workspaceId],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    for (const f of FILTERS) {
      await recompute();
      const byMonths = await ranged(filter(f));
      expect(byMonths, f).toEqual(await countedFromTickets(filter(f)));
    }
    await recompute();
    expect(await ranged()).toEqual(days);
    // The month's rows are what is read: a figure changed in them shows (and is put back).
    await q(
      `update report_months set created = created + 1000 where workspace_id = $1 and month = '2026-09-01' and agent_id = 0`,
      [workspaceId],
    );
    await recompute();
    expect((await ranged()).created).toBeGreaterThanOrEqual(days.created + 1000);
    await q(
      `update report_months set created = created - 1000 where workspace_id = $1 and month = '2026-09-01' and agent_id = 0`,
      [workspaceId],
    );
    // A September ticket closed now: September is recounted from its days and off the list.
    const open = (
      await q<{ number: number }>(
        `select number from tickets where workspace_id = $1 and status <> 'closed' and deleted_at is null order by number limit 1`,
        [workspaceId],
      )
    )[0].number;
    expect((await admin.patch(`tickets/${open}`, { status: 'closed' })).statusCode).toBe(200);
    const after = await ranged();
    expect(await monthsBuilt()).toEqual(['2026-08-01']);
    expect(
      (await q(`select 1 from report_months where workspace_id = $1 and month = '2026-09-01'`, [workspaceId])).length,
    ).toBe(0);
    expect(after).toEqual(await countedFromTickets());
    // Whoever asks, a run brings back every month from the first report day on.
    await months.handler(t.deps)({ workspaceId, months: [] } as never, { id: 'x', name: months.queue });
    expect((await monthsBuilt()).sort()).toEqual(['2026-08-01', '2026-09-01']);
    await recompute();
    expect(await ranged()).toEqual(after);
  });
});
