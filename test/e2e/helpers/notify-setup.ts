import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, type Person } from './browser';
import { overflow, softA11y, webEnv } from './flows';
import { signedInPerson } from './people';
import { ApiClient, startServer, type E2EServer } from './server';

/** What the notification browser tests (notifications, notifications-sms) share: one server each. */

export interface NotifyWorld {
  server: E2EServer;
  browser: Browser;
  admin: ApiClient;
  /** axe checks of the test; any violation fails it afterwards. */
  a11y: ReturnType<typeof softA11y>;
  /** A browser signed in as `who`, in Persian whatever an earlier test left on the account. */
  person(who: string, screen?: 'desktop' | 'phone'): Promise<Person>;
}

/**
 * One real server on the demo data, one browser and the admin's API client for a test file,
 * closed after it (with every browser `person` opened); axe violations asserted after each test.
 * A file's own beforeAll, registered after this call, runs after this one.
 */
export function useNotifyWorld(): NotifyWorld {
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());
  const w = {
    a11y,
    async person(who: string, screen: 'desktop' | 'phone' = 'desktop') {
      // Each test starts in Persian, whatever an earlier one left on the account.
      await (await ApiClient.login(w.server.base, who)).patch('/me', { locale: 'fa' });
      const p = await signedInPerson(w.browser, w.server.base, who, screen);
      people.push(p);
      return p;
    },
  } as NotifyWorld;
  beforeAll(async () => {
    w.server = await startServer({ env: webEnv() });
    w.browser = await launchBrowser();
    w.admin = await ApiClient.login(w.server.base, 'admin');
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await w.browser?.close();
    await w.server?.stop();
  });
  return w;
}

/** The page fits the phone's width (nothing sticks out sideways). */
export async function fits(page: Page, what: string) {
  const o = await overflow(page);
  expect(o.by, `${what} is ${o.by}px too wide: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(1);
}
