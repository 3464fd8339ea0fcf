import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app';
import { merge, mergeTools, useMergeWorld } from '../helpers/ticket-merge';
import { openTicket, type TicketWorld } from '../helpers/tickets';

/** K9: links between tickets, and what a merge does to them. Merging itself: ticket-merge.test.ts. */
let t: TestApp;
let w: TicketWorld;
useMergeWorld((app, world) => {
  t = app;
  w = world;
});
const { staffTicket } = mergeTools(() => ({ t, w }));

describe('links between tickets', () => {
  it('shows a link on both tickets from each side, refuses doubles and self-links, and deletes both views', async () => {
    const a = await staffTicket({ subject: 'Link A' });
    const b = await staffTicket({ subject: 'Link B' });
    const c = await staffTicket({ subject: 'Link C' });
    const made = await w.agent.client.post(`tickets/${a.number}/links`, { number: b.number, kind: 'duplicate_of' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().links).toEqual([
      { number: b.number, subject: 'Link B', status: 'pending', kind: 'duplicate_of' },
    ]);
    expect((await w.agent.client.get(`tickets/${b.number}`)).json().links).toEqual([
      { number: a.number, subject: 'Link A', status: 'pending', kind: 'duplicated_by' },
    ]);
    // One link per pair, whichever side asks.
    const dup = await w.agent.client.post(`tickets/${b.number}/links`, { number: a.number, kind: 'related' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('These two tickets are already linked.');
    const self = await w.agent.client.post(`tickets/${a.number}/links`, { number: a.number, kind: 'related' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields.number).toBe('A ticket cannot be linked to itself.');
    expect(
      (await w.agent.client.post(`tickets/${a.number}/links`, { number: 99999, kind: 'related' })).statusCode,
    ).toBe(400);
    expect(
      (await w.agent.client.post(`tickets/${a.number}/links`, { number: c.number, kind: 'sibling' })).statusCode,
    ).toBe(400);
    expect(
      (await w.narrow.client.post(`tickets/${a.number}/links`, { number: c.number, kind: 'related' })).statusCode,
    ).toBe(403);

    const parent = await w.agent.client.post(`tickets/${c.number}/links`, { number: a.number, kind: 'child_of' });
    expect(parent.statusCode, parent.body).toBe(201);
    const seenFromA = (await w.agent.client.get(`tickets/${a.number}`)).json().links;
    expect(seenFromA.map((l: { number: number; kind: string }) => [l.number, l.kind])).toEqual([
      [b.number, 'duplicate_of'],
      [c.number, 'parent_of'],
    ]);
    // Customers never see links.
    const own = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Alice linked' });
    expect(
      (await w.agent.client.post(`tickets/${own.number}/links`, { number: a.number, kind: 'related' })).statusCode,
    ).toBe(201);
    expect((await w.alice.client.get(`tickets/${own.number}`)).json().links).toEqual([]);

    // Deleting from the other side removes both views; a second delete is 404.
    const del = await w.agent.client.del(`tickets/${b.number}/links/${a.number}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().links).toEqual([]);
    expect(
      (await w.agent.client.get(`tickets/${a.number}`)).json().links.map((l: { number: number }) => l.number),
    ).toEqual([c.number, own.number]);
    expect((await w.agent.client.del(`tickets/${b.number}/links/${a.number}`)).statusCode).toBe(404);
    expect((await w.narrow.client.del(`tickets/${c.number}/links/${a.number}`)).statusCode).toBe(403);
  });

  it('a merge moves the source links to the target, without doubles or a link to itself', async () => {
    const s = await staffTicket({ subject: 'Links source' });
    const tg = await staffTicket({ subject: 'Links target' });
    const x = await staffTicket({ subject: 'X' });
    const y = await staffTicket({ subject: 'Y' });
    for (const [from, to, kind] of [
      [s, tg, 'related'],
      [s, x, 'parent_of'],
      [tg, x, 'related'],
      [y, s, 'duplicate_of'],
    ] as const)
      expect((await w.agent.client.post(`tickets/${from.number}/links`, { number: to.number, kind })).statusCode).toBe(
        201,
      );
    const res = await merge(w.agent.client, s.number, tg.number);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().links.map((l: { number: number; kind: string }) => [l.number, l.kind])).toEqual([
      [x.number, 'related'],
      [y.number, 'duplicated_by'],
    ]);
    expect((await w.agent.client.get(`tickets/${s.number}`)).json().links).toEqual([]);
    // A merged ticket takes no new link.
    const late = await w.agent.client.post(`tickets/${x.number}/links`, { number: s.number, kind: 'related' });
    expect(late.statusCode).toBe(400);
  });
});
