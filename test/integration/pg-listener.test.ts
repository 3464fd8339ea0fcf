import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgListener } from '../../src/server/platform/db/pg-listener';

const url = () => process.env.TEST_DATABASE_URL!;
const appName = `pk-listen-test-${process.pid}`;
const listener = createPgListener(url(), { appName });
afterAll(() => listener.close());

async function notify(channel: string, payload: string) {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  await c.query('select pg_notify($1, $2)', [channel, payload]);
  await c.end();
}

async function waitFor<T>(read: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the LISTEN connection', () => {
  it('delivers notifications and comes back by itself after its connection is killed', async () => {
    const got: string[] = [];
    let gaps = 0;
    await listener.listen(
      'pk_listener_test',
      (p) => got.push(p),
      () => gaps++,
    );
    await notify('pk_listener_test', 'one');
    await waitFor(() => (got.includes('one') ? true : undefined));

    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [appName],
    );
    expect(killed.rowCount).toBe(1);
    // Keep notifying until the reconnected listener hears one: it must come back on its own.
    await waitFor(() => {
      void notify('pk_listener_test', 'two').catch(() => {});
      return got.includes('two') ? true : undefined;
    });
    // What was sent while it was away is lost: the subscriber is told so, once.
    expect(gaps).toBe(1);
    const back = await admin.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [
      appName,
    ]);
    expect(back.rows[0].n).toBe(1);
    await admin.end();
  }, 30_000);
});
