import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../src/db/schema';
import { ADMIN_PASSWORD, Client, createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

/**
 * Issue 12, point 3 (bounded work): invalid text is refused at the door, guest replies have a
 * limit of their own, and a failed statement's values never reach the log.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  for (const c of [w.alice.client, w.agent.client, w.admin]) c.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());

const count = async (table: typeof tickets | typeof messages) =>
  Number(
    (
      await t.deps.database.db
        .select({ n: sql<number>`count(*)` })
        .from(table)
        .where(eq(table.workspaceId, w.workspaceId))
    )[0].n,
  );
const INVALID = 'Contains characters that are not allowed (a NUL character or broken text).';
const unhandled = () => t.logs.filter((l) => l.includes('unhandled error'));

describe('invalid text (NUL, lone surrogates) is a 400 naming the field', () => {
  it('in a ticket subject, a reply body, a login name and a query parameter; nothing is written', async () => {
    const { number } = await openTicket(w.alice.client, { departmentId: w.support.id });
    const [ticketCount, messageCount] = [await count(tickets), await count(messages)];

    const subject = await w.alice.client.post('tickets', {
      subject: 'Printer\u0000 on fire',
      body: '<p>x</p>',
      departmentId: w.support.id,
    });
    expect(subject.statusCode, subject.body).toBe(400);
    expect(subject.json().error).toMatchObject({ code: 'invalid', fields: { subject: INVALID } });

    const reply = await w.agent.client.post(`tickets/${number}/messages`, { body: '<p>a\u0000b</p>' });
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json().error.fields).toEqual({ body: INVALID });

    const login = await new Client(t, { slug: w.slug, lang: 'fa' }).post('auth/login', {
      login: 'ad\u0000min',
      password: ADMIN_PASSWORD,
    });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json().error.fields.login).toBe('نویسه‌های غیرمجاز دارد (نویسهٔ NUL یا متن خراب).');

    const query = await w.agent.client.get('tickets?q=printer%00fire');
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.fields).toEqual({ q: INVALID });

    // A lone surrogate, which PostgreSQL would silently turn into U+FFFD; nested fields are named by path.
    const surrogate = await w.alice.client.post(
      'tickets',
      `{"subject":"ok","body":"<p>\\ud800</p>","departmentId":${w.support.id}}`,
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(surrogate.statusCode, surrogate.body).toBe(400);
    expect(surrogate.json().error.fields).toEqual({ body: INVALID });
    const guest = await new Client(t, { slug: w.slug, lang: 'en' }).post('public/tickets', {
      name: 'Sara\u0000',
      email: 'sara@example.com',
      subject: 'Hi',
      body: '<p>x</p>',
      departmentId: w.support.id,
      extra: { list: ['fine', '\udc00'] },
    });
    expect(guest.statusCode).toBe(400);
    expect(guest.json().error.fields).toMatchObject({ name: INVALID, 'extra.list.1': INVALID });

    expect([await count(tickets), await count(messages)]).toEqual([ticketCount, messageCount]);
    expect(unhandled()).toEqual([]);
  });

  it('leaves valid text alone: Persian with ZWNJ, emoji (surrogate pairs), other control characters', async () => {
    const res = await w.alice.client.post('tickets', {
      subject: 'چاپ‌گر 🔥 خراب',
      body: '<p>tab\there</p>',
      departmentId: w.support.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().subject).toBe('چاپ‌گر 🔥 خراب');
    expect((await w.agent.client.get('tickets?q=%F0%9F%94%A5')).statusCode).toBe(200);
  });
});

describe('guest replies are limited on their own (10 per 10 minutes per address and per ticket)', () => {
  const guest = (ip: string) => {
    const c = new Client(t, { slug: w.slug, lang: 'en' });
    return (url: string, body: unknown) => c.post(url, body, { remoteAddress: ip });
  };
  const create = async (ip: string) => {
    const res = await guest(ip)('public/tickets', {
      name: 'Sara',
      email: `sara.${ip}@example.com`,
      subject: 'Help',
      body: '<p>Help</p>',
      departmentId: w.support.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { number: number; trackingCode: string };
  };
  const replyUrl = (tk: { number: number; trackingCode: string }, code = tk.trackingCode) =>
    `public/tickets/${tk.number}/messages?code=${encodeURIComponent(code)}`;

  it('refuses the 11th reply with a translated 429 and Retry-After, per address and per ticket', async () => {
    const a = guest('10.7.0.1');
    const first = await create('10.7.0.1');
    const second = await create('10.7.0.1');

    // Wrong codes do not use up the ticket's replies.
    for (let i = 0; i < 12; i++)
      expect((await guest('10.7.0.9')(replyUrl(first, 'wrong-code'), { body: 'x' })).statusCode).toBe(404);

    for (let i = 0; i < 10; i++)
      expect((await a(replyUrl(first), { body: `<p>reply ${i}</p>` })).statusCode, `reply ${i + 1}`).toBe(201);
    const messagesBefore = await count(messages);

    const refused = await a(replyUrl(first), { body: '<p>one more</p>' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited' });
    expect(refused.json().error.message).toMatch(/^Too many replies in a short time\. Try again in \d+ second/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    // Per address: the same address on another ticket; per ticket: another address on this one.
    expect((await a(replyUrl(second), { body: '<p>other ticket</p>' })).statusCode).toBe(429);
    const b = guest('10.7.0.2');
    expect((await b(replyUrl(first), { body: '<p>other address</p>' })).statusCode).toBe(429);
    expect(await count(messages)).toBe(messagesBefore);
    expect((await b(replyUrl(second), { body: '<p>fine</p>' })).statusCode).toBe(201);

    t.clock.advance(600_000);
    expect((await a(replyUrl(first), { body: '<p>later</p>' })).statusCode).toBe(201);
  });
});

describe('logs never hold the values of a failed statement', () => {
  it('a failed query logs its statement, not its parameters nor the row PostgreSQL quotes', async () => {
    const email = 'sara.private@example.com';
    const mobile = '09121234567';
    const db = t.deps.database.db;
    const failures: unknown[] = [];
    // A value of the wrong type: PostgreSQL quotes it in its message ("invalid input syntax …").
    await db.execute(sql`select ${email}::int, ${mobile} as mobile`).catch((e: unknown) => failures.push(e));
    // A refused row: PostgreSQL's detail quotes its values ("Key (…)=(…)", "Failing row contains (…)").
    await db
      .execute(
        sql`insert into users (workspace_id, username, name, email, role) values
        (${w.workspaceId}, ${'admin'}, ${'Sara Private'}, ${email}, 'customer')`,
      )
      .catch((e: unknown) => failures.push(e));
    expect(failures).toHaveLength(2);

    const from = t.logs.length;
    for (const err of failures) t.deps.log.error({ err }, 'unhandled error');
    // The mail importer logs the message as a string under `error`.
    t.deps.log.warn({ error: String((failures[0] as Error).message) }, 'mail quarantined');
    const lines = t.logs.slice(from).join('\n');
    expect(lines).toContain('Failed query');
    expect(lines).toContain('select $1::int');
    for (const secret of [email, mobile, 'Sara Private']) expect(lines).not.toContain(secret);
    expect(lines).not.toMatch(/"detail"|"params"/);
  });
});
