import type { Browser } from 'playwright-core';
import { newPerson, type Person } from './browser';
import { ApiClient } from './server';

/** The screens the daily-use tests (issue 14) look at: a 1366×800 laptop and a 390×844 phone. */
export const DAILY_DESKTOP = { width: 1366, height: 800 };
export const DAILY_PHONE = { width: 390, height: 844 };

/**
 * `newPerson` on those screens, already signed in as `who` (through the API, the session shared
 * with the browser), waiting up to 30 s for elements (the daily-use pages load the editor lazily).
 */
export async function signedInPerson(
  browser: Browser,
  base: string,
  who: string,
  screen: 'desktop' | 'phone' = 'desktop',
): Promise<Person> {
  const viewport = screen === 'phone' ? DAILY_PHONE : DAILY_DESKTOP;
  const p = await newPerson(browser, base, screen, { viewport, timeout: 30_000 });
  await (await ApiClient.login(base, who)).shareWith(p.context);
  return p;
}
