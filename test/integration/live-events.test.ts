import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveHubs } from '../../src/server/modules/live/live-hub';
import { openSse, type SseEvent, type SseStream } from '../helpers/sse';
import { randomPort, run, stop, waitReady } from '../helpers/server-process';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

/** GET /events/stream (C-live, D5): who hears about which change, and how fast. */
let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const url = (b: string) => `${b}/api/v1/events/stream`;
const streamOf = (c: Client, b = base) => openSse(url(b), { cookie: `pk_session=${c.s.cookie}` });
const connected = async (s: SseStream) => (await s.waitFor((e) => e.event === 'connected', 2000, 'connected'), s);
const of = (type: string, number: number) => (e: SseEvent) =>
  e.event === type && (e.data as { number: number }).number === number;
async function until(probe: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!probe() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(probe()).toBe(true);
}
const ticketEvents = (s: SseStream) => s.events.filter((e) => e.event !== 'connected').map((e) => e.data);

/** Waits for the event and checks it came within a second of `since`. */
async function arrives(s: SseStream, type: string, number: number, since: number) {
  const e = await s.waitFor(of(type, number), 1000, `${type} #${number}`);
  expect(e.at - since).toBeLessThan(1000);
  return e;
}

describe('in one process', () => {
  it('answers 401 without a session, and streams with the SSE headers', async () => {
    const w = await ticketWorld(t);
    const anon = await fetch(url(base), { headers: { 'x-workspace': w.slug } });
    expect(anon.status).toBe(401);
    const s = await connected(await streamOf(w.agent.client));
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.headers.get('cache-control')).toBe('no-store');
    expect(s.headers.get('x-accel-buffering')).toBe('no');
    expect(s.retry).toBe(3000);
    s.close();
  });

  it('each person hears only of tickets they may see, never of a note as a customer, within a second', async () => {
    const w = await ticketWorld(t);
    const [alice, agent, admin, billing, bob] = await Promise.all(
      [w.alice.client, w.agent.client, w.admin, w.billingAgent.client, w.bob.client].map(async (c) =>
        connected(await streamOf(c)),
      ),
    );

    let t0 = Date.now();
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    for (const s of [alice, agent, admin])
      expect((await arrives(s, 'ticket.created', tk.number, t0)).data).toEqual({
        type: 'ticket.created',
        number: tk.number,
      });

    t0 = Date.now();
    const reply = (
      await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'Have you tried water?' })
    ).json();
    for (const s of [alice, agent]) {
      expect((await arrives(s, 'message.created', tk.number, t0)).data).toEqual({
        type: 'message.created',
        number: tk.number,
        messageId: reply.id,
      });
    }

    t0 = Date.now();
    const note = (
      await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'She did not.', kind: 'note' })
    ).json();
    const noteSeen = (e: SseEvent) => (e.data as { messageId?: string }).messageId === note.id;
    for (const s of [agent, admin]) {
      await s.waitFor(noteSeen, 1000, 'the note');
      expect(s.events.find(noteSeen)!.at - t0).toBeLessThan(1000);
    }

    // Markers: each stream must see these, and anything sent before them would have come first.
    const again = (await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'Still there?' })).json();
    await alice.waitFor((e) => (e.data as { messageId?: string }).messageId === again.id);
    const forBilling = await openTicket(w.alice.client, { departmentId: w.billing.id });
    const bobs = await openTicket(w.bob.client, { departmentId: w.support.id });
    await billing.waitFor(of('ticket.created', forBilling.number));
    await bob.waitFor(of('ticket.created', bobs.number));
    await alice.waitFor(of('ticket.created', forBilling.number));
    await agent.waitFor(of('ticket.created', bobs.number));

    expect(ticketEvents(alice)).toEqual([
      { type: 'ticket.created', number: tk.number },
      { type: 'message.created', number: tk.number, messageId: reply.id },
      { type: 'message.created', number: tk.number, messageId: again.id },
      { type: 'ticket.created', number: forBilling.number },
    ]);
    expect(ticketEvents(billing)).toEqual([{ type: 'ticket.created', number: forBilling.number }]);
    expect(ticketEvents(bob)).toEqual([{ type: 'ticket.created', number: bobs.number }]);
    // The support agent does not hear of the billing ticket either.
    expect(ticketEvents(agent).map((d) => (d as { number: number }).number)).not.toContain(forBilling.number);
    for (const s of [alice, agent, admin, billing, bob]) s.close();
  });

  it('a reply reaches a follower from another department and a customer it is shared with, read by the NOTIFY itself', async () => {
    const w = await ticketWorld(t);
    const tk = await openTicket(w.alice.client, { departmentId: w.billing.id });
    const [agent, bob] = await Promise.all(
      [w.agent.client, w.bob.client].map(async (c) => connected(await streamOf(c))),
    );
    const reply = async (body: string) =>
      (await w.billingAgent.client.post(`tickets/${tk.number}/messages`, { body })).json() as { id: string };
    const replies = (s: SseStream) => ticketEvents(s).filter((d) => (d as { type: string }).type === 'message.created');

    const before = await reply('Before anyone follows.');
    await w.admin.patch(`tickets/${tk.number}`, { followerIds: [w.agent.id] });
    await w.alice.client.patch(`tickets/${tk.number}`, { sharedWithIds: [w.bob.id] });
    const t0 = Date.now();
    const after = await reply('Now they may see it.');
    for (const s of [agent, bob]) await arrives(s, 'message.created', tk.number, t0);
    // Events come in order: the first reply, had it reached them, would be there first.
    for (const s of [agent, bob])
      expect(replies(s)).toEqual([{ type: 'message.created', number: tk.number, messageId: after.id }]);
    expect(before.id).not.toBe(after.id);
    for (const s of [agent, bob]) s.close();
  });

  it('a ticket.updated reaches the requester; a workspace never hears of another', async () => {
    const w = await ticketWorld(t);
    const other = await ticketWorld(t);
    const [alice, stranger] = await Promise.all(
      [w.alice.client, other.admin].map(async (c) => connected(await streamOf(c))),
    );
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const t0 = Date.now();
    expect((await w.agent.client.patch(`tickets/${tk.number}`, { priority: 'high' })).statusCode).toBe(200);
    await arrives(alice, 'ticket.updated', tk.number, t0);
    const marker = await openTicket(other.alice.client, { departmentId: other.support.id });
    await stranger.waitFor(of('ticket.created', marker.number));
    expect(ticketEvents(stranger)).toEqual([{ type: 'ticket.created', number: marker.number }]);
    alice.close();
    stranger.close();
  });

  it('500 open streams all get one event within a second, and leave the hub when closed', async () => {
    const w = await ticketWorld(t);
    const before = liveHubs.get(t.deps)?.size ?? 0;
    // Ten streams per person by default; this test is about one process's fan-out.
    t.deps.config.liveStreamsPerPerson = 500;
    const streams = await Promise.all(
      Array.from({ length: 500 }, async () => connected(await streamOf(w.agent.client))),
    ).finally(() => (t.deps.config.liveStreamsPerPerson = 10));
    const t0 = Date.now();
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const got = await Promise.all(streams.map((s) => s.waitFor(of('ticket.created', tk.number), 1000)));
    const slowest = Math.max(...got.map((e) => e.at)) - t0;
    expect(slowest).toBeLessThan(1000);
    expect(liveHubs.get(t.deps)!.size).toBe(before + 500);
    for (const s of streams) s.close();
    for (let i = 0; i < 40 && liveHubs.get(t.deps)!.size > before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(liveHubs.get(t.deps)!.size).toBe(before);
  }, 60_000);

  it('app.close() ends open streams instead of waiting for them', async () => {
    const t2 = await createTestApp();
    await t2.app.listen({ port: 0, host: '127.0.0.1' });
    const b2 = `http://127.0.0.1:${(t2.app.server.address() as AddressInfo).port}`;
    const w = await ticketWorld(t2);
    const s = await connected(await streamOf(w.agent.client, b2));
    const late = new Promise((_r, reject) =>
      setTimeout(() => reject(new Error('app.close() waited for the open stream')), 5000).unref(),
    );
    await Promise.race([t2.close(), late]);
    await s.ended(1000);
  });
});

describe('streams per person', () => {
  it("a person's eleventh stream is refused with a translated 429; others still connect, and a closed one frees a place", async () => {
    const w = await ticketWorld(t);
    const mine = await Promise.all(Array.from({ length: 10 }, async () => connected(await streamOf(w.agent.client))));
    const eleventh = await openSse(url(base), {
      cookie: `pk_session=${w.agent.client.s.cookie}`,
      'accept-language': 'fa',
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toBe('30');
    const body = JSON.parse(eleventh.body!) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/اتصال زنده/);
    // Someone else is not affected.
    const alice = await connected(await streamOf(w.alice.client));
    expect(alice.status).toBe(200);
    mine[0].close();
    await until(() => liveHubs.get(t.deps)!.heldBy({ workspaceId: w.workspaceId, userId: Number(w.agent.id) }) === 9);
    const again = await connected(await streamOf(w.agent.client));
    expect(again.status).toBe(200);
    for (const s of [...mine, alice, again]) s.close();
  });
});

describe('across processes on one PostgreSQL', () => {
  it('a change made here reaches a stream held by another server process within a second, and back', async () => {
    const w = await ticketWorld(t); // the workspace exists before the other process starts: it bootstraps nothing
    const port = randomPort();
    const other = `http://127.0.0.1:${port}`;
    const p = run('src/server/main.ts', {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-live-')),
      DEMO: 'false',
      WORKER: 'false',
      SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      await waitReady(p, `${other}/readyz`);
      const res = await fetch(`${other}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-workspace': w.slug },
        body: JSON.stringify({ login: w.agent.username, password: 'user-password-1' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0].split(';')[0];
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const there = await connected(await openSse(url(other), { cookie }));
      const here = await connected(await streamOf(w.alice.client));

      let t0 = Date.now();
      const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
      await arrives(there, 'ticket.created', tk.number, t0);

      // The agent replies through the other process; the customer's stream here hears of it.
      t0 = Date.now();
      const reply = await fetch(`${other}/api/v1/tickets/${tk.number}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ body: 'On our way.' }),
      });
      expect(reply.status).toBe(201);
      const e = await arrives(here, 'message.created', tk.number, t0);
      expect(e.data).toEqual({
        type: 'message.created',
        number: tk.number,
        messageId: ((await reply.json()) as { id: string }).id,
      });
      here.close();
      // SIGTERM with a stream still open: the process ends it and exits cleanly.
      await stop(p);
      expect(await p.exited).toBe(0);
      await there.ended(1000);
    } finally {
      await stop(p);
    }
  }, 120_000);
});
