import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startDovecot, type Dovecot } from '../../helpers/dovecot';
import { launchBrowser, newPerson, type Person } from './browser';
import { webEnv } from './flows';
import { ApiClient, startServer, type E2EServer } from './server';

/** What the mail browser tests share: mails as files, MUI selects in dialogs, one server each. */

export interface ListOf<T> {
  items: T[];
  total: number;
}
export interface Mailbox {
  id: string;
  address: string;
  status: { lastError: string | null; lastFetchAt: string | null };
}

/** A plain-text e-mail as a mail program saves it (CRLF lines, encoded-word headers). */
export function eml(o: { from: string; subject: string; messageId: string; body: string; noFrom?: boolean }): Buffer {
  const word = (s: string) =>
    /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
  const headers = [
    ...(o.noFrom ? [] : [`From: ${o.from}`]),
    'To: support@demo.pishkhan.local',
    `Subject: ${word(o.subject)}`,
    `Message-ID: ${o.messageId}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${Buffer.from(o.body, 'utf8').toString('base64')}\r\n`);
}

/**
 * Picks an option of a (single) MUI select inside a dialog. Unlike chooseOption it never
 * presses Escape to close the menu: in a dialog, that would close the dialog.
 */
export async function pickOption(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await select.getByRole('combobox').click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

/** The page is no wider than a 360 px phone. */
export async function fitsPhone(page: Page, what: string) {
  const overflow =
    ((await page.evaluate('document.scrollingElement.scrollWidth')) as number) - page.viewportSize()!.width;
  expect(overflow, `${what} is ${overflow}px wider than a 360px phone`).toBeLessThanOrEqual(1);
}

export interface MailWorld {
  server: E2EServer;
  browser: Browser;
  admin: ApiClient;
  /** A temp dir for .eml files, removed afterwards. */
  tmp: string;
  /** A private Dovecot (IMAP) whose CA the server trusts, when asked for. */
  dovecot: Dovecot | null;
  /** A browser already signed in as `who` (the API session is handed over). */
  signedIn(who: string, screen?: 'desktop' | 'phone'): Promise<Person>;
}

/**
 * One real server on the demo data, one browser and the admin's API client for a test file;
 * with `dovecot`, a private Dovecot too (its absence fails the file, naming the Debian packages).
 */
export function useMailWorld(opts: { dovecot?: boolean } = {}): MailWorld {
  const people: Person[] = [];
  const w = {
    dovecot: null,
    async signedIn(who: string, screen: 'desktop' | 'phone' = 'desktop') {
      const p = await newPerson(w.browser, w.server.base, screen);
      p.context.setDefaultTimeout(30_000);
      people.push(p);
      await (await ApiClient.login(w.server.base, who)).shareWith(p.context);
      return p;
    },
  } as unknown as MailWorld;
  beforeAll(async () => {
    w.tmp = mkdtempSync(join(tmpdir(), 'pishkhan-mail-e2e-'));
    const env: Record<string, string> = { ...webEnv() };
    if (opts.dovecot) {
      w.dovecot = await startDovecot({ users: [{ user: 'e2ebox', password: 'e2e-secret' }] });
      writeFileSync(join(w.tmp, 'ca.pem'), w.dovecot.caCertPem);
      env.MAIL_TLS_CA_FILE = join(w.tmp, 'ca.pem');
    }
    w.server = await startServer({ env });
    w.browser = await launchBrowser();
    w.admin = await ApiClient.login(w.server.base, 'admin');
  }, 180_000);
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await w.browser?.close();
    await w.server?.stop();
    await w.dovecot?.stop();
    if (w.tmp) rmSync(w.tmp, { recursive: true, force: true });
  });
  return w;
}
