import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** Issue 11, point 3: after an edit or a deletion, search finds what the ticket says now — never the old words. */
let t: TestApp;
let w: TicketWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
}, 30_000);
afterAll(async () => {
  await t?.close();
});

const found = async (c: Client, q: string) =>
  ((await c.get(`tickets?q=${encodeURIComponent(q)}`)).json().items as { number: number }[]).map((i) => i.number);
const note = async (number: number, body: string) => {
  const res = await w.agent.client.post(`tickets/${number}/messages`, { kind: 'note', body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('search after edits', () => {
  it('an edited note is found by its new words only, a deleted note by none', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Monitor' });
    const id = await note(tk.number, '<p>suspect zebracable fault</p>');
    await note(tk.number, '<p>ordered replacement kangaroopart</p>');
    expect(await found(w.agent.client, 'zebracable')).toContain(tk.number);
    const edit = await w.agent.client.patch(`tickets/${tk.number}/messages/${id}`, {
      body: '<p>it was the giraffeport</p>',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await found(w.agent.client, 'zebracable')).not.toContain(tk.number);
    expect(await found(w.agent.client, 'giraffeport')).toContain(tk.number);
    expect(await found(w.agent.client, 'kangaroopart')).toContain(tk.number);

    expect((await w.agent.client.del(`tickets/${tk.number}/messages/${id}`)).statusCode).toBe(204);
    expect(await found(w.agent.client, 'giraffeport')).not.toContain(tk.number);
    // The other note is still there, and found.
    expect(await found(w.agent.client, 'kangaroopart')).toContain(tk.number);
    expect((await w.agent.client.get(`tickets/${tk.number}`)).statusCode).toBe(200);
  });

  it('a changed subject and a changed opening message leave no old word behind', async () => {
    const tk = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      subject: 'Broken walrusprinter',
      body: '<p>The pelicantray jams.</p>',
    });
    await w.agent.client.post(`tickets/${tk.number}/messages`, { kind: 'reply', body: '<p>Try the ostrichroller</p>' });
    expect(await found(w.alice.client, 'walrusprinter')).toContain(tk.number);
    expect(await found(w.alice.client, 'pelicantray')).toContain(tk.number);

    const res = await w.agent.client.patch(`tickets/${tk.number}`, {
      subject: 'Broken flamingoscanner',
      body: '<p>The toucanfeeder jams.</p>',
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const c of [w.alice.client, w.agent.client]) {
      expect(await found(c, 'walrusprinter')).not.toContain(tk.number);
      expect(await found(c, 'pelicantray')).not.toContain(tk.number);
      expect(await found(c, 'flamingoscanner')).toContain(tk.number);
      expect(await found(c, 'toucanfeeder')).toContain(tk.number);
      // Replies are still part of the public text.
      expect(await found(c, 'ostrichroller')).toContain(tk.number);
    }
  });
});
