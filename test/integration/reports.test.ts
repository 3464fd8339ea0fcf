import ExcelJS from 'exceljs';
import { exportsAtOnce, takeExportSlot } from '../../src/server/modules/reports/export-slots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * K4 reports with an injected clock, in the workspace's zone (Asia/Tehran, UTC+03:30): exact
 * counts, medians and 90th percentiles, SLA attainment, satisfaction, the days cut at local
 * midnight, per agent and department; reports.view and department scoping; the range's checks;
 * the CSV (BOM, Jalali columns) and the Excel workbook read back.
 */
let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let support: { id: string };
let sales: { id: string };
let agentA: { id: string; client: Client };
let agentB: { id: string; client: Client };
let plain: { id: string; client: Client };
let customer: { id: string; client: Client };
const numbers: Record<string, number> = {};

/** A wall-clock time in Tehran as an instant. */
const at = (tehran: string) => new Date(`${tehran}+03:30`);
const RANGE = 'from=2026-11-01&to=2026-11-03';

const sqlRun = (text: string, values: unknown[]) => t.deps.database.executeSql(text, values);
const idOf = async (n: number) =>
  Number(
    (
      (await sqlRun('select id from tickets where workspace_id = $1 and number = $2', [workspaceId, n])) as {
        rows: { id: string }[];
      }
    ).rows[0].id,
  );

/** Opens a ticket as the customer at `when` (Tehran), assigned to `assignee`. */
async function open(key: string, when: string, departmentId: string, assignee: string) {
  t.clock.set(at(when));
  const res = await customer.client.post('tickets', { subject: `درخواست ${key}`, body: '<p>متن</p>', departmentId });
  expect(res.statusCode, res.body).toBe(201);
  numbers[key] = res.json().number;
  const patch = await admin.patch(`tickets/${numbers[key]}`, { assigneeIds: [assignee] });
  expect(patch.statusCode, patch.body).toBe(200);
}
async function reply(key: string, who: Client, when: string) {
  t.clock.set(at(when));
  const res = await who.post(`tickets/${numbers[key]}/messages`, { body: '<p>پاسخ</p>' });
  expect(res.statusCode, res.body).toBe(201);
}
async function close(key: string, when: string) {
  t.clock.set(at(when));
  const res = await admin.patch(`tickets/${numbers[key]}`, { status: 'closed' });
  expect(res.statusCode, res.body).toBe(200);
}
async function survey(key: string, rating: number, answered: string, agentIds: string[]) {
  await sqlRun(
    `insert into csat_surveys (workspace_id, ticket_id, token_hash, agent_ids, sent_at, rating, answered_at)
     values ($1, $2, $3, $4::bigint[], $5, $6, $5)`,
    [workspaceId, await idOf(numbers[key]), `hash-${slug}-${key}`, `{${agentIds.join(',')}}`, at(answered), rating],
  );
}

beforeAll(async () => {
  t = await createTestApp('postgres');
  t.clock.set(at('2026-10-30T09:00:00'));
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  support = (await admin.post('departments', { name: 'پشتیبانی' })).json();
  sales = (await admin.post('departments', { name: 'فروش' })).json();
  const reporting = (
    await admin.post('access-levels', { name: 'گزارش', permissions: ['tickets.reply', 'reports.view'] })
  ).json();
  const replying = (await admin.post('access-levels', { name: 'پاسخ', permissions: ['tickets.reply'] })).json();
  agentA = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'سارا',
    departmentIds: [support.id],
    accessLevelId: reporting.id,
  });
  agentB = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Bahram',
    departmentIds: [sales.id],
    accessLevelId: reporting.id,
  });
  plain = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Plain',
    departmentIds: [support.id],
    accessLevelId: replying.id,
  });
  customer = await makeUser(t, admin, slug, { role: 'customer', name: 'مشتری' });

  // T2: before the range (23:50 of the day before), closed inside it.
  await open('T2', '2026-10-31T23:50:00', support.id, agentA.id);
  // T1: ten minutes into the first day (still 31 October in UTC), answered after 30 min, closed after 2 h.
  await open('T1', '2026-11-01T00:10:00', support.id, agentA.id);
  await reply('T1', agentA.client, '2026-11-01T00:40:00');
  await reply('T1', agentA.client, '2026-11-01T00:50:00'); // a second reply moves nothing
  await close('T1', '2026-11-01T02:10:00');
  await close('T2', '2026-11-02T10:00:00');
  // T3: answered after 90 minutes, still open.
  await open('T3', '2026-11-02T09:00:00', support.id, agentA.id);
  await reply('T3', agentA.client, '2026-11-02T10:30:00');
  // T4: the last minute of the range, in the other department.
  await open('T4', '2026-11-03T23:59:00', sales.id, agentB.id);
  // T5: local midnight after the range.
  await open('T5', '2026-11-04T00:00:00', support.id, agentA.id);

  // SLA outcomes, on a policy that matches no new ticket: T1 met, T3 breached, T4 still running.
  t.clock.set(at('2026-11-05T12:00:00'));
  const policy = (
    await admin.post('sla-policies', {
      name: 'هیچ',
      conditions: { priorities: ['low'], departmentIds: [sales.id] },
      targets: { firstResponse: 60 },
    })
  ).json();
  const sla = async (key: string, breached: string[], state: string) =>
    sqlRun(
      'update tickets set sla_policy_id = $1, sla_breached = $2::text[], sla_state = $3 where workspace_id = $4 and number = $5',
      [policy.id, `{${breached.join(',')}}`, state, workspaceId, numbers[key]],
    );
  await sla('T1', [], 'met');
  await sla('T3', ['firstResponse'], 'breached');
  await sla('T4', [], 'ok');
  await survey('T1', 5, '2026-11-01T12:00:00', [agentA.id]);
  await survey('T2', 3, '2026-11-02T12:00:00', [agentA.id]);
  await survey('T5', 1, '2026-11-05T10:00:00', [agentA.id]); // answered after the range
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('overview', () => {
  it('gives exact figures for the range, cut at Tehran midnight', async () => {
    const res = await admin.get(`reports/overview?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-03',
      timeZone: 'Asia/Tehran',
      created: 3, // T1, T3, T4 (not T2 before, not T5 at the next midnight)
      closed: 2, // T1 and T2
      firstResponse: { median: 60, p90: 84 }, // 30 and 90 minutes
      resolution: { median: 1085, p90: 1857 }, // 120 and 2050 minutes
      slaAttainment: 0.5,
      sla: { met: 1, breached: 1, running: 1 },
      csat: { average: 4, responses: 2 },
    });
    // The backlog: T2 was open when the range began; T4 and T3 are at its end.
    expect(r.backlog).toEqual({ start: 1, end: 2 });
    expect(r.byDay).toEqual([
      { date: '2026-11-01', created: 1, closed: 1, open: 1 },
      { date: '2026-11-02', created: 1, closed: 1, open: 1 },
      { date: '2026-11-03', created: 1, closed: 0, open: 2 },
    ]);
    expect(r.byAgent).toEqual([
      {
        id: agentA.id,
        name: 'سارا',
        created: 2,
        closed: 2,
        firstResponseMedian: 60,
        csatAverage: 4,
        csatResponses: 2,
      },
      {
        id: agentB.id,
        name: 'Bahram',
        created: 1,
        closed: 0,
        firstResponseMedian: null,
        csatAverage: null,
        csatResponses: 0,
      },
    ]);
    expect(r.byDepartment).toEqual([
      {
        id: support.id,
        name: 'پشتیبانی',
        created: 2,
        closed: 2,
        firstResponseMedian: 60,
        csatAverage: 4,
        csatResponses: 2,
      },
      {
        id: sales.id,
        name: 'فروش',
        created: 1,
        closed: 0,
        firstResponseMedian: null,
        csatAverage: null,
        csatResponses: 0,
      },
    ]);
  });

  it('stamps the first response once, by the first staff reply', async () => {
    const { rows } = (await sqlRun(
      'select number, first_response_at from tickets where workspace_id = $1 order by number',
      [workspaceId],
    )) as { rows: { number: number; first_response_at: Date | null }[] };
    const byNumber = new Map(rows.map((r) => [r.number, r.first_response_at]));
    expect(new Date(byNumber.get(numbers.T1)!).toISOString()).toBe(at('2026-11-01T00:40:00').toISOString());
    expect(byNumber.get(numbers.T4)).toBeNull();
  });

  it('moves a day at local midnight: the day before holds only T2', async () => {
    const r = (await admin.get('reports/overview?from=2026-10-31&to=2026-10-31')).json();
    expect(r).toMatchObject({ created: 1, closed: 0, byDay: [{ date: '2026-10-31', created: 1, closed: 0 }] });
  });

  it('filters by department and agent', async () => {
    const dep = (await admin.get(`reports/overview?${RANGE}&departmentId=${sales.id}`)).json();
    expect(dep).toMatchObject({ created: 1, closed: 0, csat: { average: null, responses: 0 } });
    const ag = (await admin.get(`reports/overview?${RANGE}&agentId=${agentA.id}`)).json();
    expect(ag).toMatchObject({ created: 2, closed: 2, csat: { average: 4, responses: 2 } });
    expect(ag.byAgent.map((a: { id: string }) => a.id)).toEqual([agentA.id]);
  });

  it('defaults to the last 30 days up to today in the workspace zone', async () => {
    t.clock.set(at('2026-11-03T23:30:00')); // 20:00 UTC: already the 3rd in Tehran
    const r = (await admin.get('reports/overview')).json();
    expect(r).toMatchObject({ from: '2026-10-05', to: '2026-11-03', created: 4 });
    expect(r.byDay).toHaveLength(30);
  });
});

describe('access', () => {
  it('refuses an agent without reports.view, and customers', async () => {
    expect((await plain.client.get(`reports/overview?${RANGE}`)).statusCode).toBe(403);
    expect((await plain.client.get(`reports/export.csv?${RANGE}`)).statusCode).toBe(403);
    expect((await customer.client.get(`reports/overview?${RANGE}`)).statusCode).toBe(403);
    expect((await new Client(t, { slug }).get(`reports/overview?${RANGE}`)).statusCode).toBe(401);
  });

  it('shows an agent only the tickets of its departments', async () => {
    const b = (await agentB.client.get(`reports/overview?${RANGE}`)).json();
    expect(b).toMatchObject({ created: 1, closed: 0, sla: { met: 0, breached: 0, running: 1 } });
    expect(b.byDepartment.map((d: { id: string }) => d.id)).toEqual([sales.id]);
    // Asking for another department's tickets shows none of them.
    const other = (await agentB.client.get(`reports/overview?${RANGE}&departmentId=${support.id}`)).json();
    expect(other).toMatchObject({ created: 0, closed: 0, csat: { responses: 0 } });
    const csv = await agentB.client.get(`reports/export.csv?${RANGE}`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);
  });

  it('keeps other workspaces out', async () => {
    const other = await signIn(t, (await newWorkspace(t)).slug, 'admin', ADMIN_PASSWORD);
    expect((await other.get(`reports/overview?${RANGE}`)).json()).toMatchObject({ created: 0, closed: 0 });
  });
});

describe('validation', () => {
  it('refuses from after to, a range over 366 days and a day that does not exist, translated', async () => {
    const order = await admin.get('reports/overview?from=2026-11-03&to=2026-11-01');
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields.to).toBe('تاریخ شروع نباید بعد از تاریخ پایان باشد.');
    const long = await admin.get('reports/overview?from=2025-01-01&to=2026-01-02', {
      headers: { 'accept-language': 'en' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.from).toBe('A report covers at most 366 days.');
    expect((await admin.get('reports/overview?from=2025-01-01&to=2026-01-01')).statusCode).toBe(200); // 366 days
    expect((await admin.get('reports/overview?from=2026-02-30')).statusCode).toBe(400);
    expect((await admin.get('reports/export.xlsx?from=2026-11-03&to=2026-11-01')).statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('streams a CSV with a byte order mark, Persian headers and Jalali dates', async () => {
    const res = await admin.get(`reports/export.csv?${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="pishkhan-report-2026-11-01_2026-11-03.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'شماره,موضوع,بخش,وضعیت,اولویت,درخواست‌کننده,کارشناسان مسئول,ایجاد (UTC),ایجاد (شمسی),اولین پاسخ (UTC),بسته شدن (UTC),بسته شدن (شمسی),SLA,رضایت',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `${numbers.T1},درخواست T1,پشتیبانی,بسته,متوسط,مشتری,سارا,2026-10-31T20:40:00Z,1405/08/10 00:10,2026-10-31T21:10:00Z,2026-10-31T22:40:00Z,1405/08/10 02:10,تمام‌شده,5`,
    );
    expect(lines[2]).toContain(`${numbers.T3},درخواست T3,`);
    expect(lines[2]).toContain('مهلت گذشته (اولین پاسخ)');
    expect(lines[3]).toContain(
      `${numbers.T4},درخواست T4,فروش,فعال,متوسط,مشتری,Bahram,2026-11-03T20:29:00Z,1405/08/12 23:59,,,,در مهلت,`,
    );
  });

  it('writes English headers without the Jalali columns', async () => {
    const res = await admin.get(`reports/export.csv?${RANGE}`, { headers: { 'accept-language': 'en' } });
    const header = res.body.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe(
      'Number,Subject,Department,Status,Priority,Requester,Assignees,Created (UTC),First response (UTC),Closed (UTC),SLA,Satisfaction',
    );
  });

  it('runs a quarter of the connections at once; one more is told, translated, to come back', async () => {
    // DB_POOL_SIZE 5 in tests: one export at a time. A place held as a running export holds it.
    expect(exportsAtOnce(t.deps)).toBe(1);
    const release = takeExportSlot(t.deps);
    try {
      const busy = await admin.get(`reports/export.csv?${RANGE}`);
      expect(busy.statusCode).toBe(429);
      expect(busy.headers['retry-after']).toBe('10');
      expect(busy.json().error.message).toBe(
        'هم‌اکنون گزارش‌های زیادی روی این سرور در حال خروجی گرفتن است. چند ثانیه دیگر دوباره تلاش کنید.',
      );
    } finally {
      release();
    }
    // Done exports give their place back: two in a row, then a third.
    for (let i = 0; i < 3; i++) expect((await admin.get(`reports/export.csv?${RANGE}`)).statusCode).toBe(200);
  });

  it('writes an Excel workbook exceljs reads back', async () => {
    const res = await admin.get(`reports/export.xlsx?${RANGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('pishkhan-report-2026-11-01_2026-11-03.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('تیکت‌ها');
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('شماره');
    expect(sheet.getRow(2).getCell(1).value).toBe(numbers.T1);
    expect(sheet.getRow(2).getCell(2).value).toBe('درخواست T1');
    expect(sheet.getRow(2).getCell(9).value).toBe('1405/08/10 00:10');
    expect(sheet.getRow(2).getCell(14).value).toBe(5);
  });
});

describe('exports of more than one batch', () => {
  for (const driver of ['postgres', 'embedded'] as const)
    it(`lists every ticket once, in order, quoted (${driver})`, async () => {
      const app = driver === 'postgres' ? t : await createTestApp('embedded');
      try {
        const w = await newWorkspace(app);
        const boss = await signIn(app, w.slug, 'admin', ADMIN_PASSWORD);
        const dept = (await boss.post('departments', { name: 'Bulk' })).json();
        // 2,345 tickets over seven instants: the pages (1,000 rows) end inside runs of equal created_at.
        await app.deps.database.executeSql(
          `insert into tickets (workspace_id, number, subject, department_id, created_at)
           select $1, n, case when n = 1500 then '=HYPERLINK("x")' else 'bulk, "' || n || '"' end, $2,
                  timestamptz '2026-11-01 12:00:00+03:30' + ((n % 7) || ' seconds')::interval
           from generate_series(1, 2345) n`,
          [w.workspaceId, Number(dept.id)],
        );
        const res = await boss.get(`reports/export.csv?${RANGE}`, { headers: { 'accept-language': 'en' } });
        expect(res.statusCode).toBe(200);
        const lines = res.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .slice(1);
        expect(lines).toHaveLength(2345);
        const seen = lines.map((l) => Number(l.split(',')[0]));
        expect(new Set(seen).size).toBe(2345);
        const created = lines.map((l) => /,(2026-[^,]+Z),/.exec(l)![1]);
        expect(created).toEqual([...created].sort());
        expect(lines.find((l) => l.startsWith('7,'))).toMatch(
          /^7,"bulk, ""7""",Bulk,Active,Medium,,,2026-11-01T08:30:00Z,/,
        );
        expect(lines.find((l) => l.startsWith('1500,'))).toMatch(/^1500,"'=HYPERLINK\(""x""\)",/);
        const overview = (await boss.get(`reports/overview?${RANGE}`)).json();
        expect(overview).toMatchObject({
          created: 2345,
          closed: 0,
          byDay: [{ created: 2345 }, { created: 0 }, { created: 0 }],
        });
      } finally {
        if (app !== t) await app.close();
      }
    }, 120_000);
});
