import { describe, expect, it } from 'vitest';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';

let w: TicketWorld;
useTicketWorld((_app, world) => (w = world));

describe('numbers (C1)', () => {
  it('are sequential per workspace with no gaps or duplicates under 200 parallel creates', async () => {
    const before = (await w.admin.get('tickets?pageSize=1&sort=-number')).json().items[0]?.number ?? 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        w.alice.client.post('tickets', { subject: `Parallel ${i}`, body: `<p>n ${i}</p>`, departmentId: w.support.id }),
      ),
    );
    expect(results.map((r) => r.statusCode).every((s) => s === 201)).toBe(true);
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => before + i + 1));
  }, 60_000);
});

describe('status rules (C4, C9)', () => {
  it('agent reply → pending; customer reply → active; reply to closed reopens; locked takes nothing', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    expect(tk.status).toBe('active');
    expect(tk.waitingSince).not.toBeNull();
    const r1 = await w.agent.client.post(`tickets/${tk.number}/messages`, { body: '<p>Have you tried water?</p>' });
    expect(r1.statusCode).toBe(201);
    expect(r1.json().body).toContain('Regards,<br>Agent Smith');
    let now = (await w.alice.client.get(`tickets/${tk.number}`)).json();
    expect(now.status).toBe('pending');
    expect(now.waitingSince).toBeNull();
    await w.alice.client.post(`tickets/${tk.number}/messages`, { body: 'Yes' });
    expect((await w.alice.client.get(`tickets/${tk.number}`)).json().status).toBe('active');
    await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'Solved', statusAfter: 'closed' });
    expect((await w.alice.client.get(`tickets/${tk.number}`)).json().status).toBe('closed');
    await w.alice.client.post(`tickets/${tk.number}/messages`, { body: 'It is back' });
    now = (await w.alice.client.get(`tickets/${tk.number}`)).json();
    expect(now.status).toBe('active');
    expect(now.messageCount).toBe(5);
    await w.agent.client.patch(`tickets/${tk.number}`, { status: 'locked' });
    const refused = await w.alice.client.post(`tickets/${tk.number}/messages`, { body: 'hello?' });
    expect(refused.statusCode).toBe(423);
    expect((await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'x' })).statusCode).toBe(423);
    expect((await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items).toHaveLength(5);
  });

  it('a customer can close its own ticket but set no other status', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    expect((await w.alice.client.patch(`tickets/${tk.number}`, { status: 'locked' })).statusCode).toBe(400);
    expect((await w.bob.client.patch(`tickets/${tk.number}`, { status: 'closed' })).statusCode).toBe(404);
    const closed = await w.alice.client.patch(`tickets/${tk.number}`, { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
  });
});

describe('collision (C14)', () => {
  it('a reply over a stale lastSeenMessageId gets 409 with the newer messages; force sends it', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const first = (await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items.at(-1).id;
    await w.narrow.client.post(`tickets/${tk.number}/messages`, { body: 'I am on it', statusAfter: 'active' });
    const stale = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      body: 'Me too',
      lastSeenMessageId: first,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect(stale.json().error.details.messages.map((m: { body: string }) => m.body)).toEqual(['I am on it']);
    expect((await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items).toHaveLength(2);
    const forced = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      body: 'Me too',
      lastSeenMessageId: first,
      force: true,
    });
    expect(forced.statusCode).toBe(201);
  });
});
