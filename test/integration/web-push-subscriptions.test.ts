import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, pushSubscriptions } from '../../src/db/schema';
import { vapidKeys } from '../../src/server/modules/notifications/push';
import { browserKeys as fakeKeys } from '../helpers/push-service';
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
 * Issue 15, G1: the push subscription API — validation, one's own only, an endpoint moving to
 * whoever registers it last, 20 per person. Delivery itself: web-push.test.ts.
 */
let t: TestApp;
let slug: string;
let alice: Client;
let bob: Client;
const answers: string[] = [];

beforeAll(async () => {
  t = await createTestApp('postgres');
  ({ slug } = await newWorkspace(t));
  const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  alice = (await makeUser(t, admin, slug, { role: 'customer', name: 'Alice' })).client;
  bob = (await makeUser(t, admin, slug, { role: 'agent', name: 'Bob' })).client;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const rowOf = async (id: string) =>
  (
    await t.deps.database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.id, Number(id)))
  )[0];

describe('subscriptions', () => {
  it('refuses bad endpoints and keys with 400 naming the field', async () => {
    const good = fakeKeys();
    const cases: [unknown, string][] = [
      [{ endpoint: 'not a url', keys: good }, 'endpoint'],
      [{ endpoint: 'ftp://push.example.com/x', keys: good }, 'endpoint'],
      [{ endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: good.p256dh.slice(1) } }, 'keys.p256dh'],
      [
        { endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: `C${good.p256dh.slice(1)}` } },
        'keys.p256dh',
      ],
      // The right length and form, but not a point of the curve.
      [{ endpoint: 'https://push.example.com/x', keys: { ...good, p256dh: `B${'A'.repeat(86)}` } }, 'keys.p256dh'],
      [
        { endpoint: 'https://push.example.com/x', keys: { ...good, auth: randomBytes(15).toString('base64url') } },
        'keys.auth',
      ],
      [{ endpoint: 'https://push.example.com/x', keys: { ...good, auth: 'a+b/'.repeat(5) + 'ab' } }, 'keys.auth'],
      [{ endpoint: 'https://push.example.com/x' }, 'keys'],
    ];
    for (const [body, field] of cases) {
      const res = await alice.post('me/push-subscriptions', body);
      answers.push(res.body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid');
      expect(Object.keys(res.json().error.fields), JSON.stringify(body)).toContain(field);
    }
    // Padded base64url, as some libraries write it, is accepted and stored unpadded.
    const padded = { p256dh: `${good.p256dh}=`, auth: `${good.auth}==` };
    const res = await alice.post('me/push-subscriptions', {
      endpoint: 'https://push.example.com/padded',
      keys: padded,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await rowOf(res.json().id)).toMatchObject(good);
    expect((await alice.del(`me/push-subscriptions/${res.json().id}`)).statusCode).toBe(204);
  });

  it('deletes only one’s own: someone else’s is 404 like a missing one', async () => {
    const { id } = (
      await alice.post('me/push-subscriptions', { endpoint: 'https://push.example.com/a1', keys: fakeKeys() })
    ).json();
    expect((await bob.del(`me/push-subscriptions/${id}`)).statusCode).toBe(404);
    expect(await rowOf(id)).toBeDefined();
    // Nor from another workspace, even by its administrator.
    const other = await newWorkspace(t);
    const otherAdmin = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    expect((await otherAdmin.del(`me/push-subscriptions/${id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get('me/push-subscriptions')).json().items).toEqual([]);
    expect((await alice.del(`me/push-subscriptions/${id}`)).statusCode).toBe(204);
    expect((await alice.del(`me/push-subscriptions/${id}`)).statusCode).toBe(404);
    expect((await new Client(t, { slug }).get('me/push-subscriptions')).statusCode).toBe(401);
    const audited = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'push_subscription'), eq(auditLog.entityId, id)))
      .orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.action)).toEqual(['push_subscription.created', 'push_subscription.deleted']);
  });

  it('the same endpoint registered by another person moves to them', async () => {
    const endpoint = 'https://push.example.com/shared-browser';
    const first = (await alice.post('me/push-subscriptions', { endpoint, keys: fakeKeys() })).json();
    const keys = fakeKeys();
    const second = (await bob.post('me/push-subscriptions', { endpoint, keys })).json();
    expect(second.id).toBe(first.id);
    expect(await rowOf(first.id)).toMatchObject(keys);
    const ids = async (c: Client) =>
      (await c.get('me/push-subscriptions')).json().items.map((i: { id: string }) => i.id);
    expect(await ids(alice)).not.toContain(first.id);
    expect(await ids(bob)).toContain(first.id);
    expect((await bob.del(`me/push-subscriptions/${first.id}`)).statusCode).toBe(204);
  });

  it('keeps at most 20 per person, dropping the oldest', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) {
      t.clock.advance(1000);
      const res = await bob.post('me/push-subscriptions', {
        endpoint: `https://push.example.com/many/${i}`,
        keys: fakeKeys(),
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const listed = async () => (await bob.get('me/push-subscriptions')).json().items.map((i: { id: string }) => i.id);
    expect(await listed()).toEqual(ids.slice(2).reverse());
    // The same browser registered again (each page load may) keeps its id and its place.
    t.clock.advance(1000);
    const again = await bob.post('me/push-subscriptions', {
      endpoint: 'https://push.example.com/many/2',
      keys: fakeKeys(),
    });
    expect(again.json().id).toBe(ids[2]);
    expect(await listed()).toEqual(ids.slice(2).reverse());
  });
});

describe('secrets', () => {
  it('the private key is in no answer, not even a refusal, and in no log line', async () => {
    const { privateKey } = await vapidKeys(t.deps);
    expect(answers.length).toBeGreaterThan(5);
    for (const body of answers) expect(body).not.toContain(privateKey);
    expect(t.logs.join('\n')).not.toContain(privateKey);
  });
});
