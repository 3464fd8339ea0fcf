import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/database';
import { jobCtx } from '../../src/server/platform/job-ctx';
import { csatSummary } from '../../src/server/modules/csat';
import { DAY, tokenOf, useCsatWorld, type CsatPerson } from '../helpers/csat';
import { ADMIN_PASSWORD, Client, makeUser, newWorkspace, signIn, type TestApp } from '../helpers/test-app';
import { openTicket } from '../helpers/tickets';

/**
 * K5, the answer: the requester rates once through the public link and may add a comment for 7
 * days; staff see the answer on the ticket; reports get the average from one query. The sending:
 * csat-send.test.ts.
 */
let t: TestApp;
let slug: string;
let admin: Client;
let agent: CsatPerson;
let alice: CsatPerson;
const { db, runCsatJobs, mailsTo, closedTicket, visitor } = useCsatWorld((world) => {
  ({ t, slug, admin, agent, alice } = world);
});

describe('answering', () => {
  let token: string;
  let number: number;
  beforeAll(async () => {
    const tk = await closedTicket();
    number = tk.number;
    await runCsatJobs();
    token = tokenOf(mailsTo(`alice-${slug}@example.com`).at(-1)!);
  });

  it('the page reads the ticket, the workspace and whether it was answered — nothing else', async () => {
    const res = await visitor().get(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ticketNumber: number,
      subject: 'Printer on fire',
      workspace: { name: expect.any(String), logoUrl: null },
      answered: false,
      rating: null,
    });
  });

  it('rates once; the same rating adds a comment; another rating is 409, translated', async () => {
    const v = visitor();
    const first = await v.post(token, { rating: 4 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ answered: true, rating: 4 });
    // The one-click link opened twice: the same answer, nothing changes.
    expect((await v.post(token, { rating: 4 })).statusCode).toBe(200);
    const commented = await v.post(token, { rating: 4, comment: '  Quick and kind.  ' });
    expect(commented.statusCode, commented.body).toBe(200);
    const other = await v.post(token, { rating: 1 });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.message).toBe(
      'به این نظرسنجی پیش‌تر با امتیاز دیگری پاسخ داده شده است و امتیاز را نمی‌توان تغییر داد.',
    );
    const otherEn = await visitor('en').post(token, { rating: 2, comment: 'x' });
    expect(otherEn.json().error.message).toMatch(/already been answered/);
    expect((await v.get(token)).json()).toMatchObject({ answered: true, rating: 4 });

    // Staff see it on the ticket, and the requester her own.
    const staffView = (await agent.client.get(`tickets/${number}`)).json();
    expect(staffView.csat).toMatchObject({ rating: 4, comment: 'Quick and kind.' });
    expect(typeof staffView.csat.answeredAt).toBe('string');
    expect((await alice.client.get(`tickets/${number}`)).json().csat).toMatchObject({ rating: 4 });
    const events = (await admin.get(`tickets/${number}/events`)).json().items as { kind: string; data: unknown }[];
    expect(events.filter((e) => e.kind === 'csat_answered')).toHaveLength(1);
    expect(events.find((e) => e.kind === 'csat_answered')!.data).toMatchObject({ rating: 4 });
    expect(events.some((e) => e.kind === 'csat_commented')).toBe(true);
  });

  it('a bad rating is a translated 400 that changes nothing', async () => {
    const tk = await closedTicket();
    await runCsatJobs();
    const fresh = tokenOf(mailsTo(`alice-${slug}@example.com`).at(-1)!);
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, {}, { rating: 3, comment: 'x'.repeat(2001) }]) {
      const res = await visitor('en').post(fresh, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await visitor('en').post(fresh, { rating: 9 })).json().error.fields.rating).toBe(
      'Choose a rating from 1 to 5.',
    );
    expect((await visitor().get(fresh)).json().answered).toBe(false);
    expect((await agent.client.get(`tickets/${tk.number}`)).json().csat).toBeNull();
  });

  it('an unknown token is 404; a comment after 7 days is 409; after 30 days the link is 410', async () => {
    expect((await visitor().get('A'.repeat(43))).statusCode).toBe(404);
    const missing = await visitor('en').post('nope', { rating: 3 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('This survey link is not valid.');

    t.clock.advance(8 * DAY);
    const late = await visitor('en').post(token, { rating: 4, comment: 'More thoughts' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/within 7 days/);
    t.clock.advance(23 * DAY);
    const gone = await visitor('en').get(token);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error).toMatchObject({ code: 'gone', message: expect.stringMatching(/30 days/) });
    expect((await visitor().post(token, { rating: 4 })).statusCode).toBe(410);
    t.clock.advance(-31 * DAY);
  });

  it('another workspace’s token is 404 there, like one that exists nowhere', async () => {
    const other = await newWorkspace(t);
    const there = visitor('en', other.slug);
    const foreign = await there.get(token);
    const nowhere = await there.get('B'.repeat(43));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(nowhere.body);
  });

  it('the doors are limited per address', async () => {
    const c = new Client(t, { slug, lang: 'en' });
    const from = { remoteAddress: '10.79.0.1' };
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await c.get(`public/csat/${'C'.repeat(43)}`, from)).statusCode;
    expect(last).toBe(429);
    expect((await c.post(`public/csat/${token}`, { rating: 4 }, from)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await visitor().get(token)).statusCode).toBe(200);
  });
});

describe('results', () => {
  it('csatSummary averages the answers of a period, by department or agent, in one query', async () => {
    // A workspace of its own, so the numbers are only these.
    const w = await newWorkspace(t);
    // A webhook for the answers (made before any event, so no cached "no webhooks" hides it).
    await t.deps.database.executeSql(
      `insert into webhooks (workspace_id, url, events, secret_sealed) values ($1, 'https://hooks.example.org/csat', '{csat.answered}', 'sealed')`,
      [w.workspaceId],
    );
    const a = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
    const dep = (await a.post('departments', { name: 'Desk' })).json();
    const other = (await a.post('departments', { name: 'Other' })).json();
    const ag = await makeUser(t, a, w.slug, { role: 'agent', name: 'Ag', departmentIds: [dep.id, other.id] });
    const cust = await makeUser(t, a, w.slug, { role: 'customer', name: 'C', email: `c-${w.slug}@example.com` });
    const tokens: string[] = [];
    for (const [d, assign] of [
      [dep.id, true],
      [dep.id, false],
      [other.id, true],
    ] as const) {
      const tk = await openTicket(cust.client, { departmentId: d });
      if (assign) await ag.client.patch(`tickets/${tk.number}`, { assigneeIds: [ag.id] });
      await ag.client.patch(`tickets/${tk.number}`, { status: 'closed' });
      await runCsatJobs(w.workspaceId);
      tokens.push(tokenOf(mailsTo(`c-${w.slug}@example.com`).at(-1)!));
    }
    const v = visitor('en', w.slug);
    await v.post(tokens[0], { rating: 5 });
    await v.post(tokens[1], { rating: 2 });
    await v.post(tokens[2], { rating: 4 });
    const ctx = jobCtx(t.deps, w.workspaceId, 'test');
    const now = t.clock.now();
    const range = { from: new Date(now.getTime() - DAY), to: new Date(now.getTime() + DAY) };
    expect(await csatSummary(ctx, range)).toEqual({ average: 3.67, responses: 3 });
    // Each first answer went to the webhooks as csat.answered (a comment added later does not).
    await v.post(tokens[0], { rating: 5, comment: 'More' });
    const hooks = await queryRows<{ data: { event: string; data: Record<string, unknown> } }>(
      db(),
      sql`delete from pgboss.job where name = 'webhooks.dispatch' and (data->>'workspaceId')::bigint = ${w.workspaceId} returning data`,
    );
    expect(hooks.map((h) => h.data.event)).toEqual(['csat.answered', 'csat.answered', 'csat.answered']);
    expect(hooks.map((h) => h.data.data.rating).sort()).toEqual([2, 4, 5]);
    expect(hooks.find((h) => h.data.data.rating === 5)!.data.data).toMatchObject({
      agentIds: [ag.id],
      departmentId: dep.id,
      requesterId: cust.id,
      comment: null,
    });
    expect(await csatSummary(ctx, { ...range, departmentId: Number(dep.id) })).toEqual({ average: 3.5, responses: 2 });
    expect(await csatSummary(ctx, { ...range, agentId: Number(ag.id) })).toEqual({ average: 4.5, responses: 2 });
    expect(
      await csatSummary(ctx, { from: new Date(now.getTime() + DAY), to: new Date(now.getTime() + 2 * DAY) }),
    ).toEqual({
      average: null,
      responses: 0,
    });
  });
});
