import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecrets, pushSubscriptions } from '../../src/db/schema';
import {
  deleteGoneSubscription,
  fitPayload,
  MAX_PAYLOAD_BYTES,
  sendPush,
  vapidKeys,
} from '../../src/server/modules/notifications/push';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../helpers/pg-global-setup';
import { startPushService, type PushService } from '../helpers/push-service';
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
 * Issue 15, G1: Web Push against the real web-push-testing push service (subscribing, sending,
 * expiry, failures, the VAPID key pair). The subscription API's rules: web-push-subscriptions.test.ts.
 */
let push: PushService;
let t: TestApp;
let slug: string;
let alice: Client;
/** Every API answer the tests saw, to prove the private key is in none of them. */
const answers: string[] = [];
const seen = (res: LightMyRequestResponse) => (answers.push(res.body), res);

beforeAll(async () => {
  push = await startPushService();
  t = await createTestApp('postgres');
  ({ slug } = await newWorkspace(t));
  const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  alice = (await makeUser(t, admin, slug, { role: 'customer', name: 'Alice' })).client;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await push?.stop();
});

const rowOf = async (id: string) => {
  const [row] = await t.deps.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, +id));
  return row;
};
/** What sendPush answers for a failed delivery, in part. */
const failed = (more: object) => ({ ok: false, gone: false, ...more });

describe('delivery through a real push service', () => {
  it('subscribes with the public key, registers, sends, and the service decrypts what was sent', async () => {
    const keyRes = seen(await new Client(t, { slug }).get('public/push-key'));
    expect(keyRes.statusCode).toBe(200);
    const { publicKey } = keyRes.json() as { publicKey: string };
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);

    const sub = await push.subscribe(publicKey);
    const created = seen(await alice.post('me/push-subscriptions', { endpoint: sub.endpoint, keys: sub.keys }));
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };

    const list = seen(await alice.get('me/push-subscriptions'));
    expect(list.json().items).toEqual([
      expect.objectContaining({ id, host: `localhost:${push.port}`, lastSuccessAt: null }),
    ]);
    expect(list.body).not.toContain(sub.keys.auth);
    expect(list.body).not.toContain(sub.clientHash);

    const payload = { title: 'تیکت ۱۲ پاسخ گرفت', body: 'کارشناس پاسخ داد', url: '/tickets/12', tag: 'ticket-12' };
    const row = await rowOf(id);
    expect(await sendPush(t.deps, row, payload)).toEqual({ ok: true });
    const urgent = await sendPush(t.deps, row, { ...payload, tag: 'second' }, { ttl: 60, urgency: 'high' });
    expect(urgent).toEqual({ ok: true });
    const messages = await push.messages(sub.clientHash);
    expect(messages.map((m) => JSON.parse(m))).toEqual([payload, { ...payload, tag: 'second' }]);

    // A body too long for a push message is shortened to fit, never refused.
    const long = { ...payload, body: 'ب'.repeat(5000) };
    const fitted = fitPayload(long)!;
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(await sendPush(t.deps, row, long)).toEqual({ ok: true });
    const third = JSON.parse((await push.messages(sub.clientHash))[2]);
    expect(third.body.endsWith('…')).toBe(true);
    expect({ ...third, body: '' }).toEqual({ ...payload, body: '' });
  });

  it('an expired subscription is gone: sendPush says so and deleteGoneSubscription removes it', async () => {
    const { publicKey } = await vapidKeys(t.deps);
    const sub = await push.subscribe(publicKey);
    const { id } = (await alice.post('me/push-subscriptions', { endpoint: sub.endpoint, keys: sub.keys })).json();
    await push.expire(sub.clientHash);
    const result = await sendPush(t.deps, await rowOf(id), { title: 'x', body: 'y', url: '/', tag: 't' });
    expect(result).toMatchObject({ ok: false, gone: true, retryable: false, status: 410 });
    expect(await deleteGoneSubscription(t.deps, sub.endpoint)).toBe(true);
    expect(await rowOf(id)).toBeUndefined();
    expect((await alice.get('me/push-subscriptions')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await deleteGoneSubscription(t.deps, sub.endpoint)).toBe(false);
  });

  it('tells retryable failures (5xx with Retry-After, no answer) from final ones (4xx, guarded address)', async () => {
    const { publicKey } = await vapidKeys(t.deps);
    const sub = await push.subscribe(publicKey);
    const target = { endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth };
    const msg = { title: 'x', body: 'y', url: '/', tag: 't' };

    // The service refuses a message for a subscription it never made: 400, not worth retrying.
    const unknown = { ...target, endpoint: `${push.url}/notify/${'0'.repeat(64)}` };
    expect(await sendPush(t.deps, unknown, msg)).toMatchObject(failed({ retryable: false, status: 400 }));

    const busy: Server = createServer((_req, res) => res.writeHead(503, { 'retry-after': '7' }).end('busy'));
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyUrl = `http://127.0.0.1:${(busy.address() as AddressInfo).port}/push/abc`;
    try {
      const answer = await sendPush(t.deps, { ...target, endpoint: busyUrl }, msg);
      expect(answer).toMatchObject(failed({ retryable: true, status: 503, retryAfter: 7 }));
    } finally {
      await new Promise((r) => busy.close(r));
    }
    // Nothing listens there any more: a network failure, retried later.
    expect(await sendPush(t.deps, { ...target, endpoint: busyUrl }, msg)).toMatchObject(failed({ retryable: true }));

    // Without ALLOW_PRIVATE_NETWORK_TARGETS the push service's address must be public, like mail servers'.
    t.deps.config.allowPrivateNetworkTargets = false;
    try {
      expect(await sendPush(t.deps, target, msg)).toMatchObject(failed({ retryable: false }));
      const https = await sendPush(t.deps, { ...target, endpoint: target.endpoint.replace('http:', 'https:') }, msg);
      expect(https).toMatchObject({ ok: false, retryable: false });
      expect(https.ok === false && https.message).toMatch(/local, private or reserved/);
      const refused = seen(await alice.post('me/push-subscriptions', { endpoint: sub.endpoint, keys: sub.keys }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toHaveProperty('endpoint');
    } finally {
      t.deps.config.allowPrivateNetworkTargets = true;
    }
    expect(await push.messages(sub.clientHash)).toEqual([]);
  });
});

describe('the VAPID key pair', () => {
  it('is made once per install, even by two processes starting together, and answered alike by both', async () => {
    // A database of its own, so that the first-use race really happens.
    const name = `pishkhan_push_${process.pid}`;
    await recreateDatabase(name);
    const env = { DATABASE_URL: testDatabaseUrl(name) };
    const a = await createTestApp('postgres', env);
    const b = await createTestApp('postgres', env);
    try {
      const [ka, kb, ka2] = await Promise.all([vapidKeys(a.deps), vapidKeys(b.deps), vapidKeys(a.deps)]);
      expect(kb).toEqual(ka);
      expect(ka2).toBe(ka);
      const rows = await a.deps.database.db.select().from(installSecrets);
      expect(rows).toHaveLength(1);
      expect(rows[0].publicValue).toBe(ka.publicKey);
      expect(rows[0].sealedValue).not.toContain(ka.privateKey);
      const { slug: fresh } = await newWorkspace(a);
      for (const app of [a, b]) {
        const res = await new Client(app, { slug: fresh }).get('public/push-key');
        expect(res.json()).toEqual({ publicKey: ka.publicKey });
        expect(res.body).not.toContain(ka.privateKey);
      }
    } finally {
      await a.close();
      await b.close();
      await dropDatabase(name);
    }
    // The shared test database keeps one pair too, whichever app asks.
    const other = await createTestApp('postgres');
    try {
      expect((await vapidKeys(other.deps)).publicKey).toBe((await vapidKeys(t.deps)).publicKey);
    } finally {
      await other.close();
    }
  });
});

describe('secrets', () => {
  it('the private key is in no API answer and no log line', async () => {
    const { privateKey } = await vapidKeys(t.deps);
    expect(answers.length).toBeGreaterThan(3);
    for (const body of answers) expect(body).not.toContain(privateKey);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toContain(privateKey);
  });
});
