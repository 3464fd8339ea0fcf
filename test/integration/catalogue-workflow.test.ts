import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireWorkflowTimer, setiranRequestType } from '../../src/server/modules/catalogue';
import { jobCtx } from '../../src/server/modules/notifications';
import { runSmsJobs } from '../helpers/notifications';
import { multipart } from '../helpers/images';
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
 * Issue 16, E1–E5: seed 000's process end to end through the API — the SETIRAN desk, the
 * «درخواست شارژ مبلغ پنل پیامکی» form with per-field errors, keys per desk, transitions with
 * their who/comment/attachment rules (refusals change nothing), the 72-working-hour timer on an
 * injected clock (skipping a Friday and a holiday), its escalation to the IT department, the
 * closing SMS with the amount, "my requests", and isolation from another workspace.
 */
let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let finance: { id: string };
let it_: { id: string };
let financeAgent: { id: string; client: Client; username: string };
let itAgent: { id: string; client: Client; username: string };
let customer: { id: string; client: Client; username: string };
let other: Client;
let unit: { id: string; name: string };
let desk: { id: string; key: string };
let rt: { id: string };

// Wednesday 18 Azar 1405, 10:00 in Tehran (UTC+03:30).
const START = new Date('2026-12-09T06:30:00Z');
// 72 working hours later on the calendar below (Sat–Wed 08–16, Thu 08–12, Friday off, the
// 12th a holiday): Wed 6 h, Thu 4 h, (Fri, Sat off), Sun–Wed 32 h, Thu 4 h, (Fri), Sat–Mon 24 h
// = 70 h; Tuesday 08:00–10:00 the last 2 h → Tuesday 1 Dey 1405, 10:00 Tehran.
const DUE = '2026-12-22T06:30:00.000Z';

const relogin = async (c: Client, username: string, password = 'user-password-1') => {
  const fresh = await signIn(t, slug, username, password);
  c.s = fresh.s;
};
const upload = async (c: Client, name: string) => {
  const m = multipart(name, Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`), 'application/pdf');
  const res = await c.post('uploads', m.payload, { headers: m.headers });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
};
const form = (over: Record<string, unknown> = {}) => ({
  requestTypeId: rt.id,
  values: {
    'full-name': 'نیلوفر زعفرانی',
    unit: unit.id,
    phone: '۰۲۱-۸۸۷۷۶۶۵۵',
    mobile: '۰۹۱۲ ۳۴۵ ۶۷۸۹',
    amount: '۱۰٬۰۰۰٬۰۰۰',
    description: 'شارژ پنل پیامکی واحد',
    priority: 'high',
    ...over,
  },
});
const ticket = async (c: Client, key = 'SETIRAN-1') => (await c.get(`tickets/${key}`)).json();
const fire = async () => {
  const { rows } = (await t.deps.database.executeSql(
    "select id from ticket_timers where workspace_id = $1 and kind = 'workflow' order by id",
    [workspaceId],
  )) as { rows: { id: string }[] };
  const ctx = jobCtx(t.deps, workspaceId, 'test');
  return Promise.all(rows.map((r) => fireWorkflowTimer(ctx, Number(r.id))));
};

beforeAll(async () => {
  t = await createTestApp('postgres');
  t.clock.set(START);
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  finance = (await admin.post('departments', { name: 'امور مالی' })).json();
  it_ = (await admin.post('departments', { name: 'مدیریت آمار و فناوری اطلاعات' })).json();
  financeAgent = await makeUser(t, admin, slug, { role: 'agent', name: 'کارشناس مالی', departmentIds: [finance.id] });
  itAgent = await makeUser(t, admin, slug, { role: 'agent', name: 'کارشناس فناوری', departmentIds: [it_.id] });
  customer = await makeUser(t, admin, slug, { role: 'customer', name: 'نیلوفر زعفرانی', mobile: '09123456789' });
  unit = (await admin.post('org-units', { name: 'حوزه ریاست' })).json();
  const cal = await admin.post('calendars', {
    name: 'تقویم ستیران',
    holidays: [{ date: '2026-12-12', name: 'تعطیلی آزمایشی', source: 'manual' }],
  });
  expect(cal.statusCode).toBe(201);
  desk = (await admin.post('desks', { key: 'setiran', name: 'شارژ پنل پیامکی', departmentId: finance.id })).json();
  const made = await admin.post(
    `desks/${desk.id}/request-types`,
    setiranRequestType({ itDepartmentId: it_.id, calendarId: cal.json().id }),
  );
  expect(made.statusCode, made.body).toBe(201);
  rt = made.json();
  other = await signIn(t, (await newWorkspace(t)).slug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('desks and request types', () => {
  it('a desk key is upper-cased, letters only, unique; errors are translated and change nothing', async () => {
    expect(desk.key).toBe('SETIRAN');
    const en = new Client(t, { ...admin.s, lang: 'en' });
    const bad = await en.post('desks', { key: 'S1', name: 'x', departmentId: finance.id });
    expect(bad.json().error.fields.key).toMatch(/2–10 letters/);
    const taken = await admin.post('desks', { key: 'SETIRAN', name: 'دوباره', departmentId: finance.id });
    expect(taken.json().error.fields.key).toBe('میز خدمت دیگری همین کلید را دارد.');
    expect((await admin.get('desks')).json().total).toBe(1);
  });

  it('a workflow that names what it lacks is refused with the path of each mistake', async () => {
    const def = setiranRequestType({ itDepartmentId: it_.id });
    def.workflow!.transitions![0].timer!.onExpiry = 'charged';
    def.workflow!.transitions![1].to = 'nowhere';
    def.fields![0].key = 'Full Name';
    const res = await admin.post(`desks/${desk.id}/request-types`, def);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(
      ['fields.0.key', 'workflow.transitions.0.timer.onExpiry', 'workflow.transitions.1.to'].sort(),
    );
    const unknownDep = setiranRequestType({ itDepartmentId: '999999' });
    const res2 = await admin.post(`desks/${desk.id}/request-types`, unknownDep);
    expect(Object.keys(res2.json().error.fields)).toEqual([
      'workflow.transitions.1.actions.0.departmentId',
      'workflow.transitions.1.actions.1.departmentId',
    ]);
    expect((await admin.get(`desks/${desk.id}/request-types`)).json().total).toBe(1);
  });

  it('a PATCH changes only what it sends (no defaults filled in)', async () => {
    const hidden = await admin.patch(`request-types/${rt.id}`, { visible: false });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json().workflow.transitions).toHaveLength(6);
    expect(hidden.json().fields).toHaveLength(7);
    expect((await admin.patch(`request-types/${rt.id}`, { visible: true })).json().visible).toBe(true);
    await admin.patch(`desks/${desk.id}`, { description: 'شرح' });
    const renamed = (await admin.patch(`desks/${desk.id}`, { name: 'شارژ پنل پیامکی' })).json();
    expect(renamed).toMatchObject({ description: 'شرح', visible: true, key: 'SETIRAN' });
  });

  it('customers and agents cannot write the catalogue', async () => {
    expect((await customer.client.post('desks', { key: 'ABC', name: 'x', departmentId: finance.id })).statusCode).toBe(
      403,
    );
    expect((await financeAgent.client.patch(`request-types/${rt.id}`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('the request form', () => {
  it('each field’s error under values.<key>, translated; nothing is created and no key is used up', async () => {
    const res = await customer.client.post(
      'requests',
      form({ amount: '۱۲٫۵', mobile: '12345', unit: '999999', 'full-name': '  ' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'values.amount': 'مبلغ را به‌صورت عدد صحیح و بدون اعشار وارد کنید.',
      'values.mobile': expect.any(String),
      'values.unit': 'چنین واحد سازمانی‌ای نیست.',
      'values.full-name': 'این فیلد لازم است.',
    });
    const extra = await customer.client.post('requests', form({ colour: 'blue' }));
    expect(extra.json().error.fields).toEqual({ 'values.colour': expect.any(String) });
    expect((await customer.client.get('requests')).json().total).toBe(0);
  });

  it('a request gets its desk key, normalised values, the initial status and the requester’s transitions', async () => {
    const res = await customer.client.post('requests', form());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.key).toBe('SETIRAN-1');
    expect(r.subject).toBe('درخواست شارژ مبلغ پنل پیامکی');
    expect(r.priority).toBe('high');
    expect(r.department.id).toBe(finance.id);
    expect(r.values).toEqual({
      'full-name': 'نیلوفر زعفرانی',
      unit: { id: unit.id, name: 'حوزه ریاست' },
      phone: '021-88776655',
      mobile: '09123456789',
      amount: 10_000_000,
      description: 'شارژ پنل پیامکی واحد',
      priority: 'high',
    });
    expect(r.workflowStatus).toMatchObject({ key: 'new', category: 'open' });
    expect(r.availableTransitions.map((x: { id: string }) => x.id)).toEqual(['request_invoice']);
    expect(r.body).toContain('10,000,000');
    // Found by key in any letter case, and by number.
    expect((await customer.client.get('tickets/setiran-1')).json().number).toBe(r.number);
    expect((await financeAgent.client.get(`tickets/${r.number}`)).json().key).toBe('SETIRAN-1');
    // The agent sees no requester-only transition.
    expect((await ticket(financeAgent.client)).availableTransitions).toEqual([]);
  });
});

describe('transitions', () => {
  it('refused when not from here, not the caller’s, or missing a comment — and nothing changes', async () => {
    const before = await ticket(customer.client);
    const notHere = await customer.client.post('tickets/SETIRAN-1/transitions/invoice_issued', {});
    expect(notHere.statusCode).toBe(400);
    expect(notHere.json().error.fields.transitionId).toBe(
      '«فاکتور صادر شده است» از وضعیت فعلی درخواست انجام‌شدنی نیست.',
    );
    const notYours = await financeAgent.client.post('tickets/SETIRAN-1/transitions/request_invoice', {});
    expect(notYours.json().error.fields.transitionId).toBe('«صدور فاکتور» را فقط درخواست‌کننده انجام می‌دهد.');
    const unknown = await customer.client.post('tickets/SETIRAN-1/transitions/fly_away', {});
    expect(unknown.json().error.fields.transitionId).toBeTruthy();
    const after = await ticket(customer.client);
    expect(after.workflowStatus.key).toBe('new');
    expect(after.messageCount).toBe(before.messageCount);
    expect((await other.post('tickets/SETIRAN-1/transitions/request_invoice', {})).statusCode).toBe(404);
  });

  it('«صدور فاکتور» starts the 72-working-hour timer, due past a Friday and a holiday', async () => {
    const res = await customer.client.post('tickets/SETIRAN-1/transitions/request_invoice', {
      comment: 'مبلغ اعلام شد',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.workflowStatus.key).toBe('invoice_requested');
    expect(r.status).toBe('pending');
    expect(r.timers).toEqual([{ transitionId: 'no_invoice', dueAt: DUE }]);
    // The job waits in pg-boss for that instant; nothing scans.
    const { rows } = (await t.deps.database.executeSql(
      "select start_after from pgboss.job where name = 'workflow.timer' and (data->>'workspaceId')::bigint = $1",
      [workspaceId],
    )) as { rows: { start_after: Date }[] };
    expect(rows.map((x) => new Date(x.start_after).toISOString())).toEqual([DUE]);
    const thread = (await customer.client.get('tickets/SETIRAN-1/messages')).json().items;
    expect(thread.at(-1).transition).toMatchObject({ id: 'request_invoice', to: 'invoice_requested' });
    expect(thread.at(-1).body).toContain('مبلغ اعلام شد');
    const events = (await admin.get('tickets/SETIRAN-1/events')).json().items;
    expect(
      events.some(
        (e: { kind: string; data: { transitionId?: string } }) =>
          e.kind === 'transition' && e.data.transitionId === 'request_invoice',
      ),
    ).toBe(true);
  });

  it('a minute early the timer does nothing; at its instant the system escalates to the IT department', async () => {
    t.clock.set(new Date(new Date(DUE).getTime() - 60_000));
    expect(await fire()).toEqual(['early']);
    await relogin(customer.client, customer.username);
    expect((await ticket(customer.client)).workflowStatus.key).toBe('invoice_requested');
    t.clock.set(new Date(DUE));
    expect(await fire()).toEqual(['taken']);
    await relogin(itAgent.client, itAgent.username);
    const r = await ticket(itAgent.client);
    expect(r.workflowStatus.key).toBe('escalated');
    expect(r.department.id).toBe(it_.id);
    expect(r.timers).toEqual([]);
    const last = (await itAgent.client.get('tickets/SETIRAN-1/messages')).json().items.at(-1);
    expect(last.author.level).toBe('system');
    expect(last.transition).toMatchObject({ id: 'no_invoice', toName: 'عدم صدور فاکتور تا ۷۲ ساعت کاری' });
    // The customer reads the customer label.
    expect((await ticket(customer.client)).workflowStatus.customerLabel).toBe('پیگیری توسط واحد فناوری اطلاعات');
    // Once only: the row is gone.
    expect(await fire()).toEqual([]);
  });

  it('the IT department follows up with a needed comment; the requester’s next step drops the new timer', async () => {
    await relogin(financeAgent.client, financeAgent.username);
    expect(
      (await financeAgent.client.post('tickets/SETIRAN-1/transitions/followed_up', { comment: 'x' })).statusCode,
    ).toBe(404);
    const noComment = await itAgent.client.post('tickets/SETIRAN-1/transitions/followed_up', { comment: '<p> </p>' });
    expect(noComment.json().error.fields.comment).toBe('این مرحله توضیح لازم دارد.');
    const ok = await itAgent.client.post('tickets/SETIRAN-1/transitions/followed_up', {
      comment: 'با شرکت تماس گرفته شد',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().timers).toHaveLength(1);
    const issued = await customer.client.post('tickets/SETIRAN-1/transitions/invoice_issued', {});
    expect(issued.json().workflowStatus.key).toBe('paying');
    expect(issued.json().timers).toEqual([]);
    t.clock.advance(30 * 24 * 3600_000);
    expect(await fire()).toEqual([]);
    // A month on the injected clock ends every session: everyone signs in again.
    await relogin(customer.client, customer.username);
    await relogin(itAgent.client, itAgent.username);
    await relogin(financeAgent.client, financeAgent.username);
    other = await signIn(t, other.s.slug!, 'admin', ADMIN_PASSWORD);
    admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  });

  it('the paid invoice is needed at its step and lands in the thread', async () => {
    const none = await customer.client.post('tickets/SETIRAN-1/transitions/send_paid_invoice', {
      comment: 'پرداخت شد',
    });
    expect(none.json().error.fields.attachmentIds).toBe('این مرحله پیوست لازم دارد.');
    const fileId = await upload(customer.client, 'invoice.pdf');
    const ok = await customer.client.post('tickets/SETIRAN-1/transitions/send_paid_invoice', {
      attachmentIds: [fileId],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const last = (await customer.client.get('tickets/SETIRAN-1/messages')).json().items.at(-1);
    expect(last.attachments.map((a: { name: string }) => a.name)).toEqual(['invoice.pdf']);
  });

  it('the agent charges; the request closes and the requester’s mobile gets the amount by SMS', async () => {
    // The escalation moved the request to the IT department; its agent charges the panel.
    const agent = itAgent.client;
    const done = await agent.post('tickets/SETIRAN-1/transitions/charged', { comment: 'مبلغ ۱۰ میلیون شارژ گردید' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('closed');
    expect(done.json().workflowStatus.key).toBe('charged');
    expect(await runSmsJobs(t, workspaceId)).toBe(1);
    const sms = t.sms.sent.filter((m) => m.to === '09123456789');
    expect(sms.at(-1)?.text).toContain('مبلغ 10,000,000 تومان');
    expect(sms.at(-1)?.text).toContain('حوزه ریاست');
  });
});

describe('my requests', () => {
  it('by request type, with keys and statuses; another desk’s filter finds none', async () => {
    const mine = await customer.client.get(`requests?requestTypeId=${rt.id}`);
    expect(mine.json().items.map((i: { key: string }) => i.key)).toEqual(['SETIRAN-1']);
    expect(mine.json().items[0].workflowStatus.customerLabel).toBe('پنل پیامکی شارژ شد');
    expect(mine.json().items[0].requestType.name).toBe('درخواست شارژ مبلغ پنل پیامکی');
    expect((await customer.client.get('requests?deskId=999999')).json().total).toBe(0);
    expect((await financeAgent.client.get('requests')).json().total).toBe(0);
  });
});

describe('isolation', () => {
  it('another workspace sees none of it', async () => {
    expect((await other.get(`desks/${desk.id}`)).statusCode).toBe(404);
    expect((await other.get(`request-types/${rt.id}`)).statusCode).toBe(404);
    expect((await other.get(`desks/${desk.id}/request-types`)).statusCode).toBe(404);
    expect((await other.get('tickets/SETIRAN-1')).statusCode).toBe(404);
    expect((await other.post('requests', form())).statusCode).toBe(404);
    expect((await other.patch(`request-types/${rt.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await other.del(`desks/${desk.id}`)).statusCode).toBe(404);
    expect((await other.patch(`desks/${desk.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await other.post(`desks/${desk.id}/request-types`, { name: 'x' })).statusCode).toBe(404);
    expect((await other.del(`request-types/${rt.id}`)).statusCode).toBe(404);
    expect((await other.post('tickets/SETIRAN-1/transitions/charged', { comment: 'x' })).statusCode).toBe(404);
    expect((await other.get('desks')).json().total).toBe(0);
    expect((await other.get(`requests?requestTypeId=${rt.id}`)).json().total).toBe(0);
    // And nothing of theirs changed.
    expect((await admin.get(`desks/${desk.id}`)).json().name).toBe('شارژ پنل پیامکی');
    expect((await admin.get(`request-types/${rt.id}`)).statusCode).toBe(200);
  });
});
