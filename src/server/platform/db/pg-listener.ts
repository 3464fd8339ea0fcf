import pg from 'pg';

/** The longest pause between two reconnection attempts: a restarted server is heard again within it. */
const MAX_RETRY_MS = 2_000;
const FIRST_RETRY_MS = 250;

interface Subscriber {
  onPayload: (payload: string) => void;
  onGap?: () => void;
}

/**
 * One dedicated PostgreSQL connection for LISTEN. If it drops (server restart, network), it
 * reconnects with backoff (at most 2 s apart) and listens again on every channel, so live
 * events resume by themselves instead of stopping silently. NOTIFYs sent while it was away are
 * lost: once listening again it calls every subscriber's `onGap`, so that they can resync.
 */
export function createPgListener(url: string, opts: { appName?: string; onError?: (err: Error) => void } = {}) {
  const onError = opts.onError ?? (() => {});
  const subscribers = new Map<string, Set<Subscriber>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let delay = FIRST_RETRY_MS;
  /** A connection was lost since the last one was up: the next one must report a gap. */
  let gap = false;

  const quote = (channel: string) => `"${channel.replace(/"/g, '')}"`;

  /** The live connection, or the one being made; several callers share one attempt. */
  function connect(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({
        connectionString: url,
        application_name: opts.appName ?? 'pishkhan-listen',
        keepAlive: true,
      });
      c.on('notification', (n) => subscribers.get(n.channel)?.forEach((s) => s.onPayload(n.payload ?? '')));
      c.on('error', (err) => {
        onError(err);
        lost(c);
      });
      c.on('end', () => lost(c));
      try {
        await c.connect();
        for (const channel of subscribers.keys()) await c.query(`LISTEN ${quote(channel)}`);
      } catch (err) {
        void c.end().catch(() => {});
        throw err;
      }
      if (closed) {
        void c.end().catch(() => {});
        throw new Error('Connection terminated: the listener is closed');
      }
      client = c;
      delay = FIRST_RETRY_MS;
      if (gap) {
        gap = false;
        for (const set of subscribers.values()) for (const s of set) s.onGap?.();
      }
      return c;
    })().finally(() => (connecting = null));
    return connecting;
  }

  function lost(c: pg.Client) {
    if (client !== c || closed) return;
    client = null;
    gap = true;
    scheduleRetry();
  }

  function scheduleRetry() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closed || client) return;
      connect().catch((err: Error) => {
        onError(err);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
        scheduleRetry();
      });
    }, delay);
    retryTimer.unref();
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void) {
      let set = subscribers.get(channel);
      const fresh = !set;
      if (!set) subscribers.set(channel, (set = new Set()));
      const sub: Subscriber = { onPayload, onGap };
      set.add(sub);
      const unsubscribe = async () => {
        set!.delete(sub);
      };
      try {
        const c = await connect();
        // A connection made after the channel was added listens on it already; twice is harmless.
        if (fresh) await c.query(`LISTEN ${quote(channel)}`);
      } catch (err) {
        // Not listening: this subscriber must not stay behind to be called twice after a retry.
        await unsubscribe();
        if (!set.size && subscribers.get(channel) === set) subscribers.delete(channel);
        throw err;
      }
      return unsubscribe;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}
