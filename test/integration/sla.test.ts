import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/server/jobs-registry';
import { jobCtx } from '../../src/server/modules/notifications';
import { checkSla, recomputeSla } from '../../src/server/modules/sla';
import { drainNotifications, toldOf } from '../helpers/notifications';
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
 * Issue 16, E3: SLA policies on business hours with an injected clock — first match by
 * position, first response met and breached, warnings, breach actions (raise priority, notify),
 * the pause while pending and the paused working time added on resuming, next response, the
 * sla=warning|breached filters, recomputing after a policy change, and isolation.
 */
let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let support: { id: string };
let agent: { id: string; client: Client; username: string };
let lead: { id: string; client: Client; username: string };
let customer: { id: string; client: Client; username: string };
let other: Client;
let calendarId: string;
let policy: { id: string };
let urgent: { id: string };

// Saturday 14 Azar 1405, 09:00 in Tehran (UTC+03:30): a working day, 08:00–16:00.
const SAT_0900 = new Date('2026-12-05T05:30:00Z');
const at = (tehran: string) => new Date(`${tehran}+03:30`);
const iso = (tehran: string) => at(tehran).toISOString();

const ctx = () => jobCtx(t.deps, workspaceId, 'test');
const idOf = async (n: number) => {
  const { rows } = (await t.deps.database.executeSql('select id from tickets where workspace_id = $1 and number = $2', [
    workspaceId,
    n,
  ])) as { rows: { id: string }[] };
  return Number(rows[0].id);
};
/** The worker's part: runs the SLA timer jobs whose instant has come on the injected clock. */
const runDueJobs = async () => {
  const { rows } = (await t.deps.database.executeSql(
    `delete from pgboss.job where name = 'sla.check' and state = 'created' and start_after <= $1
       and (data->>'workspaceId')::bigint = $2 returning data`,
    [t.clock.now(), workspaceId],
  )) as { rows: { data: { ticketId: number } }[] };
  const out = [];
  for (const r of rows) out.push(await checkSla(ctx(), Number(r.data.ticketId)));
  return out;
};
const open = async (over: Record<string, unknown> = {}) => {
  const res = await customer.client.post('tickets', {
    subject: 'پنل پیامک کار نمی‌کند',
    body: '<p>پیامک‌ها ارسال نمی‌شوند</p>',
    departmentId: support.id,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const reloginAll = async () => {
  for (const p of [agent, lead, customer]) p.client.s = (await signIn(t, slug, p.username, 'user-password-1')).s;
  admin.s = (await signIn(t, slug, 'admin', ADMIN_PASSWORD)).s;
};

beforeAll(async () => {
  t = await createTestApp('postgres');
  t.clock.set(new Date(SAT_0900.getTime() - 3600_000));
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  support = (await admin.post('departments', { name: 'پشتیبانی فنی' })).json();
  agent = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'کارشناس',
    departmentIds: [support.id],
    email: 'agent@sla.test',
  });
  lead = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'سرپرست',
    departmentIds: [support.id],
    email: 'lead@sla.test',
  });
  customer = await makeUser(t, admin, slug, { role: 'customer', name: 'مشتری' });
  calendarId = (await admin.post('calendars', { name: 'بدون تعطیلی' })).json().id;
  other = await signIn(t, (await newWorkspace(t)).slug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('policies', () => {
  it('are checked: a target is needed, references must exist; errors are translated and change nothing', async () => {
    const none = await admin.post('sla-policies', { name: 'x', targets: {} });
    expect(none.statusCode).toBe(400);
    const bad = await admin.post('sla-policies', {
      name: 'x',
      targets: { firstResponse: 60 },
      calendarId: '999999',
      onBreach: { notify: [customer.id] },
    });
    expect(bad.json().error.fields).toEqual({
      calendarId: 'چنین تقویم کاری‌ای نیست.',
      'onBreach.notify.0': expect.any(String),
    });
    expect((await admin.get('sla-policies')).json().total).toBe(0);
    expect((await agent.client.post('sla-policies', { name: 'x', targets: { resolution: 1 } })).statusCode).toBe(403);
  });

  it('the first match by position applies', async () => {
    t.clock.set(SAT_0900);
    policy = (
      await admin.post('sla-policies', {
        name: 'عمومی',
        position: 10,
        calendarId,
        targets: { firstResponse: 60, nextResponse: 120, resolution: 480 },
        warnBefore: 15,
        onBreach: { raisePriority: true, notify: [lead.id] },
      })
    ).json();
    urgent = (
      await admin.post('sla-policies', {
        name: 'فوری',
        position: 0,
        calendarId,
        conditions: { priorities: ['urgent'] },
        targets: { firstResponse: 15 },
      })
    ).json();
    const plain = await open();
    expect(plain.sla).toMatchObject({ policyId: policy.id, state: 'ok', paused: false, breached: [] });
    const hot = await open({ priority: 'urgent' });
    expect(hot.sla).toMatchObject({ policyId: urgent.id, firstResponseDue: iso('2026-12-05T09:15:00') });
    expect((await other.get(`sla-policies/${policy.id}`)).statusCode).toBe(404);
  });
});

describe('first response', () => {
  let n: number;
  it('is due an hour of working time after opening; the warning waits as a job', async () => {
    t.clock.set(SAT_0900);
    const made = await open();
    n = made.number;
    expect(made.sla).toMatchObject({
      firstResponseDue: iso('2026-12-05T10:00:00'),
      resolutionDue: iso('2026-12-06T09:00:00'), // 7 h on Saturday, the 8th on Sunday morning
      nextResponseDue: null,
      nextDue: iso('2026-12-05T10:00:00'),
    });
    const { rows } = (await t.deps.database.executeSql(
      "select start_after from pgboss.job where name = 'sla.check' and (data->>'ticketId')::bigint = $1 order by start_after",
      [await idOf(n)],
    )) as { rows: { start_after: Date }[] };
    // One job, at the nearest instant (the warning); that check queues the due time's.
    expect(rows.map((r) => new Date(r.start_after).toISOString())).toEqual([iso('2026-12-05T09:45:00')]);
  });

  it('warns 15 working minutes before, once; the warning filter finds it', async () => {
    t.clock.set(at('2026-12-05T09:44:00'));
    expect(await checkSla(ctx(), await idOf(n))).toBe('nothing');
    // The urgent ticket's 15 minutes ran out at 09:15 (its job breaches it); #1 and #n warn at 09:45.
    t.clock.set(at('2026-12-05T09:45:00'));
    expect((await runDueJobs()).sort()).toEqual(['breached', 'warned', 'warned']);
    expect(await checkSla(ctx(), await idOf(n))).toBe('nothing');
    const { rows } = (await t.deps.database.executeSql(
      "select start_after from pgboss.job where name = 'sla.check' and state = 'created' and (data->>'ticketId')::bigint = $1",
      [await idOf(n)],
    )) as { rows: { start_after: Date }[] };
    expect(rows.map((r) => new Date(r.start_after).toISOString())).toContain(iso('2026-12-05T10:00:00'));
    const warned = (await agent.client.get('tickets?sla=warning'))
      .json()
      .items.map((i: { number: number }) => i.number);
    expect(warned).toContain(n);
    expect(warned).not.toContain(n - 1); // the urgent one is breached, not warned
    await drainNotifications(t, workspaceId);
    expect(await toldOf(t, workspaceId, n, 'slaWarning')).toContain(agent.id);
  });

  it('breaches at its instant: recorded once, priority raised, the lead told, the breached filter finds it', async () => {
    t.clock.set(at('2026-12-05T10:00:00'));
    expect(await runDueJobs()).toEqual(['breached', 'breached']); // #1 and #n, each once
    expect(await checkSla(ctx(), await idOf(n))).toBe('nothing');
    const r = (await agent.client.get(`tickets/${n}`)).json();
    expect(r.priority).toBe('high');
    expect(r.sla).toMatchObject({ state: 'breached', breached: ['firstResponse'] });
    const breached = (await agent.client.get('tickets?sla=breached'))
      .json()
      .items.map((i: { number: number }) => i.number);
    expect(breached).toContain(n);
    expect((await agent.client.get('tickets?sla=warning')).json().total).toBe(0);
    expect((await customer.client.get('tickets?sla=breached')).json().total).toBeGreaterThan(0); // customers: no filter
    await drainNotifications(t, workspaceId);
    expect(await toldOf(t, workspaceId, n, 'slaBreached')).toEqual(expect.arrayContaining([lead.id, agent.id]));
  });
});

describe('pause while pending, next response, met', () => {
  let n: number;
  it('an agent reply in time meets the first response; pending pauses the resolution clock', async () => {
    t.clock.set(at('2026-12-05T10:00:00'));
    n = (await open()).number;
    t.clock.set(at('2026-12-05T10:30:00'));
    const note = await agent.client.post(`tickets/${n}/messages`, { kind: 'note', body: '<p>بررسی می‌کنم</p>' });
    expect(note.statusCode).toBe(201);
    expect((await agent.client.get(`tickets/${n}`)).json().sla.firstResponseDue).toBe(iso('2026-12-05T11:00:00'));
    await agent.client.post(`tickets/${n}/messages`, {
      body: '<p>لطفاً شماره پنل را بفرستید</p>',
      statusAfter: 'pending',
    });
    const r = (await agent.client.get(`tickets/${n}`)).json();
    expect(r.sla).toMatchObject({
      paused: true,
      state: 'paused',
      firstResponseDue: null,
      resolutionDue: null,
      breached: [],
    });
  });

  it('the requester’s answer resumes it with the paused working time added, and starts the next response', async () => {
    t.clock.set(at('2026-12-06T10:30:00')); // paused Sat 10:30–16:00 and Sun 08:00–10:30: 480 working minutes
    await reloginAll();
    const res = await customer.client.post(`tickets/${n}/messages`, { body: '<p>شماره پنل ۱۲۳ است</p>' });
    expect(res.statusCode, res.body).toBe(201);
    const r = (await agent.client.get(`tickets/${n}`)).json();
    // 480 + 480 working minutes from Sat 10:00: Sat 6 h, Sun 8 h, Mon 2 h.
    expect(r.sla).toMatchObject({
      paused: false,
      state: 'ok',
      resolutionDue: iso('2026-12-07T10:00:00'),
      nextResponseDue: iso('2026-12-06T12:30:00'),
      nextDue: iso('2026-12-06T12:30:00'),
    });
  });

  it('closing meets it: no due times, state met', async () => {
    const closed = await agent.client.patch(`tickets/${n}`, { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().sla).toMatchObject({ state: 'met', nextDue: null, resolutionDue: null, breached: [] });
  });
});

describe('working hours only', () => {
  it('a person who asks gets no e-mail, SMS or push at night: they wait for the next working minute; the bell does not', async () => {
    const set = await lead.client.put('me/notification-settings', { workingHoursOnly: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().workingHoursOnly).toBe(true);
    // Sunday 22:00 in Tehran: the next working minute is Monday 08:00.
    t.clock.set(at('2026-12-06T22:00:00'));
    await reloginAll();
    const made = await open();
    // The fan-out only (not the deliveries, which drainNotifications would also send).
    const fanOut = JOBS.find((j) => j.queue === 'notify.ticket')!.handler(t.deps) as (
      d: unknown,
      j: unknown,
    ) => Promise<void>;
    const { rows: queued } = (await t.deps.database.executeSql(
      `delete from pgboss.job where name = 'notify.ticket' and (data->>'workspaceId')::bigint = $1 returning id, data`,
      [workspaceId],
    )) as { rows: { id: string; data: unknown }[] };
    for (const q of queued) await fanOut(q.data, { id: q.id, name: 'notify.ticket' });
    expect(await toldOf(t, workspaceId, made.number, 'ticketCreated')).toEqual(
      expect.arrayContaining([agent.id, lead.id]),
    );
    const { rows } = (await t.deps.database.executeSql(
      `select d.user_id::text as user, j.start_after from deliveries d
         join pgboss.job j on j.name = 'notify.deliver' and j.data->'ids' @> to_jsonb(d.id)
        where d.workspace_id = $1 and d.ticket_number = $2 and d.event = 'ticketCreated'`,
      [workspaceId, made.number],
    )) as { rows: { user: string; start_after: Date }[] };
    const leads = rows.filter((r) => r.user === lead.id);
    expect(leads.length).toBeGreaterThan(0);
    for (const r of leads) expect(new Date(r.start_after).toISOString()).toBe(iso('2026-12-07T08:00:00'));
    const others = rows.filter((r) => r.user === agent.id);
    expect(others.length).toBeGreaterThan(0);
    // Not deferred: queued to start at once. pg-boss stamps start_after with the database's clock,
    // not the test's, so "at once" is now by the real clock, whatever day the suite runs on.
    for (const r of others) {
      expect(new Date(r.start_after).toISOString()).not.toBe(iso('2026-12-07T08:00:00'));
      expect(new Date(r.start_after).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });
});

describe('recomputing', () => {
  it('a policy change moves the due times of open tickets', async () => {
    t.clock.set(at('2026-12-06T11:00:00'));
    const made = await open();
    expect(made.sla.firstResponseDue).toBe(iso('2026-12-06T12:00:00'));
    const patched = await admin.patch(`sla-policies/${policy.id}`, { targets: { firstResponse: 240 } });
    expect(patched.statusCode).toBe(200);
    // Only what was sent changed.
    expect(patched.json()).toMatchObject({ warnBefore: 15, position: 10, onBreach: { raisePriority: true } });
    expect(await recomputeSla(ctx())).toBeGreaterThan(0);
    const r = (await agent.client.get(`tickets/${made.number}`)).json();
    expect(r.sla.firstResponseDue).toBe(iso('2026-12-06T15:00:00'));
    expect(r.sla.resolutionDue).toBeNull();
  });

  it('removing every policy clears the SLA of open tickets', async () => {
    await admin.del(`sla-policies/${policy.id}`);
    await admin.del(`sla-policies/${urgent.id}`);
    await recomputeSla(ctx());
    const list = (await agent.client.get('tickets?status=active')).json().items;
    expect(list.every((i: { sla: unknown }) => i.sla === null)).toBe(true);
  });
});

describe('isolation', () => {
  it('another workspace cannot read or change the policies', async () => {
    const p = (await admin.post('sla-policies', { name: 'y', targets: { resolution: 60 } })).json();
    expect((await other.get(`sla-policies/${p.id}`)).statusCode).toBe(404);
    expect((await other.patch(`sla-policies/${p.id}`, { name: 'z' })).statusCode).toBe(404);
    expect((await other.del(`sla-policies/${p.id}`)).statusCode).toBe(404);
    expect((await other.get('sla-policies')).json().total).toBe(0);
    expect((await admin.get(`sla-policies/${p.id}`)).json().name).toBe('y');
  });
});
