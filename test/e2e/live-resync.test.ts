import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/pg-global-setup';
import { launchBrowser, newPerson, signIn, type Person } from './helpers/browser';
import { liveStreamConnected, markDocument, sameDocument, settled, webEnv } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * No screen stays silently stale after the server lost its LISTEN connection: a change that
 * no live event announced (written straight into the database) appears on an open ticket list
 * once the connection is back, because the server sends `resync` and the app refetches all.
 */
describe('live updates after a gap', () => {
  let server: E2EServer;
  let browser: Browser;
  let sara: Person;

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    sara = await newPerson(browser, server.base);
  });
  afterAll(async () => {
    await sara?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('a resync after the LISTEN connection came back refreshes the open ticket list', async () => {
    const api = await ApiClient.login(server.base, 'sara');
    // The newest ticket of the center's default queue (open and pending: the demo's newest may be closed).
    const page = await api.get<{ items: Array<{ number: number; subject: string }> }>('/tickets', {
      sort: '-created',
      status: 'active,pending',
      pageSize: 1,
    });
    const { number, subject } = page.items[0];

    const live = liveStreamConnected(sara.page);
    await signIn(sara.page, 'sara');
    await sara.page.goto('/agent/tickets?sort=-created');
    await settled(sara.page);
    await live;
    const row = sara.page.getByTestId(`ticket-row-${number}`);
    await expect.poll(() => row.textContent()).toContain(subject);
    await markDocument(sara.page);

    const db = new pg.Client({ connectionString: testDatabaseUrl(server.database) });
    await db.connect();
    try {
      // Written behind the server's back: no NOTIFY, so no live event will tell anyone.
      const changed = `${subject} (changed while nobody listened)`;
      await db.query('update tickets set subject = $1 where number = $2', [changed, number]);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await row.textContent()).not.toContain(changed);

      // The server's LISTEN connection drops (as in a database restart) and comes back by itself.
      const killed = await db.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name = 'pishkhan-listen'`,
      );
      expect(killed.rowCount).toBe(1);
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(changed);
      expect(await sameDocument(sara.page)).toBe(true); // refetched, not reloaded
      expect(sara.errors).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
