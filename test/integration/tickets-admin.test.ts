import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';

let w: TicketWorld;
let app: TestApp;
useTicketWorld((a, world) => ((app = a), (w = world)));

describe('delete and restore (C11)', () => {
  it('soft-deletes, hides, lists with includeDeleted, restores; an agent cannot delete its own ticket', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const own = await openTicket(w.agent.client, { departmentId: w.support.id, requesterId: w.alice.id });
    expect((await w.agent.client.del(`tickets/${own.number}`)).statusCode).toBe(403);
    expect((await w.narrow.client.del(`tickets/${tk.number}`)).statusCode).toBe(403);
    expect((await w.agent.client.del(`tickets/${tk.number}`)).statusCode).toBe(204);
    expect((await w.alice.client.get(`tickets/${tk.number}`)).statusCode).toBe(404);
    const list = async (q: string) =>
      (await w.agent.client.get(`tickets?pageSize=100${q}`)).json().items.map((i: { number: number }) => i.number);
    expect(await list('')).not.toContain(tk.number);
    expect(await list('&includeDeleted=true')).toContain(tk.number);
    expect(await list('&deletedOnly=true')).toEqual([tk.number]);
    expect((await w.agent.client.get(`tickets/${tk.number}`)).json().deleted).toBe(true);
    expect((await w.agent.client.post(`tickets/${tk.number}/restore`)).statusCode).toBe(204);
    expect((await w.alice.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
    expect((await w.agent.client.post(`tickets/${tk.number}/restore`)).statusCode).toBe(409);
  });
});

describe('bulk actions (D2)', () => {
  it('report per ticket what was done and what failed and why', async () => {
    const a = await openTicket(w.alice.client, { departmentId: w.support.id });
    const b = await openTicket(w.alice.client, { departmentId: w.support.id });
    const foreign = await openTicket(w.bob.client, { departmentId: w.billing.id });
    const res = await w.agent.client.post('tickets/bulk', {
      numbers: [a.number, b.number, foreign.number, 999999],
      action: 'status',
      value: 'closed',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().done).toEqual([a.number, b.number]);
    expect(res.json().failed.map((f: { number: number; error: { code: string } }) => [f.number, f.error.code])).toEqual(
      [
        [foreign.number, 'not_found'],
        [999999, 'not_found'],
      ],
    );
    expect((await w.agent.client.get(`tickets/${a.number}`)).json().status).toBe('closed');
    expect((await w.billingAgent.client.get(`tickets/${foreign.number}`)).json().status).toBe('active');

    const pr = await w.agent.client.post('tickets/bulk', {
      numbers: [a.number, b.number],
      action: 'priority',
      value: 'urgent',
    });
    expect(pr.json().done).toHaveLength(2);
    const lock = await w.agent.client.post('tickets/bulk', { numbers: [a.number], action: 'lock' });
    expect(lock.json().done).toEqual([a.number]);
    expect((await w.alice.client.post(`tickets/${a.number}/messages`, { body: 'x' })).statusCode).toBe(423);
    const transfer = await w.agent.client.post('tickets/bulk', {
      numbers: [b.number],
      action: 'transfer',
      value: { departmentId: w.billing.id },
    });
    expect(transfer.json().done).toEqual([b.number]);
    expect((await w.billingAgent.client.get(`tickets/${b.number}`)).json().department.id).toBe(w.billing.id);
    // A bare id given to "assign" names a person, never a department.
    const assign = await w.agent.client.post('tickets/bulk', {
      numbers: [a.number],
      action: 'assign',
      value: w.agent.id,
    });
    expect(assign.json().done).toEqual([a.number]);
    const assigned = (await w.agent.client.get(`tickets/${a.number}`)).json();
    expect(assigned.assignees.map((p: { id: string }) => p.id)).toEqual([w.agent.id]);
    expect(assigned.department.id).toBe(w.support.id);
    const own = await openTicket(w.agent.client, { departmentId: w.support.id, requesterId: w.alice.id });
    const del = await w.agent.client.post('tickets/bulk', { numbers: [own.number, a.number], action: 'delete' });
    expect(del.json().done).toEqual([a.number]);
    expect(del.json().failed[0]).toMatchObject({ number: own.number, error: { code: 'forbidden' } });
    expect((await w.agent.client.post('tickets/bulk', { numbers: [a.number], action: 'restore' })).json().done).toEqual(
      [a.number],
    );
    expect(
      (await w.agent.client.post('tickets/bulk', { numbers: [a.number], action: 'status', value: 'bogus' })).statusCode,
    ).toBe(400);
    expect(
      (await w.narrow.client.post('tickets/bulk', { numbers: [a.number], action: 'status', value: 'closed' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('logs (C21, C22)', () => {
  it('every change writes an event with actor and time; admin views are shown only to admins', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'hello' });
    await w.agent.client.patch(`tickets/${tk.number}`, {
      priority: 'high',
      assigneeIds: [w.agent.id],
      tags: ['vpn', 'شبکه'],
    });
    await w.agent.client.patch(`tickets/${tk.number}`, { departmentId: w.billing.id });
    const events = (await w.admin.get(`tickets/${tk.number}/events`)).json().items;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'replied',
      'status_changed',
      'priority_changed',
      'assigned',
      'tags_changed',
      'transferred',
    ]);
    expect(events[3]).toMatchObject({
      actor: { id: w.agent.id, name: 'Agent Smith' },
      data: { from: 'medium', to: 'high' },
    });
    expect(events.every((e: { createdAt: string }) => !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);
    expect((await w.alice.client.get(`tickets/${tk.number}/events`)).statusCode).toBe(403);
    expect((await w.narrow.client.get(`tickets/${tk.number}/events`)).statusCode).toBe(403);

    await w.billingAgent.client.get(`tickets/${tk.number}`);
    await w.admin.get(`tickets/${tk.number}`);
    const asAdmin = (await w.admin.get(`tickets/${tk.number}/views`)).json().items;
    const asAgent = (await w.billingAgent.client.get(`tickets/${tk.number}/views`)).json().items;
    expect(asAdmin.some((v: { byAdmin: boolean }) => v.byAdmin)).toBe(true);
    expect(asAgent.some((v: { byAdmin: boolean }) => v.byAdmin)).toBe(false);
    expect(asAgent.map((v: { user: { id: string } }) => v.user.id)).toContain(w.billingAgent.id);
  });

  it('logs one view per person and minute: a reopening within the minute is not logged again, one after it is', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const mine = async () =>
      (await w.admin.get(`tickets/${tk.number}/views`))
        .json()
        .items.filter((v: { user: { id: string } }) => v.user.id === w.agent.id).length;
    await w.agent.client.get(`tickets/${tk.number}`);
    app.clock.advance(59_000);
    await w.agent.client.get(`tickets/${tk.number}`);
    expect(await mine()).toBe(1);
    app.clock.advance(2_000);
    await w.agent.client.get(`tickets/${tk.number}`);
    expect(await mine()).toBe(2);
    // The requester's own opening is logged apart from the agent's.
    await w.alice.client.get(`tickets/${tk.number}`);
    expect(await mine()).toBe(2);
  });
});

describe('dashboard (D5)', () => {
  it('counts what awaits the customer and the agent', async () => {
    const c = w.bob.client;
    const before = (await c.get('dashboard')).json();
    const tk = await openTicket(c, { departmentId: w.support.id });
    await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'your turn' });
    const after = (await c.get('dashboard')).json();
    expect(after.role).toBe('customer');
    expect(after.awaitingMe).toBe(before.awaitingMe + 1);
    const agentBefore = (await w.agent.client.get('dashboard')).json();
    const mine = await openTicket(w.alice.client, { departmentId: w.support.id });
    await w.agent.client.post(`tickets/${mine.number}/assign-to-me`);
    const agentAfter = (await w.agent.client.get('dashboard')).json();
    expect(agentAfter.departments.active).toBe(agentBefore.departments.active + 1);
    expect(agentAfter.mine.active).toBe(agentBefore.mine.active + 1);
  });
});

describe('status series for the agent dashboard chart', () => {
  it('counts tickets opened per day by current status, within the agent scope, zero-filled', async () => {
    const series = async (c = w.agent.client, q = 'days=7') => (await c.get(`dashboard/status-series?${q}`)).json();
    const before = await series();
    const otherBefore = await series(w.billingAgent.client);
    expect(before.days).toHaveLength(7);
    expect(before.tz).toBe('Asia/Tehran');
    const a = await openTicket(w.alice.client, { departmentId: w.support.id });
    await openTicket(w.alice.client, { departmentId: w.support.id });
    await w.agent.client.patch(`tickets/${a.number}`, { status: 'closed' });
    const after = await series();
    const today = (d: { days: Array<Record<string, number | string>> }) => d.days[d.days.length - 1];
    expect(today(after).active).toBe((today(before).active as number) + 1);
    expect(today(after).closed).toBe((today(before).closed as number) + 1);
    expect(today(await series(w.billingAgent.client))).toEqual(today(otherBefore));
    expect(after.days.map((d: { date: string }) => d.date)).toEqual(
      [...after.days.map((d: { date: string }) => d.date)].sort(),
    );
    expect((await w.alice.client.get('dashboard/status-series')).statusCode).toBe(403);
    const bad = await w.agent.client.get('dashboard/status-series?days=500&tz=Mars/Olympus');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['days', 'tz']);
  });
});

describe('deleting a department', () => {
  it('is refused while it has tickets (even deleted ones), and allowed when empty', async () => {
    const dep = (await w.admin.post('departments', { name: 'Short-lived' })).json();
    const tk = await openTicket(w.alice.client, { departmentId: dep.id });
    await w.admin.del(`tickets/${tk.number}`);
    const refused = await w.admin.del(`departments/${dep.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    expect((await w.admin.get(`departments/${dep.id}`)).statusCode).toBe(200);
    expect((await w.admin.get(`tickets/${tk.number}`)).json().department.id).toBe(dep.id);
    const empty = (await w.admin.post('departments', { name: 'Empty one' })).json();
    expect((await w.admin.del(`departments/${empty.id}`)).statusCode).toBe(204);
  });
});
