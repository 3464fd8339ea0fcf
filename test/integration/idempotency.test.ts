import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, tickets } from '../../src/db/schema';
import { cleanup } from '../../src/server/modules/workspaces/cleanup.job';
import { Client, createTestApp, unique, type TestApp } from '../helpers/test-app';
import { ticketWorld, type TicketWorld } from '../helpers/tickets';

let t: TestApp;
let w: TicketWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  for (const c of [w.alice.client, w.bob.client]) c.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
const ticket = (subject: string) => ({ subject, body: '<p>Retried after a timeout.</p>', departmentId: w.support.id });

async function countBySubject(subject: string) {
  const rows = await t.deps.database.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, w.workspaceId), like(tickets.subject, subject)));
  return rows.length;
}

describe('Idempotency-Key on POST /tickets', () => {
  it('the same key again returns the first answer (status and body) and creates nothing', async () => {
    const key = unique('k-');
    const subject = unique('Idem ');
    const first = await w.alice.client.post('tickets', ticket(subject), withKey(key));
    expect(first.statusCode).toBe(201);
    const again = await w.alice.client.post('tickets', ticket(subject), withKey(key));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countBySubject(subject)).toBe(1);
    // Without a key every request is a new one.
    expect((await w.alice.client.post('tickets', ticket(subject))).statusCode).toBe(201);
    expect(await countBySubject(subject)).toBe(2);
  });

  it('the same key with another body is refused with a translated 409; another person has keys of their own', async () => {
    const key = unique('k-');
    const subject = unique('Idem ');
    expect((await w.alice.client.post('tickets', ticket(subject), withKey(key))).statusCode).toBe(201);
    const other = await w.alice.client.post('tickets', ticket(`${subject} changed`), withKey(key));
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toEqual({
      code: 'conflict',
      message: 'This Idempotency-Key was already used for a different request. Send a new key with a new request.',
    });
    const fa = await w.alice.client.post('tickets', ticket(`${subject} changed`), {
      headers: { 'idempotency-key': key, 'accept-language': 'fa' },
    });
    expect(fa.json().error.message).toMatch(/Idempotency-Key .*درخواست دیگری/);
    const bob = await w.bob.client.post('tickets', ticket(subject), withKey(key));
    expect(bob.statusCode).toBe(201);
    expect(await countBySubject(subject)).toBe(2);
  });

  it('requests racing with one key make one ticket and all get its answer', async () => {
    const key = unique('k-');
    const subject = unique('Race ');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => w.alice.client.post('tickets', ticket(subject), withKey(key))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(1);
    expect(await countBySubject(subject)).toBe(1);
  });

  it('a refused request keeps no key: fixed and sent again with the same key, it is created', async () => {
    const key = unique('k-');
    const subject = unique('Fixed ');
    const bad = await w.alice.client.post('tickets', { ...ticket(subject), departmentId: '999999999' }, withKey(key));
    expect(bad.statusCode).toBe(400);
    expect((await w.alice.client.post('tickets', ticket(subject), withKey(key))).statusCode).toBe(201);
    expect(await countBySubject(subject)).toBe(1);
  });

  it('refuses a malformed key with a translated 400', async () => {
    const res = await w.alice.client.post('tickets', ticket('x'), withKey('has spaces in it'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The Idempotency-Key header must be 1 to 255 visible characters.');
  });

  it('a key lives a day: then it creates again, and the hourly cleanup removes old keys', async () => {
    const key = unique('k-');
    const subject = unique('Day ');
    expect((await w.alice.client.post('tickets', ticket(subject), withKey(key))).statusCode).toBe(201);
    t.clock.advance(25 * 3600_000);
    try {
      expect((await w.alice.client.post('tickets', ticket(subject), withKey(key))).statusCode).toBe(201);
      expect(await countBySubject(subject)).toBe(2);
      const old = unique('k-');
      expect((await w.bob.client.post('tickets', ticket(unique('Old ')), withKey(old))).statusCode).toBe(201);
      t.clock.advance(25 * 3600_000);
      await cleanup(t.deps);
      const left = await t.deps.database.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.workspaceId, w.workspaceId), eq(idempotencyKeys.key, old)));
      expect(left).toEqual([]);
    } finally {
      t.clock.set(new Date());
    }
  });
});

describe('Idempotency-Key on the guest form (POST /public/tickets)', () => {
  it('replays the first answer, tracking code included, to the same address only; the code is sealed at rest', async () => {
    const key = unique('k-');
    const subject = unique('Guest ');
    const form = { name: 'Sara', email: 'sara@example.com', subject, body: '<p>Hi</p>', departmentId: w.support.id };
    const guest = new Client(t, { slug: w.slug, lang: 'en' });
    const from = (ip: string) => ({ remoteAddress: ip, headers: { 'idempotency-key': key } });
    const first = await guest.post('public/tickets', form, from('10.9.0.1'));
    expect(first.statusCode).toBe(201);
    const again = await guest.post('public/tickets', form, from('10.9.0.1'));
    expect([again.statusCode, again.json()]).toEqual([201, first.json()]);
    expect(await countBySubject(subject)).toBe(1);
    const [row] = await t.deps.database.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, w.workspaceId), eq(idempotencyKeys.key, key)));
    expect(row.actor).toBe('g:10.9.0.1');
    expect(row.response).not.toContain(first.json().trackingCode);
    // Another address with the same key is another guest.
    expect((await guest.post('public/tickets', form, from('10.9.0.2'))).statusCode).toBe(201);
    expect(await countBySubject(subject)).toBe(2);
  });
});
