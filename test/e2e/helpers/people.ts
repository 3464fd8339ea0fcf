import type { Browser } from 'playwright-core';
import type { Person } from './browser';
import { ApiClient } from './server';

/** The screens the daily-use tests look at: the 1366×800 laptop and a 390×844 phone. */
export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * A person signed in (through the API, the session shared with the browser) in a fresh browser
 * context: a laptop or a phone (touch, mobile viewport), Tehran time, no animations. Uncaught page
 * errors are collected in `errors`.
 */
export async function signedInPerson(
  browser: Browser,
  base: string,
  who: string,
  screen: 'desktop' | 'phone' = 'desktop',
): Promise<Person> {
  const phone = screen === 'phone';
  const context = await browser.newContext({
    baseURL: base,
    viewport: phone ? PHONE : DESKTOP,
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    timezoneId: 'Asia/Tehran',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await (await ApiClient.login(base, who)).shareWith(context);
  return { context, page, errors };
}
