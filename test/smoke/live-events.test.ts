import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSse } from '../helpers/sse';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

/** Embedded PGlite: its LISTEN fires after commit in the same process, so live events work there too. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp('embedded');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

it("a new ticket and a note reach the department's agent within a second; another department hears of neither", async () => {
  const w = await ticketWorld(t);
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/events/stream`;
  const [agent, billing] = await Promise.all(
    [w.agent.client, w.billingAgent.client].map((c) => openSse(base, { cookie: `pk_session=${c.s.cookie}` })),
  );
  for (const s of [agent, billing]) await s.waitFor((e) => e.event === 'connected', 2000, 'connected');
  const t0 = Date.now();
  const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
  const e = await agent.waitFor((x) => x.event === 'ticket.created', 1000, 'ticket.created');
  expect(e.data).toEqual({ type: 'ticket.created', number: tk.number });
  expect(e.at - t0).toBeLessThan(1000);
  const note = (
    await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'between us', kind: 'note' })
  ).json();
  await agent.waitFor((x) => (x.data as { messageId?: string }).messageId === note.id, 1000, 'the note');
  // A marker the billing agent must get; anything sent to it before would have come first.
  const marker = await openTicket(w.alice.client, { departmentId: w.billing.id });
  await billing.waitFor((x) => x.event === 'ticket.created', 1000, 'the marker');
  expect(billing.events.map((x) => x.data)).toEqual([
    { type: 'connected' },
    { type: 'ticket.created', number: marker.number },
  ]);
  agent.close();
  billing.close();
});
