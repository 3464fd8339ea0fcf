import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';
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
import { deliveriesOf, drainNotifications, expectSameMembers, toldOf } from '../helpers/notifications';

/** Issue 15: who is told of what, through which channels, after each person's settings and filter. */
const SMTP_USER = { user: 'notify-out', password: 'smtp-Pw-4410' };
let t: TestApp;
let smtp: SmtpReceiver;
let slug: string;
let workspaceId: number;
let admin: Client;
let support: { id: string };
let billing: { id: string };
type P = { id: string; client: Client; username: string };
let fa: P; // agent, Persian, e-mail and mobile
let en: P; // agent, English, e-mail and mobile
let plain: P; // agent, no mobile
let biller: P; // agent of billing
let alice: P; // customer
let bob: P; // customer

/** A number as the Persian texts write it. */
/** Text without the bidi isolates around names and subjects. */
const unisolated = (s: string | undefined) => (s ?? '').replace(/[\u2068\u2069]/g, '');
const faDigits = (n: number) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
const drain = () => drainNotifications(t, workspaceId);
const mailsTo = (address: string) => smtp.received.filter((m) => m.envelope.to.includes(address));

beforeAll(async () => {
  t = await createTestApp();
  ({ slug, workspaceId } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  support = (await admin.post('departments', { name: 'پشتیبانی' })).json();
  billing = (await admin.post('departments', { name: 'Billing' })).json();
  const agent = (name: string, more: Record<string, unknown>) =>
    makeUser(t, admin, slug, { role: 'agent', name, departmentIds: [support.id], ...more });
  fa = await agent('سارا', { email: `sara@${slug}.test`, mobile: '09121110001', locale: 'fa' });
  en = await agent('Eric', { email: `eric@${slug}.test`, mobile: '09121110002', locale: 'en' });
  plain = await agent('Pari', { email: `pari@${slug}.test` });
  biller = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Bill',
    departmentIds: [billing.id],
    email: `bill@${slug}.test`,
  });
  alice = await makeUser(t, admin, slug, {
    role: 'customer',
    name: 'Alice',
    email: `alice@${slug}.test`,
    mobile: '09351110003',
  });
  bob = await makeUser(t, admin, slug, { role: 'customer', name: 'Bob', email: `bob@${slug}.test` });
  smtp = await startSmtpReceiver({ users: [SMTP_USER] });
  const caFile = join(mkdtempSync(join(tmpdir(), 'pishkhan-ca-')), 'ca.pem');
  writeFileSync(caFile, smtp.caCertPem);
  t.deps.config.mailTlsCaFile = caFile;
  // The workspace's system mailbox: every department's notifications go out through it.
  const box = await admin.post('mailboxes', {
    address: `desk@${slug}.test`,
    displayName: 'میز خدمت',
    outbound: {
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'starttls',
      auth: true,
      username: SMTP_USER.user,
      password: SMTP_USER.password,
    },
  });
  expect(box.statusCode, box.body).toBe(201);
}, 60_000);
afterAll(async () => {
  await smtp?.stop();
  await t?.close();
});

describe('a new ticket', () => {
  let number: number;
  it("tells the department's agents by in-app, e-mail and SMS, each in their language, and acknowledges the customer", async () => {
    ({ number } = await openTicket(alice.client, { departmentId: support.id, subject: 'چاپگر طبقهٔ دوم' }));
    await drain();
    expectSameMembers(await toldOf(t, workspaceId, number, 'ticketCreated'), [fa.id, en.id, plain.id, alice.id]);
    const ds = await deliveriesOf(t, workspaceId, number);
    const of = (who: P, channel: string) => ds.filter((d) => d.user_id === who.id && d.channel === channel);
    expect(of(fa, 'email')[0]).toMatchObject({ status: 'sent', to: `sara@${slug}.test`, sealed_payload: null });
    expect(of(fa, 'sms')[0]).toMatchObject({ status: 'sent', to: '09121110001', parts: 1 });
    expect(of(plain, 'sms')[0]).toMatchObject({ status: 'skipped', reason: 'no_address' });
    expect(of(biller, 'email')).toHaveLength(0);
    // The customer who opened it: an acknowledgement mail, no SMS (customers get status SMS only).
    expect(of(alice, 'email')[0]).toMatchObject({ status: 'sent' });
    expect(of(alice, 'sms')).toHaveLength(0);
    // Real mails through the system mailbox, with the language of each reader and one thread per ticket.
    const [toSara] = mailsTo(`sara@${slug}.test`);
    const [toEric] = mailsTo(`eric@${slug}.test`);
    expect(unisolated(toSara.parsed.subject)).toBe(`تیکت جدید #${faDigits(number)}: چاپگر طبقهٔ دوم`);
    expect(unisolated(toEric.parsed.subject)).toBe(`New ticket #${number}: چاپگر طبقهٔ دوم`);
    expect(toEric.parsed.text).toContain(`/agent/tickets/${number}`);
    // The Persian readers of the same text share one SMTP message; none sees the others' address.
    expect([...toSara.envelope.to].sort()).toEqual([`pari@${slug}.test`, `sara@${slug}.test`]);
    expect(toSara.raw.toString()).not.toMatch(/^(To|Cc|Bcc):.*(sara|pari)@/im);
    expect(toEric.envelope.to).toEqual([`eric@${slug}.test`]);
    const root = `<ticket.${workspaceId}.${number}@${slug}.test>`;
    for (const m of [toSara, toEric]) {
      expect(m.parsed.inReplyTo).toBe(root);
      expect(m.parsed.references).toBe(root);
      expect(m.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(m.user).toBe(SMTP_USER.user);
    }
    expect(unisolated(mailsTo(`alice@${slug}.test`)[0].parsed.subject)).toBe(
      `درخواست شما ثبت شد: #${faDigits(number)}`,
    );
    // The log gateway is the app's SMS outbox (a file in production, memory here), never the application log.
    expect(t.sms.sent.find((m) => m.to === '09121110001')!.text).toBe(`تیکت جدید #${faDigits(number)}: چاپگر طبقهٔ دوم`);
    expect(t.logs.join('')).not.toContain('09121110001');
  });

  it('a second drain sends nothing again', async () => {
    const before = smtp.received.length;
    expect(await drain()).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it('assignment tells the new assignee only, never the agent who did it', async () => {
    const res = await fa.client.patch(`tickets/${number}`, { assigneeIds: [en.id] });
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    expectSameMembers(await toldOf(t, workspaceId, number, 'assigned'), [en.id]);
  });

  it("a customer's reply tells the assignees and followers, not the whole department", async () => {
    await plain.client.post(`tickets/${number}/follow`, {});
    const r = await alice.client.post(`tickets/${number}/messages`, { body: '<p>هنوز کار نمی‌کند</p>', kind: 'reply' });
    expect(r.statusCode, r.body).toBe(201);
    await drain();
    const told = await toldOf(t, workspaceId, number, 'customerReplied');
    expect(told).toContain(en.id);
    expect(told).not.toContain(fa.id);
    expect(told).not.toContain(alice.id);
  });

  it("an agent's reply tells the requester in-app (the reply itself goes by mail), a status change by e-mail and, when the workspace sends them, SMS", async () => {
    const gw = await admin.put('sms-gateway', { provider: 'log', sender: '', customerStatusSms: true });
    expect(gw.statusCode, gw.body).toBe(200);
    const r = await en.client.post(`tickets/${number}/messages`, {
      body: '<p>درست شد</p>',
      kind: 'reply',
      statusAfter: 'pending',
    });
    expect(r.statusCode, r.body).toBe(201);
    await drain();
    expect(await toldOf(t, workspaceId, number, 'agentReplied')).toEqual([alice.id]);
    expect(await toldOf(t, workspaceId, number, 'statusChanged')).toEqual([alice.id]);
    const ds = (await deliveriesOf(t, workspaceId, number)).filter((d) => d.user_id === alice.id);
    expect(ds.filter((d) => d.event === 'agentReplied' && d.channel === 'email')).toHaveLength(0);
    expect(ds.filter((d) => d.event === 'statusChanged').map((d) => d.channel)).toEqual(['sms']);
    const closed = await en.client.patch(`tickets/${number}`, { status: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    await drain();
    const last = (await deliveriesOf(t, workspaceId, number)).filter(
      (d) => d.user_id === alice.id && d.event === 'statusChanged',
    );
    expect(last.map((d) => d.channel).sort()).toEqual(['email', 'sms', 'sms']);
  });
});

describe('transfer', () => {
  it('tells the agents of the new department when nobody is assigned', async () => {
    const { number } = await openTicket(bob.client, { departmentId: support.id });
    const res = await fa.client.patch(`tickets/${number}`, { departmentId: billing.id });
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    expect(await toldOf(t, workspaceId, number, 'transferred')).toEqual([biller.id]);
  });
});

describe("each person's settings", () => {
  it('an event switched off is not told; a channel switched off is not used', async () => {
    expect((await plain.client.put('me/notification-settings', { events: { ticketCreated: false } })).statusCode).toBe(
      200,
    );
    expect((await fa.client.put('me/notification-settings', { channels: { email: false } })).statusCode).toBe(200);
    const { number } = await openTicket(bob.client, { departmentId: support.id });
    await drain();
    const told = await toldOf(t, workspaceId, number, 'ticketCreated');
    expect(told).not.toContain(plain.id);
    expect(told).toContain(fa.id);
    const faOut = (await deliveriesOf(t, workspaceId, number)).filter((d) => d.user_id === fa.id).map((d) => d.channel);
    expect(faOut).toEqual(['sms']);
    await plain.client.put('me/notification-settings', { events: { ticketCreated: true } });
    await fa.client.put('me/notification-settings', { channels: { email: true } });
  });

  it('"don\'t notify me" on one ticket is honoured', async () => {
    const { number } = await openTicket(alice.client, { departmentId: support.id });
    await drain();
    const muted = await fa.client.patch(`tickets/${number}`, { notify: false });
    expect(muted.statusCode).toBe(200);
    expect(muted.json().notifyMe).toBe(false);
    expect((await fa.client.get(`tickets/${number}`)).json().notifyMe).toBe(false);
    expect((await en.client.get(`tickets/${number}`)).json().notifyMe).toBe(true);
    await alice.client.post(`tickets/${number}/messages`, { body: '<p>و حالا؟</p>', kind: 'reply' });
    await drain();
    const told = await toldOf(t, workspaceId, number, 'customerReplied');
    expect(told).toContain(en.id);
    expect(told).not.toContain(fa.id);
  });
});

describe('the seed-004 filter', () => {
  const setFilter = async (who: P, mode: string, userIds: string[]) => {
    const res = await who.client.put('me/notification-filter', { mode, userIds });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mode, userIds });
  };
  const newTicketBy = async (c: Client) => {
    const { number } = await openTicket(c, { departmentId: support.id });
    await drain();
    return number;
  };

  it('blacklist: everyone but the listed; what is filtered is recorded as skipped', async () => {
    await setFilter(fa, 'blacklist', [alice.id]);
    const fromAlice = await newTicketBy(alice.client);
    expect(await toldOf(t, workspaceId, fromAlice, 'ticketCreated')).not.toContain(fa.id);
    const skipped = (await deliveriesOf(t, workspaceId, fromAlice)).filter((d) => d.user_id === fa.id);
    expect(skipped.map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['email', 'skipped', 'filter'],
      ['sms', 'skipped', 'filter'],
    ]);
    expect(await toldOf(t, workspaceId, await newTicketBy(bob.client), 'ticketCreated')).toContain(fa.id);
    const guest = await new Client(t, { slug }).post('public/tickets', {
      name: 'مهمان',
      email: 'guest@example.com',
      subject: 'سلام',
      body: '<p>سلام</p>',
      departmentId: support.id,
    });
    expect(guest.statusCode, guest.body).toBe(201);
    await drain();
    expect(await toldOf(t, workspaceId, guest.json().number, 'ticketCreated')).toContain(fa.id);
  });

  it('whitelist: only the listed; guests are not on any list', async () => {
    await setFilter(fa, 'whitelist', [bob.id]);
    expect(await toldOf(t, workspaceId, await newTicketBy(alice.client), 'ticketCreated')).not.toContain(fa.id);
    expect(await toldOf(t, workspaceId, await newTicketBy(bob.client), 'ticketCreated')).toContain(fa.id);
  });

  it('an empty whitelist silences every customer, but not what agents do', async () => {
    await setFilter(fa, 'whitelist', []);
    const number = await newTicketBy(bob.client);
    expect(await toldOf(t, workspaceId, number, 'ticketCreated')).not.toContain(fa.id);
    expect(await toldOf(t, workspaceId, number, 'ticketCreated')).toContain(en.id);
    await en.client.patch(`tickets/${number}`, { assigneeIds: [fa.id] });
    await drain();
    expect(await toldOf(t, workspaceId, number, 'assigned')).toEqual([fa.id]);
    await setFilter(fa, 'all', []);
  });

  it('refuses people of another workspace', async () => {
    const other = await newWorkspace(t);
    const res = await fa.client.put('me/notification-filter', { mode: 'blacklist', userIds: [String(other.adminId)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('userIds');
  });
});
