import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newPerson, signIn, type Person } from './browser';
import { webEnv } from './flows';
import { startServer, type E2EServer } from './server';

/**
 * The set-up most page tests share: the demo server with the built web app, a browser and one
 * person signed in (by default sara, the demo's senior agent), all closed after the file.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function useSignedInWeb(login = 'sara') {
  const world = {} as { server: E2EServer; browser: Browser; person: Person };
  beforeAll(async () => {
    world.server = await startServer({ env: webEnv() });
    world.browser = await launchBrowser();
    world.person = await newPerson(world.browser, world.server.base);
    await signIn(world.person.page, login);
  });
  afterAll(async () => {
    await world.person?.context.close().catch(() => undefined);
    await world.browser?.close();
    await world.server?.stop();
  });
  return world;
}
