import { describe, expect, it } from 'vitest';
import { queueWebhookCall, queueWebhookEvent } from '../../src/server/modules/webhooks';
import { jobCtx } from '../../src/server/platform/job-ctx';
import { newWorkspace, signIn, ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';
import { openTicket, type TicketWorld } from '../helpers/tickets';
import { bodyOf, useWebhookWorld, verify } from '../helpers/webhooks';

/**
 * K10 webhooks, the managing: the secret (shown once, rotated with a 24-hour overlap, never in a
 * GET or a log), the URL checks (https, no private addresses), the test button, inactive and
 * deleted webhooks, workspaces kept apart and admins only. The sending: webhooks-delivery.test.ts.
 */
let t: TestApp;
let w: TicketWorld;
let base: string;
const { secretsOf, secretsMade, get, drain, clockNow, makeHook, at, deliveriesOf, pendingJobs, expectNoSecretShown } =
  useWebhookWorld((app, world, url) => {
    t = app;
    w = world;
    base = url;
  });

describe('webhooks: admin', () => {
  let main: { id: string; secret: string; hasSecret: boolean };

  it('makes a webhook whose secret is answered once, in the Standard Webhooks form', async () => {
    main = await makeHook('/main', ['ticket.created', 'ticket.updated', 'message.created']);
    expect(main.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(main.secret.slice(6), 'base64')).toHaveLength(32);
    expect(main.hasSecret).toBe(true);
    const one = await get(`webhooks/${main.id}`);
    expect(one.json()).toMatchObject({ id: main.id, hasSecret: true, active: true, previousSecretExpiresAt: null });
    expect(one.json()).not.toHaveProperty('secret');
    const list = await get('webhooks');
    expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ id: main.id, url: `${base}/main` }] });
  });

  it('after a rotation both the new and the previous secret verify, for 24 hours', async () => {
    const rot = await makeHook('/rotate', ['ticket.created']);
    const res = await w.admin.post(`webhooks/${rot.id}/rotate-secret`);
    expect(res.statusCode, res.body).toBe(200);
    const { secret, previousSecretExpiresAt } = res.json() as { secret: string; previousSecretExpiresAt: string };
    secretsMade.push(secret);
    expect(secret).not.toBe(rot.secret);
    expect(new Date(previousSecretExpiresAt).getTime() - t.clock.now().getTime()).toBe(24 * 3600_000);
    secretsOf.set('/rotate', [rot.secret, secret]);
    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Rotated' });
    clockNow();
    await drain();
    const [r] = at('/rotate');
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(r.verified[0]).not.toBeNull(); // the previous secret
    expect(r.verified[1]).not.toBeNull(); // the new one
    expect(verify('whsec_' + Buffer.alloc(32, 7).toString('base64'), r.body, r.headers)).toBeNull();
    expect((await get(`webhooks/${rot.id}`)).json().previousSecretExpiresAt).toBe(previousSecretExpiresAt);
  });

  it('refuses private addresses without WEBHOOKS_ALLOW_PRIVATE, on save and at send', async () => {
    // At send: made while allowed, then the allowance is gone.
    const later = await makeHook('/private', ['ticket.created']);
    t.deps.config.webhooks.allowPrivate = false;
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest',
      'http://[fd00::1]/x',
    ]) {
      const res = await w.admin.post('webhooks', { url, events: ['ticket.created'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields.url).toBeTruthy();
    }
    const fa = await w.admin.post(
      'webhooks',
      { url: 'http://localhost:9/x', events: ['ticket.created'] },
      {
        headers: { 'accept-language': 'fa' },
      },
    );
    expect(fa.statusCode).toBe(400);
    expect(fa.json().error.fields.url).toMatch(/شبکهٔ محلی/);
    const patch = await w.admin.patch(`webhooks/${later.id}`, { url: 'http://192.168.1.1/x' });
    expect(patch.statusCode).toBe(400);
    expect((await get(`webhooks/${later.id}`)).json().url).toBe(`${base}/private`);

    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Private' });
    clockNow();
    await drain();
    expect(at('/private')).toHaveLength(0);
    const [d] = (await deliveriesOf(later.id)).items;
    expect(d).toMatchObject({ attempts: 1, lastError: 'blocked', lastStatusCode: null });
    await w.admin.del(`webhooks/${later.id}`);
  });

  it('refuses plain http unless allowed', async () => {
    t.deps.config.webhooks.allowHttp = false;
    const res = await w.admin.post('webhooks', { url: `${base}/plain`, events: ['ticket.created'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.url).toMatch(/https/);
    const bad = await w.admin.post('webhooks', { url: 'ftp://example.org/x', events: ['ticket.created'] });
    expect(bad.statusCode).toBe(400);
    const none = await w.admin.post('webhooks', { url: `${base}/x`, events: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.events).toBeTruthy();
    const unknown = await w.admin.post('webhooks', { url: `${base}/x`, events: ['ticket.deleted'] });
    expect(unknown.statusCode).toBe(400);
    expect((await get('webhooks')).json().items.map((h: { url: string }) => h.url)).not.toContain(`${base}/plain`);
  });

  it('the test button queues a ping; an inactive or deleted webhook gets nothing', async () => {
    const hook = await makeHook('/ping', ['csat.answered']);
    clockNow();
    const ping = await w.admin.post(`webhooks/${hook.id}/test`);
    expect(ping.statusCode, ping.body).toBe(202);
    await drain();
    const [r] = at('/ping');
    expect(r.verified[0]).toMatchObject({ type: 'ping', data: { webhookId: hook.id } });

    // queueWebhookEvent (the satisfaction survey's) reaches subscribers only.
    const ctx = jobCtx(t.deps, w.workspaceId, 'test');
    await queueWebhookEvent(ctx, 'csat.answered', { ticket: { number: 1 }, rating: 5 });
    await drain();
    expect(at('/ping').map((x) => bodyOf(x).type)).toEqual(['ping', 'csat.answered']);
    expect(at('/main').some((x) => bodyOf(x).type === 'csat.answered')).toBe(false);

    const off = await w.admin.patch(`webhooks/${hook.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await w.admin.post(`webhooks/${hook.id}/test`)).statusCode).toBe(409);
    await queueWebhookEvent(ctx, 'csat.answered', { rating: 1 });
    await queueWebhookCall(ctx, Number(hook.id), 'trigger.called', { x: 1 });
    await drain();
    expect(at('/ping')).toHaveLength(2);

    // Deleted with a delivery queued: it never goes out.
    const gone = await makeHook('/gone', ['ticket.created']);
    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Gone' });
    expect((await w.admin.del(`webhooks/${gone.id}`)).statusCode).toBe(204);
    clockNow();
    await drain();
    expect(at('/gone')).toHaveLength(0);
    expect((await get(`webhooks/${gone.id}/deliveries`)).statusCode).toBe(404);
  });

  it('queues nothing for a workspace without webhooks, and only admins manage them', async () => {
    const other = await newWorkspace(t);
    const admin = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    const dept = (await admin.post('departments', { name: 'Desk' })).json();
    await openTicket(admin, { departmentId: dept.id });
    expect(await pendingJobs(other.workspaceId)).toBe(0);
    // Its webhooks are its own.
    expect((await admin.get('webhooks')).json()).toMatchObject({ total: 0, items: [] });
    expect((await admin.get(`webhooks/${main.id}`)).statusCode).toBe(404);
    expect((await admin.get(`webhooks/${main.id}/deliveries`)).statusCode).toBe(404);

    expect((await w.agent.client.get('webhooks')).statusCode).toBe(403);
    expect((await w.agent.client.post('webhooks', { url: `${base}/x`, events: ['ticket.created'] })).statusCode).toBe(
      403,
    );
  });

  it('never shows a secret in a GET answer or in the logs', () => {
    expectNoSecretShown();
  });
});
