import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketEvents, ticketParticipants, tickets } from '../../src/db/schema';
import { createTestApp, makeUser, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** Issue 11: points 4 (agents open tickets only where they may see them) and 7 (following is per person). */
let t: TestApp;
let w: TicketWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
}, 30_000);
afterAll(async () => {
  await t?.close();
});

const db = () => t.deps.database.db;
const followerIds = async (number: number) =>
  ((await w.admin.get(`tickets/${number}`)).json().followers as { id: string }[]).map((f) => f.id).sort();
const idOf = async (number: number) =>
  (
    await db()
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, number)))
  )[0].id;
const eventsOf = async (number: number) =>
  db()
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, await idOf(number)))
    .orderBy(ticketEvents.id);

describe('opening a ticket in a department (point 4)', () => {
  it('is refused, translated, for an agent outside the department; allowed in their own or with view_all', async () => {
    const res = await w.agent.client.post('tickets', {
      subject: 'Not mine',
      body: '<p>x</p>',
      departmentId: w.billing.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden' });
    expect(res.json().error.message).toMatch(/بخش/);
    const en = await w.agent.client.post(
      'tickets',
      { subject: 'Not mine', body: '<p>x</p>', departmentId: w.billing.id },
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.json().error.message).toBe('You can open tickets only in your own departments.');
    // Nothing was written: no ticket of that subject exists.
    expect((await w.admin.get('tickets?q=Not%20mine')).json().total).toBe(0);

    await openTicket(w.agent.client, { departmentId: w.support.id, subject: 'Mine' });
    const all = (
      await w.admin.post('access-levels', {
        name: 'all departments',
        permissions: ['tickets.create', 'tickets.view_all'],
      })
    ).json();
    const wide = await makeUser(t, w.admin, w.slug, {
      role: 'agent',
      departmentIds: [w.support.id],
      accessLevelId: all.id,
    });
    await openTicket(wide.client, { departmentId: w.billing.id, subject: 'Anywhere' });
  });

  it('C17: an internal ticket to another department is allowed, and its opener follows and sees it', async () => {
    const res = await w.agent.client.post('tickets', {
      subject: 'Please check the invoice run',
      body: '<p>x</p>',
      departmentId: w.billing.id,
      internal: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const tk = res.json();
    expect(tk.followers.map((f: { id: string }) => f.id)).toEqual([w.agent.id]);
    expect((await w.agent.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
    expect(await followerIds(tk.number)).toEqual([w.agent.id]);
  });
});

describe('following (point 7)', () => {
  it('two agents following at once both end up followers; each event is in the log', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const [a, b] = await Promise.all([
      w.agent.client.post(`tickets/${tk.number}/followers/me`),
      w.narrow.client.post(`tickets/${tk.number}/followers/me`),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(await followerIds(tk.number)).toEqual([w.agent.id, w.narrow.id].sort());
    const followed = (await eventsOf(tk.number)).filter((e) => e.kind === 'followed');
    expect(followed.map((e) => String(e.actorId)).sort()).toEqual([w.agent.id, w.narrow.id].sort());
  });

  it('is idempotent both ways, touches only the caller, and needs the ticket to be visible', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    await w.admin.patch(`tickets/${tk.number}`, { followerIds: [w.agent.id] });
    expect((await w.narrow.client.post(`tickets/${tk.number}/followers/me`)).json().followers).toHaveLength(2);
    expect((await w.narrow.client.post(`tickets/${tk.number}/followers/me`)).statusCode).toBe(200);
    expect((await eventsOf(tk.number)).filter((e) => e.kind === 'followed')).toHaveLength(1);
    const off = await w.narrow.client.del(`tickets/${tk.number}/followers/me`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().followers.map((f: { id: string }) => f.id)).toEqual([w.agent.id]);
    expect((await w.narrow.client.del(`tickets/${tk.number}/followers/me`)).statusCode).toBe(200);
    expect((await eventsOf(tk.number)).filter((e) => e.kind === 'unfollowed')).toHaveLength(1);
    // Another department's agent does not see the ticket, so cannot follow it; customers may not follow.
    expect((await w.billingAgent.client.post(`tickets/${tk.number}/followers/me`)).statusCode).toBe(404);
    expect((await w.alice.client.post(`tickets/${tk.number}/followers/me`)).statusCode).toBe(403);
    const rows = await db()
      .select()
      .from(ticketParticipants)
      .where(and(eq(ticketParticipants.ticketId, await idOf(tk.number)), eq(ticketParticipants.kind, 'follower')));
    expect(rows.map((r) => String(r.userId))).toEqual([w.agent.id]);
  });

  it('a whole-list PATCH and a follow at the same time apply one after the other on the locked row', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const [patch, follow] = await Promise.all([
      w.admin.patch(`tickets/${tk.number}`, { followerIds: [w.agent.id], priority: 'high' }),
      w.narrow.client.post(`tickets/${tk.number}/followers/me`),
    ]);
    expect(patch.statusCode, patch.body).toBe(200);
    expect(follow.statusCode, follow.body).toBe(200);
    const ids = await followerIds(tk.number);
    // Either order is a consistent outcome; the PATCH's list always holds.
    expect(ids).toContain(w.agent.id);
    const log = (await eventsOf(tk.number)).filter((e) => e.kind === 'followers_changed' || e.kind === 'followed');
    const last = log.at(-1)!;
    expect(ids).toEqual(last.kind === 'followed' ? [w.agent.id, w.narrow.id].sort() : [w.agent.id]);
  });
});
