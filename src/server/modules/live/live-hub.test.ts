import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../platform/errors';
import type { LiveEvent } from '../tickets';
import { LiveHub, type LiveSink } from './live-hub';
import { mayReceive, type LiveViewer } from './live-visibility';

const ev = (over: Partial<LiveEvent> = {}): LiveEvent => ({
  type: 'ticket.updated',
  w: 1,
  n: 7,
  d: 10,
  r: 100,
  g: null,
  a: [],
  p: [],
  i: false,
  ...over,
});
const viewer = (over: Partial<LiveViewer> = {}): LiveViewer => ({
  workspaceId: 1,
  userId: 100,
  role: 'customer',
  seesAll: false,
  ticketAccess: true,
  departmentIds: new Set(),
  groupIds: new Set(),
  ...over,
});

describe('mayReceive mirrors visibleTo', () => {
  const agent = viewer({ userId: 5, role: 'agent', departmentIds: new Set([10]) });
  it.each([
    ['own ticket', viewer(), ev(), true],
    ['another workspace', viewer(), ev({ w: 2 }), false],
    ['someone else’s', viewer(), ev({ r: 101 }), false],
    ['internal, even own', viewer(), ev({ i: true }), false],
    ['a note, even on own ticket', viewer(), ev({ type: 'message.created', k: 'note', m: 1 }), false],
    ['a reply on own ticket', viewer(), ev({ type: 'message.created', k: 'reply', m: 1 }), true],
    [
      'the mail delivery of a reply on own ticket (staff only)',
      viewer(),
      ev({ type: 'message.delivery', k: 'reply', m: 1 }),
      false,
    ],
    ['ticket access off', viewer({ ticketAccess: false }), ev(), false],
    ['opened for one of my groups', viewer({ groupIds: new Set([3]) }), ev({ r: 101, g: 3 }), true],
    ['opened for another group', viewer({ groupIds: new Set([3]) }), ev({ r: 101, g: 4 }), false],
    ['shared with me', viewer(), ev({ r: 101, p: [100] }), true],
    ['customer never sees by department', viewer({ departmentIds: new Set([10]) }), ev({ r: 101 }), false],
  ])('customer: %s', (_name, v, e, expected) => expect(mayReceive(v, e)).toBe(expected));

  it.each([
    ['my department', agent, ev({ r: 101 }), true],
    ['a note in my department', agent, ev({ type: 'message.created', k: 'note', m: 1 }), true],
    ['a reply mailed in my department', agent, ev({ type: 'message.delivery', k: 'reply', m: 1 }), true],
    ['internal in my department', agent, ev({ i: true }), true],
    ['another department', agent, ev({ d: 11 }), false],
    ['assigned to me elsewhere', agent, ev({ d: 11, a: [5] }), true],
    ['following elsewhere', agent, ev({ d: 11, p: [5] }), true],
    ['requested by me elsewhere', agent, ev({ d: 11, r: 5 }), true],
    ['view_all or admin', viewer({ userId: 5, role: 'agent', seesAll: true }), ev({ d: 99 }), true],
    ['view_all, other workspace', viewer({ userId: 5, role: 'admin', seesAll: true }), ev({ w: 2 }), false],
  ])('agent: %s', (_name, v, e, expected) => expect(mayReceive(v, e)).toBe(expected));
});

function fakeDb() {
  let handler: ((p: string) => void) | null = null;
  let gap: (() => void) | undefined;
  const unlisten = vi.fn(async () => {});
  return {
    listen: vi.fn(
      async (_c: string, h: (p: string) => void, onGap?: () => void) => ((handler = h), (gap = onGap), unlisten),
    ),
    notify: (e: unknown) => handler!(typeof e === 'string' ? e : JSON.stringify(e)),
    /** The LISTEN connection was lost and is back. */
    gap: () => gap!(),
    unlisten,
  };
}

function sink(v: Partial<LiveViewer> = {}, buffered = 0): LiveSink & { chunks: string[]; ended: boolean } {
  const s = {
    viewer: viewer(v),
    chunks: [] as string[],
    ended: false,
    write: (c: string) => (s.chunks.push(c), buffered),
    end: () => void (s.ended = true),
  };
  return s;
}

const log = pino({ level: 'silent' });
const add = async (hub: LiveHub, s: LiveSink) => (await hub.ready(), hub.attach(s));
afterEach(() => vi.useRealTimers());

describe('LiveHub', () => {
  it('listens once, lazily, and fans an event out only to those who may see it', async () => {
    const db = fakeDb();
    const hub = new LiveHub(db, log);
    expect(db.listen).not.toHaveBeenCalled();
    const mine = sink();
    const other = sink({ userId: 101 });
    const elsewhere = sink({ workspaceId: 2 });
    for (const s of [mine, other, elsewhere]) await add(hub, s);
    expect(db.listen).toHaveBeenCalledTimes(1);
    db.notify(ev({ type: 'message.created', k: 'reply', m: 42 }));
    expect(mine.chunks).toEqual([
      'event: message.created\ndata: {"type":"message.created","number":7,"messageId":"42"}\n\n',
    ]);
    expect(other.chunks).toEqual([]);
    expect(elsewhere.chunks).toEqual([]);
    db.notify('not json');
    db.notify({ hello: 1 });
    expect(mine.chunks).toHaveLength(1);
    await hub.close();
  });

  it('after the LISTEN connection came back, tells every stream of every workspace to resync', async () => {
    const db = fakeDb();
    const hub = new LiveHub(db, log);
    const customer = sink();
    const elsewhere = sink({ workspaceId: 2, role: 'agent', seesAll: true });
    for (const s of [customer, elsewhere]) await add(hub, s);
    db.gap();
    const resync = 'event: resync\ndata: {"type":"resync"}\n\n';
    expect(customer.chunks).toEqual([resync]);
    expect(elsewhere.chunks).toEqual([resync]);
    await hub.close();
  });

  it('refuses beyond its maximum with a translated 429, and makes room when one leaves', async () => {
    const hub = new LiveHub(fakeDb(), log, { maxConnections: 2 });
    const remove = await add(hub, sink());
    await add(hub, sink());
    const err = await add(hub, sink()).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.msg.key]).toEqual([429, 'errors.live_full']);
    remove();
    remove(); // twice is harmless
    expect(hub.size).toBe(1);
    await add(hub, sink());
    await hub.close();
  });

  it("refuses a person's eleventh stream (ten by default) with a translated 429, not anyone else's", async () => {
    const hub = new LiveHub(fakeDb(), log);
    const removers = [];
    for (let i = 0; i < 10; i++) removers.push(await add(hub, sink()));
    expect(hub.heldBy({ workspaceId: 1, userId: 100 })).toBe(10);
    // ready() refuses before waiting for anything; attach() refuses too (two tabs racing).
    const err = await hub.ready(viewer()).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.msg.key, err.msg.params, err.retryAfter]).toEqual([
      429,
      'errors.live_too_many_streams',
      { max: 10 },
      30,
    ]);
    expect(() => hub.attach(sink())).toThrow(AppError);
    // The same user id in another workspace, and another person, are not affected.
    await add(hub, sink({ workspaceId: 2 }));
    await add(hub, sink({ userId: 101 }));
    removers[0]();
    removers[0]();
    expect(hub.heldBy({ workspaceId: 1, userId: 100 })).toBe(9);
    await add(hub, sink());
    expect(hub.size).toBe(12);
    await hub.close();
    expect(hub.heldBy({ workspaceId: 1, userId: 100 })).toBe(0);
  });

  it('re-checks the room at attach(): two streams that passed ready() together do not both get in', async () => {
    const hub = new LiveHub(fakeDb(), log, { maxConnections: 1 });
    await Promise.all([hub.ready(), hub.ready()]);
    hub.attach(sink());
    expect(() => hub.attach(sink())).toThrow(AppError);
    expect(hub.size).toBe(1);
    await hub.close();
  });

  it('pings every heartbeat, ends streams past their age, drops clients that stop reading', async () => {
    vi.useFakeTimers();
    const hub = new LiveHub(fakeDb(), log, { heartbeatMs: 1000, maxAgeMs: 10_000, maxBufferedBytes: 100 });
    const ok = sink();
    await add(hub, ok);
    vi.advanceTimersByTime(1000);
    expect(ok.chunks).toEqual([': ping\n\n']);
    const stuck = sink({}, 1000);
    await add(hub, stuck);
    vi.advanceTimersByTime(1000);
    expect(stuck.ended).toBe(true);
    expect(hub.size).toBe(1);
    vi.advanceTimersByTime(12_500); // 1.25 × the maximum age at most
    expect(ok.ended).toBe(true);
    expect(hub.size).toBe(0);
    await hub.close();
  });

  it('close() ends every stream, unlistens and refuses new ones', async () => {
    const db = fakeDb();
    const hub = new LiveHub(db, log);
    const s = sink();
    await add(hub, s);
    await hub.close();
    expect(s.ended).toBe(true);
    expect(db.unlisten).toHaveBeenCalledTimes(1);
    await expect(add(hub, sink())).rejects.toBeInstanceOf(AppError);
  });

  it('a failed LISTEN fails that stream only; the next one tries again', async () => {
    const db = fakeDb();
    db.listen.mockRejectedValueOnce(new Error('down'));
    const hub = new LiveHub(db, log);
    await expect(add(hub, sink())).rejects.toThrow('down');
    await add(hub, sink());
    expect(db.listen).toHaveBeenCalledTimes(2);
    await hub.close();
  });
});
