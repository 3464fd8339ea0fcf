import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeUser, newWorkspace, signIn, type TestApp } from '../helpers/test-app';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';

let t: TestApp;
let w: TicketWorld;
useTicketWorld((app, world) => ((t = app), (w = world)));

const numbersOf = async (c: { get: (u: string) => Promise<{ json(): { items: { number: number }[] } }> }, q = '') =>
  (await c.get(`tickets?pageSize=100${q}`)).json().items.map((i) => i.number);

describe('who sees what (C13, C17, C18, C23, D1)', () => {
  it('agents see their departments; view_all and admins see all; customers see their own', async () => {
    const a = await openTicket(w.alice.client, { departmentId: w.support.id });
    const b = await openTicket(w.bob.client, { departmentId: w.billing.id });
    expect(await numbersOf(w.agent.client)).toContain(a.number);
    expect(await numbersOf(w.agent.client)).not.toContain(b.number);
    expect((await w.agent.client.get(`tickets/${b.number}`)).statusCode).toBe(404);
    expect(await numbersOf(w.billingAgent.client)).toContain(b.number);
    expect(await numbersOf(w.admin)).toEqual(expect.arrayContaining([a.number, b.number]));
    expect(await numbersOf(w.alice.client)).toContain(a.number);
    expect(await numbersOf(w.alice.client)).not.toContain(b.number);
    expect((await w.alice.client.get(`tickets/${b.number}`)).statusCode).toBe(404);
    expect((await w.bob.client.post(`tickets/${a.number}/messages`, { body: 'hi' })).statusCode).toBe(404);
  });

  it('assignment and transfer move visibility; assign to me joins the assignees', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    expect((await w.billingAgent.client.get(`tickets/${tk.number}`)).statusCode).toBe(404);
    const assigned = await w.agent.client.patch(`tickets/${tk.number}`, { assigneeIds: [w.billingAgent.id] });
    expect(assigned.json().assignees.map((a: { id: string }) => a.id)).toEqual([w.billingAgent.id]);
    expect((await w.billingAgent.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
    const mine = await w.agent.client.post(`tickets/${tk.number}/assign-to-me`);
    expect(
      mine
        .json()
        .assignees.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual([w.agent.id, w.billingAgent.id].sort());
    expect(await numbersOf(w.agent.client, '&assigneeId=me')).toContain(tk.number);
    const moved = await w.agent.client.patch(`tickets/${tk.number}`, { departmentId: w.billing.id, assigneeIds: [] });
    expect(moved.json().department.name).toBe('Billing');
    expect((await w.agent.client.get(`tickets/${tk.number}`)).statusCode).toBe(404);
    expect(
      (
        await w.narrow.client.patch(
          `tickets/${(await openTicket(w.alice.client, { departmentId: w.support.id })).number}`,
          { departmentId: w.billing.id },
        )
      ).statusCode,
    ).toBe(403);
  });

  it('followers and sharing (C13, C23)', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.billing.id });
    await w.admin.patch(`tickets/${tk.number}`, { followerIds: [w.agent.id] });
    expect(
      (await w.agent.client.get(`tickets/${tk.number}`)).json().followers.map((f: { id: string }) => f.id),
    ).toEqual([w.agent.id]);
    expect((await w.bob.client.get(`tickets/${tk.number}`)).statusCode).toBe(404);
    expect((await w.alice.client.patch(`tickets/${tk.number}`, { sharedWithIds: [w.bob.id] })).statusCode).toBe(200);
    expect((await w.bob.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
    expect((await w.bob.client.patch(`tickets/${tk.number}`, { sharedWithIds: [] })).statusCode).toBe(403);
    expect((await w.alice.client.patch(`tickets/${tk.number}`, { notify: false })).statusCode).toBe(200);
  });

  it('internal tickets between agents are never shown to customers (C17)', async () => {
    // Opened by someone who sees the internal department (an agent outside it may not: issue 11, point 4).
    const tk = await openTicket(w.admin, {
      departmentId: w.internal.id,
      internal: true,
      requesterId: w.billingAgent.id,
      subject: 'Internal matter',
    });
    expect(tk.internal).toBe(true);
    expect(tk.requester.level).toBe('agent');
    expect((await w.billingAgent.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
    expect((await w.alice.client.get(`tickets?q=Internal`)).json().total).toBe(0);
    expect(
      (await w.alice.client.post('tickets', { subject: 'x', body: 'y', departmentId: w.internal.id })).statusCode,
    ).toBe(400);
  });

  it('an agent opens a ticket for a customer or for a customer group, choosing status and priority (C18)', async () => {
    const forAlice = await openTicket(w.agent.client, {
      departmentId: w.support.id,
      requesterId: w.alice.id,
      priority: 'high',
      status: 'pending',
    });
    expect(forAlice).toMatchObject({
      status: 'pending',
      priority: 'high',
      requester: { id: w.alice.id, level: 'member' },
    });
    expect(await numbersOf(w.alice.client)).toContain(forAlice.number);
    const group = (
      await w.admin.post('groups', { kind: 'customer', name: 'Faculty', memberIds: [w.alice.id, w.bob.id] })
    ).json();
    const forGroup = await openTicket(w.agent.client, {
      departmentId: w.support.id,
      requesterGroupId: group.id,
      subject: 'Campus outage',
    });
    expect(forGroup.requester.name).toBe('Faculty');
    expect((await w.bob.client.get(`tickets/${forGroup.number}`)).statusCode).toBe(200);
    expect((await w.alice.client.post(`tickets/${forGroup.number}/messages`, { body: 'thanks' })).statusCode).toBe(201);
    const bad = await w.alice.client.post('tickets', {
      subject: 'x',
      body: 'y',
      departmentId: w.support.id,
      requesterId: w.bob.id,
      pinned: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['pinned', 'requesterId']);
  });

  it('a customer whose ticket access is off sees and writes nothing (A7)', async () => {
    const c = await makeUser(t, w.admin, w.slug, { role: 'customer' });
    await openTicket(c.client, { departmentId: w.support.id });
    await w.admin.patch(`users/${c.id}`, { ticketAccess: false });
    expect((await c.client.get('tickets')).statusCode).toBe(403);
    expect((await c.client.post('tickets', { subject: 'x', body: 'y', departmentId: w.support.id })).statusCode).toBe(
      403,
    );
  });

  it('another workspace cannot see, reply to or even detect a ticket (404)', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const other = await newWorkspace(t);
    const oa = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    for (const [m, u, b] of [
      ['GET', `tickets/${tk.number}`],
      ['PATCH', `tickets/${tk.number}`, { priority: 'low' }],
      ['POST', `tickets/${tk.number}/messages`, { body: 'x' }],
      ['DELETE', `tickets/${tk.number}`],
      ['GET', `tickets/${tk.number}/events`],
    ] as const) {
      expect((await oa.req(m, u, b)).statusCode, `${m} ${u}`).toBe(404);
    }
    expect((await oa.get('tickets')).json().total).toBe(0);
  });
});
