import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import en from '../../../src/web/ui/i18n/en.json';
import fa from '../../../src/web/ui/i18n/fa.json';
import { checkA11y, htmlLangDir, SCREENSHOTS, shot, type A11yOptions } from './browser';

/**
 * Small helpers for the ticket flow tests (ticket-flow, collision, bulk): UI texts from the
 * translation files, MUI selects, the language switch, the live stream, a real PNG file.
 */

export type Lang = 'fa' | 'en';
const DICTS: Record<Lang, unknown> = { fa, en };

/**
 * The web app built for these tests: E2E_WEB_DIR (a private `vite build --outDir`) when set,
 * else the server's default dist/web (what `npm test` builds).
 */
export const webEnv = (): Record<string, string> =>
  process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {};

/**
 * A UI text as i18next renders it: `key` with {{var}} filled in; with `count` the _one/_other
 * plural form. Throws on a missing key so a renamed text fails loudly instead of matching nothing.
 */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const find = (k: string) =>
    k
      .split('.')
      .reduce<unknown>(
        (o, part) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[part] : undefined),
        DICTS[lang],
      );
  const plural =
    'count' in vars
      ? (find(`${key}_${new Intl.PluralRules(lang).select(Number(vars.count))}`) ?? find(`${key}_other`))
      : undefined;
  const text = plural ?? find(key);
  if (typeof text !== 'string') throw new Error(`No text "${key}" in ${lang}.json`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** Persian digits, as the app shows numbers in Persian. */
export const faDigits = (s: string | number) => String(s).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

/** Opens a MUI (non-native) select through its combobox and picks the option with this exact name. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const combo = (await select.getAttribute('role')) === 'combobox' ? select : select.getByRole('combobox');
  await combo.click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  // A multiple select stays open: close it like a person would.
  if (await listbox.isVisible().catch(() => false)) await page.keyboard.press('Escape');
  // Detached, not just hidden: the menu fades out and would otherwise show in a screenshot.
  await listbox.waitFor({ state: 'detached' });
}

/**
 * A full-page screenshot from the top: scrolled, the fixed top bar would be drawn in the middle
 * of the picture. Focus stays where it was.
 */
export async function shotFromTop(page: Page, name: string): Promise<string> {
  await page.evaluate('window.scrollTo(0, 0)');
  return shot(page, name);
}

/** A screenshot of what the screen shows now (for dialogs, whose backdrop covers only the viewport). */
export async function shotViewport(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Switches the interface language with the top bar's button (no-op when already there). */
export async function switchLanguage(page: Page, to: Lang): Promise<void> {
  if ((await htmlLangDir(page)).lang === to) return;
  // Signed in, the choice is saved on the account (PATCH /me): wait for it, so a reload that
  // follows does not race it and come back in the old language.
  const signedIn = await page.getByTestId('account-menu').isVisible();
  const saved = signedIn
    ? page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH')
    : null;
  await page.getByTestId('language-switch').click();
  if (saved && (await saved).status() !== 200)
    throw new Error(`saving the language ${to} failed: ${(await saved).status()}`);
  await page.waitForFunction(
    (lang) =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang ===
      lang,
    to,
  );
}

/** Resolves once the page's live stream (SSE) is connected; call before the navigation that opens it. */
export function liveStreamConnected(page: Page): Promise<Response> {
  return page.waitForResponse((r) => r.url().includes('/api/v1/events/stream') && r.status() === 200, {
    timeout: 30_000,
  });
}

/** Marks the current document; `sameDocument` later tells whether the page was reloaded meanwhile. */
export const markDocument = (page: Page) => page.evaluate('window.__e2eMark = true');
export const sameDocument = (page: Page) => page.evaluate('window.__e2eMark === true') as Promise<boolean>;

/** The rich editor's editing area (TipTap), by its accessible name. */
export const richEditor = (scope: Page | Locator, label: string) =>
  scope.getByRole('textbox', { name: label, exact: true });

/** Types into the rich editor and waits until the text is in it. */
export async function typeInEditor(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.pressSequentially(text, { delay: 5 });
  await editor.filter({ hasText: text }).waitFor();
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG of `size`×`size` pixels, a colour gradient (so it is not all one byte). */
export function pngBytes(size = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set([(x * 255) / size, (y * 255) / size, 160], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * axe checks that do not stop the test at the first violation: each is collected, so the rest
 * of a flow still runs (and its other assertions still count); `assertNone()` at the end (e.g.
 * in afterEach) fails with every violation found.
 */
export function softA11y() {
  const problems: string[] = [];
  return {
    problems,
    async check(page: Page, label: string, options?: A11yOptions): Promise<void> {
      await checkA11y(page, label, options).catch((err: Error) => problems.push(err.message));
    },
    assertNone(): void {
      const all = problems.splice(0);
      if (all.length) throw new Error(all.join('\n\n'));
    },
  };
}

/** Switches the app to `lang` with the top bar's switch (if it is not in it already). */
export async function setLang(page: Page, lang: Lang): Promise<void> {
  if ((await htmlLangDir(page)).lang === lang) return;
  await page.getByTestId('language-switch').click();
  await expect.poll(async () => (await htmlLangDir(page)).lang).toBe(lang);
}

/** The page's heading is there and nothing on it is still loading (skeletons, busy lists, the lazy editor). */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"], .MuiSkeleton-root').count(), { timeout: 15_000 }).toBe(0);
}

/**
 * How far the page is wider than the screen (0 when it fits), and the widest elements that stick
 * out of it, to name the culprit when it does not fit. Measured against the screen's width, not
 * window.innerWidth: a phone (isMobile) zooms out to show a page that is too wide, and then
 * innerWidth grows with it and the page would always seem to fit.
 */
export async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  const width = page.viewportSize()!.width;
  return page.evaluate(`((width) => {
    const by = document.scrollingElement.scrollWidth - width;
    const culprits = by <= 1 ? [] : [...document.querySelectorAll('body *')]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.right > width + 1 || r.left < -1))
      .sort((a, b) => b.r.width - a.r.width)
      .slice(0, 6)
      .map(({ e, r }) => e.tagName.toLowerCase() + (e.getAttribute('data-testid') ? '[data-testid=' + e.getAttribute('data-testid') + ']' : '') + '.' + String(e.className).split(' ').slice(0, 2).join('.') + ' ' + Math.round(r.left) + '…' + Math.round(r.right));
    return { by, culprits };
  })(${width})`);
}
