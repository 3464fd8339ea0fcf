import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { EVENTS_CHANNEL, type LiveEvent } from '../tickets';
import { mayReceive, type LiveViewer } from './live-visibility';

/** One open stream: where to write, and whom it belongs to. */
export interface LiveSink {
  viewer: LiveViewer;
  /** Writes a chunk; returns the bytes still buffered for this client. */
  write(chunk: string): number;
  end(): void;
}

export interface HubOptions {
  maxConnections?: number;
  /** Streams one person may hold at once in this process; one more is refused (429). Read at each check. */
  maxPerPerson?: number | (() => number);
  heartbeatMs?: number;
  /** A stream ends after about this long; the client reconnects and its memberships are re-read. */
  maxAgeMs?: number;
  /** A client that lets this much pile up is not reading: it is dropped (and will reconnect). */
  maxBufferedBytes?: number;
}

export const HUB_DEFAULTS = {
  maxConnections: 5000,
  // Ten tabs or devices is generous; one person cannot take the process's 5,000 for themselves.
  maxPerPerson: 10,
  heartbeatMs: 25_000,
  maxAgeMs: 15 * 60_000,
  maxBufferedBytes: 256 * 1024,
};

const personKey = (v: Pick<LiveViewer, 'workspaceId' | 'userId'>) => `${v.workspaceId}:${v.userId}`;

/** The hub of each app's infrastructure, for tests and diagnostics. */
export const liveHubs = new WeakMap<object, LiveHub>();

/** The SSE frame of an event; the same bytes go to everyone who may see it. */
export function frameOf(e: LiveEvent): string {
  const data: Record<string, unknown> = { type: e.type, number: e.n };
  if ((e.type === 'message.created' || e.type === 'message.delivery') && e.m !== undefined)
    data.messageId = String(e.m);
  return `event: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Sent to every stream when the LISTEN connection comes back after it was lost: events of that
 * gap are gone, so clients refetch everything they show instead of staying silently stale.
 */
export const RESYNC_FRAME = `event: resync\ndata: ${JSON.stringify({ type: 'resync' })}\n\n`;

function parse(payload: string): LiveEvent | null {
  try {
    const e = JSON.parse(payload) as LiveEvent;
    return typeof e?.w === 'number' &&
      typeof e.n === 'number' &&
      typeof e.type === 'string' &&
      Array.isArray(e.a) &&
      Array.isArray(e.p)
      ? e
      : null;
  } catch {
    return null;
  }
}

/**
 * The live connections of one process and its one LISTEN on EVENTS_CHANNEL. Every NOTIFY —
 * from this process or any other on the same database — is matched in memory against the
 * connections of its workspace: no query per connection per event.
 */
export class LiveHub {
  private readonly byWorkspace = new Map<number, Map<LiveSink, number>>(); // sink → deadline
  private count = 0;
  private readonly perPerson = new Map<string, number>(); // `${workspaceId}:${userId}` → streams
  private listening: Promise<() => Promise<void>> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly o: Omit<typeof HUB_DEFAULTS, 'maxPerPerson'> & Pick<HubOptions, 'maxPerPerson'>;

  constructor(
    private readonly database: Pick<Database, 'listen'>,
    private readonly log: Logger,
    options: HubOptions = {},
  ) {
    this.o = { ...HUB_DEFAULTS, ...options };
  }

  get size() {
    return this.count;
  }

  /** How many streams this person holds in this process. */
  heldBy(viewer: Pick<LiveViewer, 'workspaceId' | 'userId'>): number {
    return this.perPerson.get(personKey(viewer)) ?? 0;
  }

  /**
   * Resolves once the LISTEN is in place, so that anything committed after a stream is
   * attached reaches it. Throws 429 when the process holds its maximum of streams, or the
   * person theirs.
   */
  async ready(viewer?: Pick<LiveViewer, 'workspaceId' | 'userId'>): Promise<void> {
    this.checkRoom(viewer);
    await this.ensureListening();
  }

  /**
   * Adds a stream; synchronous, so the caller can attach and send its first bytes with no
   * event slipping in between. Throws 429 when full (others may have attached since ready()).
   */
  attach(sink: LiveSink): () => void {
    this.checkRoom(sink.viewer);
    let set = this.byWorkspace.get(sink.viewer.workspaceId);
    if (!set) this.byWorkspace.set(sink.viewer.workspaceId, (set = new Map()));
    // Spread the deadlines so that streams opened together do not all reconnect together.
    set.set(sink, Date.now() + this.o.maxAgeMs * (0.75 + Math.random() * 0.5));
    this.count++;
    const person = personKey(sink.viewer);
    this.perPerson.set(person, (this.perPerson.get(person) ?? 0) + 1);
    this.timer ??= setInterval(() => this.sweep(), this.o.heartbeatMs).unref();
    return () => this.remove(sink);
  }

  private checkRoom(viewer?: Pick<LiveViewer, 'workspaceId' | 'userId'>) {
    // 429 rather than 503 'suspended', which clients read as "the workspace is suspended".
    if (this.closed) throw new AppError('rate_limited', { key: 'errors.live_closing' }, undefined, undefined, 5);
    if (this.count >= this.o.maxConnections)
      throw new AppError('rate_limited', { key: 'errors.live_full' }, undefined, undefined, 30);
    // The newest is refused rather than the oldest closed: a closed stream reconnects within
    // seconds, and eleven tabs would take turns throwing each other out for ever.
    const max = typeof this.o.maxPerPerson === 'function' ? this.o.maxPerPerson() : this.o.maxPerPerson!;
    if (viewer && this.heldBy(viewer) >= max)
      throw new AppError(
        'rate_limited',
        { key: 'errors.live_too_many_streams', params: { max } },
        undefined,
        undefined,
        30,
      );
  }

  private remove(sink: LiveSink) {
    const set = this.byWorkspace.get(sink.viewer.workspaceId);
    if (!set?.delete(sink)) return;
    this.count--;
    const person = personKey(sink.viewer);
    const held = (this.perPerson.get(person) ?? 1) - 1;
    if (held > 0) this.perPerson.set(person, held);
    else this.perPerson.delete(person);
    if (!set.size) this.byWorkspace.delete(sink.viewer.workspaceId);
    if (!this.count && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private ensureListening() {
    if (!this.listening) {
      this.listening = this.database.listen(
        EVENTS_CHANNEL,
        (payload) => this.dispatch(payload),
        () => this.resync(),
      );
      // A failed LISTEN (database down) fails this request; the next one tries again.
      this.listening.catch(() => (this.listening = null));
    }
    return this.listening;
  }

  /** Fans one NOTIFY payload out to the streams allowed to see it. */
  dispatch(payload: string) {
    const e = parse(payload);
    if (!e) return this.log.warn({ payload: payload.slice(0, 200) }, 'malformed live event ignored');
    const set = this.byWorkspace.get(e.w);
    if (!set) return;
    const frame = frameOf(e);
    for (const sink of set.keys()) if (mayReceive(sink.viewer, e)) this.send(sink, frame);
  }

  /** The LISTEN was lost and is back: every stream, of every workspace, refetches. */
  resync() {
    this.log.warn({ streams: this.count }, 'live events resumed after a gap; streams told to resync');
    for (const set of [...this.byWorkspace.values()]) for (const sink of [...set.keys()]) this.send(sink, RESYNC_FRAME);
  }

  private send(sink: LiveSink, chunk: string) {
    if (sink.write(chunk) > this.o.maxBufferedBytes) this.drop(sink);
  }

  private drop(sink: LiveSink) {
    this.remove(sink);
    sink.end();
  }

  /** Heartbeat for every stream (keeps proxies from timing it out) and the end of old ones. */
  private sweep() {
    const now = Date.now();
    for (const set of [...this.byWorkspace.values()]) {
      for (const [sink, deadline] of [...set]) {
        if (now >= deadline) this.drop(sink);
        else this.send(sink, ': ping\n\n');
      }
    }
  }

  /** Ends every stream and the LISTEN; the app's preClose calls it so that close() is not held up. */
  async close() {
    this.closed = true;
    for (const set of [...this.byWorkspace.values()]) for (const sink of [...set.keys()]) this.drop(sink);
    const listening = this.listening;
    this.listening = null;
    if (listening) await (await listening.catch(() => null))?.().catch(() => {});
  }
}
