import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/database';
import { JOBS } from '../../src/server/jobs-registry';
import { pollSmsStatus } from '../../src/server/modules/notifications';
import { startFakeVendor, type FakeVendor } from '../helpers/sms-vendors';
import { startPushService, type PushService } from '../helpers/push-service';
import { openSse } from '../helpers/sse';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';
import { openTicket } from '../helpers/tickets';
import {
  deliveriesOf,
  deliverJobs,
  drainNotifications,
  runSmsJobs,
  sealPayloads,
  toldOf,
} from '../helpers/notifications';

/** Issue 15: the channels end to end — a real SMS vendor protocol, Web Push, the credit, the bell. */
let t: TestApp;
let kave: FakeVendor;
let push: PushService;
let slug: string;
let workspaceId: number;
let admin: Client;
let support: { id: string };
type P = { id: string; client: Client; username: string };
let agent: P;
let alice: P;

const drain = () => drainNotifications(t, workspaceId);
const sms = (mobile: string) => t.sms.sent.filter((m) => m.to === mobile);

beforeAll(async () => {
  kave = await startFakeVendor('kavenegar');
  push = await startPushService();
  t = await createTestApp('postgres', { SMS_KAVENEGAR_URL: kave.baseUrl });
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  support = (await admin.post('departments', { name: 'Support' })).json();
  agent = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Agent',
    departmentIds: [support.id],
    mobile: '09121230001',
  });
  alice = await makeUser(t, admin, slug, { role: 'customer', name: 'Alice', mobile: '09351230002' });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await kave?.close();
  await push?.stop();
});

describe('the bell', () => {
  it('lists the unread, marks read by id or all, and never touches anyone else’s', async () => {
    const a = await openTicket(alice.client, { departmentId: support.id });
    await drain();
    const b = await openTicket(alice.client, { departmentId: support.id });
    await drain();
    const list = await agent.client.get('notifications?unread=true');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ unread: 2, total: 2 });
    expect(list.json().items.map((n: { ticketNumber: number }) => n.ticketNumber)).toEqual([b.number, a.number]);
    const first = list.json().items[1].id;
    // Alice's acknowledgement is hers: the agent cannot mark it.
    const hers = (await alice.client.get('notifications')).json().items[0].id;
    const mark = await agent.client.post('notifications/read', { ids: [first, hers] });
    expect(mark.json()).toEqual({ updated: 1, unread: 1 });
    expect((await alice.client.get('notifications')).json().unread).toBe(2);
    expect((await agent.client.post('notifications/read', { all: true })).json()).toEqual({ updated: 1, unread: 0 });
    expect((await agent.client.post('notifications/read', { ids: [] })).statusCode).toBe(400);
  });

  it('is told live, over the event stream, and only its owner is', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (c: Client) => {
      const s = await openSse(`${address}/api/v1/events/stream`, { cookie: `pk_session=${c.s.cookie}` });
      await s.waitFor((e) => e.event === 'connected', 2000, 'connected');
      return s;
    };
    const mine = await open(agent.client);
    const hers = await open(alice.client);
    try {
      const { number } = await openTicket(alice.client, { departmentId: support.id });
      await drain();
      const got = await mine.waitFor((e) => e.event === 'notification.created', 5_000, 'notification');
      expect(got.data).toEqual({ type: 'notification.created', number });
      // Alice hears of her own acknowledgement, not of the agent's notification.
      const hersGot = await hers.waitFor((e) => e.event === 'notification.created', 5_000, 'notification');
      expect(hersGot.data).toEqual({ type: 'notification.created', number });
      await new Promise((r) => setTimeout(r, 300));
      expect(hers.events.filter((e) => e.event === 'notification.created')).toHaveLength(1);
    } finally {
      mine.close();
      hers.close();
    }
  });
});

describe('SMS through a vendor', () => {
  it('goes out by the vendor’s published API, and the delivery status is polled', async () => {
    const gw = await admin.put('sms-gateway', { provider: 'kavenegar', sender: kave.sender, apiKey: kave.apiKey });
    expect(gw.statusCode, gw.body).toBe(200);
    expect(gw.body).not.toContain(kave.apiKey);
    expect(gw.json()).toMatchObject({ provider: 'kavenegar', hasApiKey: true, configured: true });
    const { number } = await openTicket(alice.client, { departmentId: support.id });
    await drain();
    const [d] = (await deliveriesOf(t, workspaceId, number)).filter((x) => x.channel === 'sms');
    expect(d).toMatchObject({ status: 'sent', to: '09121230001', parts: 1 });
    const sent = kave.requests.filter((r) => r.path.endsWith('/sms/send.json'));
    expect(sent.at(-1)!.form).toMatchObject({ receptor: '09121230001', sender: kave.sender });
    const [{ provider_ref: ref }] = await queryRows<{ provider_ref: string }>(
      t.deps.database.db,
      sql`select provider_ref from deliveries where id = ${Number(d.id)}`,
    );
    kave.setDelivery(ref, 10); // Kavenegar: 10 = delivered to the phone
    expect(await pollSmsStatus(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await deliveriesOf(t, workspaceId, number)).find((x) => x.id === d.id)!.status).toBe('delivered');
    expect(t.logs.join('')).not.toContain(kave.apiKey);
  });

  it('a number the vendor refuses fails and is refunded; the admin test answers what the vendor said', async () => {
    await admin.patch('billing/credit', { charging: true });
    await admin.post('billing/credit/grant', { amount: 1900, note: 'test' });
    kave.refusedNumbers.add('09121230009');
    const test = await admin.post('sms-gateway/test', { mobile: '09121230009' });
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json()).toMatchObject({ ok: false, status: 'failed', code: 'invalid_number' });
    expect(test.json().price).toBe(190 * test.json().parts);
    expect((await admin.get('billing/credit')).json().balance).toBe(1900);
    const ok = await admin.post('sms-gateway/test', { mobile: '09121230008' });
    expect(ok.json()).toMatchObject({ ok: true, status: 'sent' });
    expect((await admin.get('billing/credit')).json().balance).toBe(1900 - ok.json().price);
    const log = await admin.get('deliveries?channel=sms&status=failed');
    expect(log.json().items[0]).toMatchObject({ to: '09121230009', event: 'test', reason: 'invalid_number' });
    expect((await agent.client.get('deliveries')).statusCode).toBe(403);
    await admin.patch('billing/credit', { charging: false });
    await admin.put('sms-gateway', { provider: 'log', sender: '' });
  });
});

describe('the credit (I2)', () => {
  it('100 SMS at once with credit for exactly 50 parts: 50 sent and charged, 50 skipped no_credit, balance 0', async () => {
    await admin.put('sms-gateway', { provider: 'log', sender: '' });
    await admin.patch('billing/credit', { charging: true, pricePerSms: 100 });
    const balance = (await admin.get('billing/credit')).json().balance;
    if (balance > 5000) throw new Error('unexpected balance');
    await admin.post('billing/credit/grant', { amount: 5000 - balance, note: 'exactly 50 parts' });
    // 100 queued SMS deliveries, each its own job, run all at once as parallel workers would.
    const rows = await queryRows<{ id: number }>(
      t.deps.database.db,
      sql`insert into deliveries (workspace_id, channel, "to", event, status)
        select ${workspaceId}, 'sms', '0912' || lpad(g::text, 7, '0'), 'bulk', 'queued' from generate_series(1, 100) g returning id`,
    );
    await sealPayloads(
      t,
      rows.map((r) => Number(r.id)),
      { kind: 'sms', text: 'x' },
    );
    const deliver = JOBS.find((j) => j.queue === 'notify.deliver')!.handler(t.deps) as (d: unknown) => Promise<void>;
    await Promise.all(rows.map((r) => deliver({ workspaceId, channel: 'sms', ids: [Number(r.id)] })));
    const by = await queryRows<{ status: string; reason: string | null; n: number }>(
      t.deps.database.db,
      sql`select status, reason, count(*)::int as n from deliveries where event = 'bulk' and workspace_id = ${workspaceId} group by 1, 2 order by 1`,
    );
    expect(by).toEqual([
      { status: 'sent', reason: null, n: 50 },
      { status: 'skipped', reason: 'no_credit', n: 50 },
    ]);
    expect((await admin.get('billing/credit')).json()).toMatchObject({ balance: 0, lowBalance: true });
    const entries = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from credit_entries where workspace_id = ${workspaceId} and kind = 'sms' and amount = -100`,
    );
    expect(entries[0].n).toBe(50);
    await admin.patch('billing/credit', { charging: false });
  });
});

describe('Web Push', () => {
  it('a ticket event reaches a real push service, encrypted; a gone subscription is removed', async () => {
    const { publicKey } = (await new Client(t, { slug }).get('public/push-key')).json();
    const sub = await push.subscribe(publicKey);
    expect(
      (await agent.client.post('me/push-subscriptions', { endpoint: sub.endpoint, keys: sub.keys })).statusCode,
    ).toBe(201);
    const { number } = await openTicket(alice.client, { departmentId: support.id, subject: 'VPN قطع است' });
    await drain();
    const [msg] = (await push.messages(sub.clientHash)).map((m) => JSON.parse(m));
    expect(msg).toMatchObject({ tag: `ticket-${number}`, url: expect.stringContaining(`/agent/tickets/${number}`) });
    expect(msg.title).toContain('VPN قطع است');
    const d = (await deliveriesOf(t, workspaceId, number)).find((x) => x.channel === 'push')!;
    expect(d.status).toBe('sent');
    await push.expire(sub.clientHash);
    const next = await openTicket(alice.client, { departmentId: support.id });
    await drain();
    expect((await deliveriesOf(t, workspaceId, next.number)).find((x) => x.channel === 'push')).toMatchObject({
      status: 'failed',
      reason: 'push_refused',
    });
    expect((await agent.client.get('me/push-subscriptions')).json().items).toEqual([]);
  });
});

describe('sign-in messages by SMS', () => {
  it('the admin link (A3) goes to an administrator’s mobile only, with the same answer for anyone', async () => {
    const meRes = await admin.get('auth/me');
    const adminId = meRes.json().user.id;
    expect((await admin.patch(`users/${adminId}`, { mobile: '09121239999' })).statusCode).toBe(200);
    const anon = new Client(t, { slug });
    const res = await anon.post('auth/admin-link', { mobile: '09121239999' });
    expect(res.statusCode, res.body).toBe(202);
    const other = await anon.post('auth/admin-link', { mobile: '09351230002' }); // a customer's
    expect(other.statusCode).toBe(202);
    expect(other.json()).toEqual({ mobile: '09351230002', sent: true });
    await runSmsJobs(t, workspaceId);
    expect(sms('09121239999').at(-1)!.text).toContain('/login?tab=otp&mobile=09121239999');
    expect(sms('09351230002')).toHaveLength(0);
    const log = (await admin.get('deliveries?channel=sms')).json().items;
    expect(log[0]).toMatchObject({ event: 'admin_link', to: '09121239999', status: 'sent' });
  });
});

describe('sign-in codes and the credit', () => {
  const codeTo = async (mobile: string) => {
    expect((await new Client(t, { slug }).post('auth/otp/request', { mobile })).statusCode).toBe(202);
    await runSmsJobs(t, workspaceId);
    return (await admin.get('deliveries?channel=sms')).json().items[0];
  };

  it('are skipped without credit, unless the admin exempts them', async () => {
    await admin.patch('billing/credit', { charging: true });
    expect((await admin.get('billing/credit')).json().balance).toBe(0);
    expect(await codeTo('09351230002')).toMatchObject({ event: 'otp', status: 'skipped', reason: 'no_credit' });
    expect((await admin.patch('billing/credit', { codesExempt: true })).json()).toMatchObject({ codesExempt: true });
    expect(await codeTo('09351230002')).toMatchObject({ event: 'otp', status: 'sent', price: 0 });
    expect(sms('09351230002')).toHaveLength(1);
    await admin.patch('billing/credit', { charging: false, codesExempt: false });
  });
});

describe('fan-out', () => {
  it('200 agents of one department are a bounded number of jobs', async () => {
    const dept = (await admin.post('departments', { name: 'Big' })).json();
    await t.deps.database.executeSql(
      `with u as (insert into users (workspace_id, role, username, name, email, mobile, password_hash, created_at, updated_at)
        select $1, 'agent', 'big' || g, 'Big ' || g, 'big' || g || '@example.com', '0912' || lpad((5000000 + g)::text, 7, '0'), 'x', now(), now()
        from generate_series(1, 200) g returning id)
       insert into department_agents (workspace_id, department_id, user_id) select $1, $2, id from u`,
      [workspaceId, Number(dept.id)],
    );
    const { number } = await openTicket(alice.client, { departmentId: dept.id });
    // Only the fan-out job: then count the deliver jobs it queued.
    const notify = JOBS.find((j) => j.queue === 'notify.ticket')!.handler(t.deps) as (d: unknown) => Promise<void>;
    const { rows } = (await t.deps.database.executeSql(
      "delete from pgboss.job where name = 'notify.ticket' and (data->>'workspaceId')::bigint = $1 returning data",
      [workspaceId],
    )) as { rows: { data: unknown }[] };
    for (const r of rows) await notify(r.data);
    const jobs = await deliverJobs(t, workspaceId);
    expect(jobs.filter((j) => j.channel === 'email')).toHaveLength(4); // Alice has no e-mail: her acknowledgement is skipped
    expect(jobs.filter((j) => j.channel === 'sms')).toHaveLength(4);
    expect(Math.max(...jobs.map((j) => Number(j.n)))).toBeLessThanOrEqual(50);
    expect((await toldOf(t, workspaceId, number, 'ticketCreated')).length).toBe(201);
    await drain();
  }, 60_000);
});
