import pg from 'pg';

/**
 * One dedicated PostgreSQL connection for LISTEN. If it drops (server restart, network), it
 * reconnects with backoff and listens again on every channel, so live events resume by
 * themselves instead of stopping silently.
 */
export function createPgListener(url: string, opts: { appName?: string; onError?: (err: Error) => void } = {}) {
  const onError = opts.onError ?? (() => {});
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let delay = 500;

  const quote = (channel: string) => `"${channel.replace(/"/g, '')}"`;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url, application_name: opts.appName ?? 'pishkhan-listen' });
    c.on('notification', (n) => handlers.get(n.channel)?.forEach((h) => h(n.payload ?? '')));
    c.on('error', (err) => {
      onError(err);
      lost(c);
    });
    c.on('end', () => lost(c));
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${quote(channel)}`);
    delay = 500;
    return c;
  }

  function lost(c: pg.Client) {
    if (client !== c || closed) return;
    client = null;
    const retry = () => {
      if (closed) return;
      connecting = connect()
        .then((fresh) => (client = fresh))
        .catch((err) => {
          onError(err);
          delay = Math.min(delay * 2, 30_000);
          setTimeout(retry, delay).unref();
          throw err;
        })
        .finally(() => (connecting = null));
      connecting.catch(() => {});
    };
    setTimeout(retry, delay).unref();
  }

  async function ready(): Promise<pg.Client> {
    if (client) return client;
    if (!connecting)
      connecting = connect()
        .then((c) => (client = c))
        .finally(() => (connecting = null));
    return connecting;
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void) {
      let set = handlers.get(channel);
      const fresh = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onPayload);
      const c = await ready();
      if (fresh) await c.query(`LISTEN ${quote(channel)}`);
      return async () => {
        set!.delete(onPayload);
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
