import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/server/jobs-registry';
import { webhookTicketSink } from '../../src/server/modules/webhooks';
import { queryRows } from '../../src/server/platform/db/database';
import { jobCtx } from '../../src/server/platform/job-ctx';
import type { TestApp } from '../helpers/test-app';
import { openTicket, type TicketWorld } from '../helpers/tickets';
import { bodyOf, useWebhookWorld } from '../helpers/webhooks';

/**
 * K10 webhooks, the sending: every event verified by a receiver with the `standardwebhooks`
 * package (test/helpers/webhooks.ts), retries with the same webhook-id, giving up, "send again",
 * no redirects, SLA events and the daily cleanup. Making and guarding webhooks: webhooks-admin.test.ts.
 */
let t: TestApp;
let w: TicketWorld;
const { answers, drain, clockNow, makeHook, at, deliveriesOf, expectNoSecretShown } = useWebhookWorld((app, world) => {
  t = app;
  w = world;
});

describe('webhooks: delivery', () => {
  let main: { id: string; secret: string; hasSecret: boolean };
  beforeAll(async () => {
    main = await makeHook('/main', ['ticket.created', 'ticket.updated', 'message.created']);
  });
  // The secrets of this file, and the logs of sending, are held to what webhooks-admin.test.ts checks.
  afterAll(() => expectNoSecretShown());

  it('delivers ticket.created, ticket.updated and message.created (reply and note), each verified', async () => {
    clockNow();
    const ticket = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Printer on fire' });
    // The data is read when the job runs: the ticket as it then is.
    await drain();
    const reply = await w.admin.post(`tickets/${ticket.number}/messages`, { body: '<p>We are <b>on</b> it.</p>' });
    expect(reply.statusCode, reply.body).toBe(201);
    const note = await w.admin.post(`tickets/${ticket.number}/messages`, {
      body: '<p>Call facilities</p>',
      kind: 'note',
    });
    expect(note.statusCode, note.body).toBe(201);
    // The agent's reply left it pending (waiting for the customer); the admin makes it active again.
    const changed = await w.admin.patch(`tickets/${ticket.number}`, { priority: 'high', status: 'active' });
    expect(changed.statusCode, changed.body).toBe(200);
    clockNow();
    await drain();

    const got = at('/main');
    expect(got.length).toBeGreaterThanOrEqual(4);
    for (const r of got) {
      // Verified by the standardwebhooks package with the secret shown at creation.
      expect(r.verified[0]).not.toBeNull();
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Pishkhan-Webhooks/1');
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      expect(r.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    }
    const bodies = got.map(bodyOf);
    const created = bodies.find((b) => b.type === 'ticket.created')!;
    expect(created.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(created.data.ticket).toMatchObject({
      number: ticket.number,
      subject: 'Printer on fire',
      status: expect.any(String),
      priority: 'medium',
      departmentId: w.support.id,
      requester: { id: w.alice.id, name: 'Alice', email: expect.stringContaining('alice-') },
      assigneeIds: expect.any(Array),
      tags: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const messages = bodies.filter((b) => b.type === 'message.created').map((b) => b.data.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: reply.json().id, kind: 'reply', bodyText: 'We are on it.' }),
        expect.objectContaining({ id: note.json().id, kind: 'note', bodyText: 'Call facilities' }),
      ]),
    );
    expect(messages.find((m) => m.kind === 'reply')!.author).toMatchObject({ id: expect.any(String), kind: 'agent' });
    const updates = bodies.filter((b) => b.type === 'ticket.updated');
    expect(updates.map((b) => b.data.changes)).toContainEqual({ status: { from: 'pending', to: 'active' } });
    for (const u of updates)
      expect(u.data.ticket).toMatchObject({ number: ticket.number, priority: 'high', status: 'active' });

    const log = await deliveriesOf(main.id);
    expect(log.total).toBe(got.length);
    expect(log.items[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(log.items[0]).toEqual(
      expect.objectContaining({
        event: expect.any(String),
        durationMs: expect.any(Number),
        createdAt: expect.any(String),
        deliveredAt: expect.any(String),
        nextAttemptAt: null,
      }),
    );
    // Newest first.
    const ids = log.items.map((d) => Number(d.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('a receiver answering 500 then 200 gets the retry with the same webhook-id, after the planned wait', async () => {
    const flaky = await makeHook('/flaky', ['ticket.created']);
    answers.set('/flaky', [500]);
    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Flaky' });
    clockNow();
    await drain();
    expect(at('/flaky')).toHaveLength(1);
    let [d] = (await deliveriesOf(flaky.id)).items;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'status:500' });
    const planned = new Date(d.nextAttemptAt as string).getTime() - t.clock.now().getTime();
    expect(planned).toBeGreaterThan(4_000);
    expect(planned).toBeLessThanOrEqual(5_000);

    await drain(); // not due yet
    expect(at('/flaky')).toHaveLength(1);
    t.clock.advance(5_000);
    await drain();
    const tries = at('/flaky');
    expect(tries).toHaveLength(2);
    expect(tries[1].headers['webhook-id']).toBe(tries[0].headers['webhook-id']);
    expect(tries.every((r) => r.verified[0] !== null)).toBe(true);
    [d] = (await deliveriesOf(flaky.id)).items;
    expect(d).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('gives up after the last planned attempt, and "send again" tries once more with the same id', async () => {
    const down = await makeHook('/down', ['ticket.created']);
    answers.set('/down', Array(7).fill(503));
    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Down' });
    clockNow();
    await drain();
    for (const wait of [5, 300, 1800, 7200, 18_000, 36_000]) {
      t.clock.advance(wait * 1000);
      await drain();
    }
    expect(at('/down')).toHaveLength(7);
    let [d] = (await deliveriesOf(down.id)).items;
    expect(d).toMatchObject({ status: 'failed', attempts: 7, lastStatusCode: 503, nextAttemptAt: null });

    clockNow();
    const again = await w.admin.post(`webhooks/${down.id}/deliveries/${d.id as string}/retry`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ id: d.id, status: 'pending' });
    await drain();
    const tries = at('/down');
    expect(tries).toHaveLength(8);
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // The receiver checks every request; the last, sent at the real time, passes.
    expect(tries[7].verified[0]).not.toBeNull();
    [d] = (await deliveriesOf(down.id)).items;
    expect(d).toMatchObject({ status: 'succeeded', attempts: 8, lastStatusCode: 200 });
    const twice = await w.admin.post(`webhooks/${down.id}/deliveries/${d.id as string}/retry`);
    expect(twice.statusCode).toBe(409);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const moved = await makeHook('/moved', ['ticket.created']);
    answers.set('/moved', [302]);
    const before = at('/main').length;
    clockNow();
    await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Moved' });
    clockNow();
    await drain();
    expect(at('/moved')).toHaveLength(1);
    // /main got the event as a subscriber, once — not a second time through the redirect.
    expect(at('/main').length - before).toBe(1);
    const [d] = (await deliveriesOf(moved.id)).items;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 302, lastError: 'status:302' });
    await w.admin.del(`webhooks/${moved.id}`);
  });

  it('an SLA warning or breach (ticket.updated with changes.sla) goes out as sla.warning / sla.breached', async () => {
    await makeHook('/sla', ['sla.warning', 'sla.breached']);
    clockNow();
    const ticket = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Late' });
    const ctx = jobCtx(t.deps, w.workspaceId, 'test');
    const [{ id: ticketId }] = await queryRows<{ id: number }>(
      t.deps.database.db,
      sql`select id from tickets where workspace_id = ${w.workspaceId} and number = ${ticket.number}`,
    );
    // What the SLA module announces (sla/check-sla.ts), through the sink buildApp registered.
    for (const event of ['slaWarning', 'slaBreached'] as const)
      await webhookTicketSink(ctx, {
        ticketId: Number(ticketId),
        type: 'ticket.updated',
        changes: { sla: { event, people: [], targets: ['resolution'] } },
      });
    clockNow();
    await drain();
    const got = at('/sla');
    expect(got.map((r) => (r.verified[0] as { type: string }).type)).toEqual(['sla.warning', 'sla.breached']);
    expect(bodyOf(got[1]).data).toMatchObject({
      ticket: { number: ticket.number, subject: 'Late' },
      changes: { sla: { targets: ['resolution'] } },
    });
  });

  it('a daily job deletes deliveries older than 30 days', async () => {
    const before = (await deliveriesOf(main.id)).total;
    await t.deps.database.executeSql(
      `update webhook_deliveries set created_at = created_at - interval '31 days'
        where id = (select min(id) from webhook_deliveries where webhook_id = $1)`,
      [main.id],
    );
    const cleanup = JOBS.find((j) => j.queue === 'webhooks.cleanup')!;
    expect(cleanup.schedule).toBeTruthy();
    await (cleanup.handler(t.deps) as (d: object, j: object) => Promise<void>)({}, { id: 'x', name: 'x' });
    expect((await deliveriesOf(main.id)).total).toBe(before - 1);
  });
});
