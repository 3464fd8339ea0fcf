import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/database';
import { sha256 } from '../../src/server/platform/crypto';
import { autoCloseTickets } from '../../src/server/modules/tickets/auto-close.job';
import { DAY, tokenOf, useCsatWorld, type CsatPerson } from '../helpers/csat';
import { runSmsJobs } from '../helpers/notifications';
import { Client, type TestApp } from '../helpers/test-app';
import { openTicket } from '../helpers/tickets';

/**
 * K5, the sending: a closed ticket's requester gets one satisfaction survey (e-mail, SMS when
 * chosen; never twice, never for a merged source), also after an auto-close. Answering it and the
 * results: csat-answer.test.ts.
 */
let t: TestApp;
let slug: string;
let workspaceId: number;
let admin: Client;
let support: { id: string };
let agent: CsatPerson;
let alice: CsatPerson;
const { db, handler, runCsatJobs, queued, mailsTo, closedTicket, visitor, surveyRow } = useCsatWorld((world) => {
  ({ t, slug, workspaceId, admin, support, agent, alice } = world);
});

describe('sending', () => {
  it('settings default to e-mail at once, and refuse bad values with a 400 that changes nothing', async () => {
    const s = (await admin.get('settings')).json();
    expect(s.csat).toEqual({ enabled: true, channels: ['email'], delayMinutes: 0 });
    for (const bad of [{ delayMinutes: -1 }, { channels: ['fax'] }, { channels: ['sms', 'sms'] }, { enabled: 'yes' }]) {
      const res = await admin.patch('settings', { csat: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin.get('settings')).json().csat).toEqual({ enabled: true, channels: ['email'], delayMinutes: 0 });
  });

  it('a close by an agent mails the requester one survey with five one-click links', async () => {
    const tk = await closedTicket();
    expect(await runCsatJobs()).toBe(1);
    const mails = mailsTo(`alice-${slug}@example.com`);
    expect(mails).toHaveLength(1);
    const m = mails[0];
    expect(m.subject).toContain(`[#${tk.number}]`);
    expect(m.headers?.['Auto-Submitted']).toBe('auto-generated');
    // Persian, right to left, as Alice reads.
    expect(m.html).toContain('dir="rtl"');
    expect(m.html).toContain('خیلی راضی');
    const token = tokenOf(m);
    for (const r of [1, 2, 3, 4, 5]) expect(m.html).toContain(`/csat/${token}?rating=${r}`);
    expect(m.text).toContain(`${t.deps.config.publicUrl}/csat/${token}?rating=5`);
    const row = await surveyRow(tk.number);
    expect(row.token_hash).toBe(sha256(token));
    expect(row.agent_ids.map(String)).toEqual([agent.id]);
    expect(String(row.department_id)).toBe(support.id);
    expect(String(row.requester_id)).toBe(alice.id);
    // The job table never held the token, nor do the logs.
    expect(t.logs.join('')).not.toContain(token);
    // A repeated job (a retry) makes no second survey and no second mail.
    const [{ id }] = await queryRows<{ id: number }>(
      db(),
      sql`select id from tickets where workspace_id = ${workspaceId} and number = ${tk.number}`,
    );
    await handler()({ workspaceId, ticketId: Number(id) });
    expect(mailsTo(`alice-${slug}@example.com`)).toHaveLength(1);
  });

  it('reopening and closing again sends no second survey', async () => {
    const tk = await closedTicket();
    await runCsatJobs();
    const before = mailsTo(`alice-${slug}@example.com`).length;
    expect((await alice.client.post(`tickets/${tk.number}/messages`, { body: '<p>Again</p>' })).statusCode).toBe(201);
    expect((await agent.client.get(`tickets/${tk.number}`)).json().status).not.toBe('closed');
    expect((await agent.client.patch(`tickets/${tk.number}`, { status: 'closed' })).statusCode).toBe(200);
    // The close queues a job (the sink reads nothing per ticket); the job finds the survey and sends nothing.
    await runCsatJobs();
    expect(mailsTo(`alice-${slug}@example.com`)).toHaveLength(before);
    const [{ n }] = (
      await t.deps.database.executeSql<{ n: number }>(
        `select count(*)::int as n from csat_surveys s join tickets t on t.id = s.ticket_id
          where t.workspace_id = $1 and t.number = $2`,
        [workspaceId, tk.number],
      )
    ).rows;
    expect(n).toBe(1);
  });

  it('a merged source gets none; nor a ticket reopened before its survey job ran', async () => {
    const source = await openTicket(alice.client, { departmentId: support.id });
    const target = await openTicket(alice.client, { departmentId: support.id });
    await t.deps.database.executeSql(
      `update tickets set merged_into_id = (select id from tickets where workspace_id = $1 and number = $2)
        where workspace_id = $1 and number = $3`,
      [workspaceId, target.number, source.number],
    );
    await agent.client.patch(`tickets/${source.number}`, { status: 'closed' });
    await runCsatJobs();
    expect(await surveyRow(source.number)).toBeUndefined();

    const later = await closedTicket();
    // Reopened before the job ran: the job skips it; its next close queues again.
    await agent.client.patch(`tickets/${later.number}`, { status: 'active' });
    expect(await runCsatJobs()).toBe(1);
    expect(await surveyRow(later.number)).toBeUndefined();
    await agent.client.patch(`tickets/${later.number}`, { status: 'closed' });
    expect(await runCsatJobs()).toBe(1);
    expect(await surveyRow(later.number)).toBeDefined();
  });

  it('a guest ticket gets it by e-mail, in the language the guest wrote in', async () => {
    const email = `guest-${slug}@example.com`;
    const guest = new Client(t, { slug, lang: 'en' });
    const made = await guest.post(
      'public/tickets',
      { name: 'Gus', email, subject: 'Guest printer', body: '<p>Hi</p>', departmentId: support.id },
      { remoteAddress: '10.78.0.1' },
    );
    expect(made.statusCode, made.body).toBe(201);
    await agent.client.patch(`tickets/${made.json().number}`, { status: 'closed' });
    expect(await runCsatJobs()).toBe(1);
    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].html).toContain('dir="ltr"');
    expect(mails[0].text).toContain('Hello Gus,');
    expect(mails[0].html).toContain('Very satisfied');
    const v = visitor('en');
    expect((await v.get(tokenOf(mails[0]))).json()).toMatchObject({
      ticketNumber: made.json().number,
      answered: false,
    });
  });

  it('by SMS too when chosen, to a member with a mobile, paid through the deliveries log', async () => {
    expect((await admin.patch('settings', { csat: { channels: ['email', 'sms'] } })).statusCode).toBe(200);
    expect((await admin.get('settings')).json().csat).toEqual({
      enabled: true,
      channels: ['email', 'sms'],
      delayMinutes: 0,
    });
    const tk = await closedTicket();
    expect(await runCsatJobs()).toBe(1);
    expect(await runSmsJobs(t, workspaceId)).toBe(1);
    const sms = t.sms.sent.filter((m) => m.to === '09351110001');
    expect(sms).toHaveLength(1);
    expect(sms[0].text).toMatch(new RegExp(`/csat/[A-Za-z0-9_-]{43}`));
    // In Persian, as Alice reads (Persian digits; the link stays as it is).
    expect(sms[0].text).toContain(`#${String(tk.number).replace(/\d/g, (x) => '۰۱۲۳۴۵۶۷۸۹'[Number(x)])}`);
    const [d] = await queryRows<{ event: string; status: string }>(
      db(),
      sql`select event, status from deliveries where workspace_id = ${workspaceId} and channel = 'sms' order by id desc limit 1`,
    );
    expect(d.event).toBe('csat');
    // The mail and the SMS carry the same link.
    const mail = mailsTo(`alice-${slug}@example.com`).at(-1)!;
    expect(sms[0].text).toContain(`/csat/${tokenOf(mail)}`);
    await admin.patch('settings', { csat: { channels: ['email'] } });
  });

  it('a delay queues the job for later; turned off, nothing is queued', async () => {
    expect((await admin.patch('settings', { csat: { delayMinutes: 30 } })).statusCode).toBe(200);
    await closedTicket();
    const q = await queued();
    expect(q).toHaveLength(1);
    expect(q[0].later).toBe(true);
    await runCsatJobs();

    expect((await admin.patch('settings', { csat: { enabled: false, delayMinutes: 0 } })).statusCode).toBe(200);
    const before = t.mailer.sent.length;
    await closedTicket();
    expect(await runCsatJobs()).toBe(0);
    expect(t.mailer.sent.length).toBe(before);
    await admin.patch('settings', { csat: { enabled: true } });
  });
});

describe('auto-close', () => {
  it('a ticket the system closes after waiting gets its survey too', async () => {
    // Far in the past (as auto-close.test.ts does): the shared database holds other files' tickets.
    const real = t.clock.now();
    t.clock.set(new Date('1998-02-01T08:00:00Z'));
    try {
      const tk = await openTicket(alice.client, { departmentId: support.id });
      expect((await agent.client.post(`tickets/${tk.number}/messages`, { body: 'Does it work now?' })).statusCode).toBe(
        201,
      );
      expect((await agent.client.get(`tickets/${tk.number}`)).json().status).toBe('pending');
      t.clock.advance(8 * DAY);
      expect(await autoCloseTickets(t.deps)).toBeGreaterThanOrEqual(1);
      expect((await agent.client.get(`tickets/${tk.number}`)).json().status).toBe('closed');
      expect(await runCsatJobs()).toBe(1);
      const mail = mailsTo(`alice-${slug}@example.com`).at(-1)!;
      expect(mail.subject).toContain(`[#${tk.number}]`);
      expect(await surveyRow(tk.number)).toBeDefined();
    } finally {
      t.clock.set(real);
    }
  });
});
