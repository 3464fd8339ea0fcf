import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import { setLang, settled, shotFromTop, shotViewport, tr, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * Bidi-safe user text (issue 14, point 4). A Persian subject that mixes in Latin words and digits,
 * and an English one that mixes in Persian words, must read in their own order whatever the
 * language of the interface: the element that shows them takes the direction its text needs
 * (dir="auto" or <bdi>), never the page's. Checked by where the words land on screen: the
 * left-to-right x positions of the words must be the order a reader of that text expects
 * (Persian runs right to left, Latin runs left to right, the runs themselves in the text's
 * direction), in the English and the Persian interface, on the agent's ticket list and ticket
 * page and on the customer's list and ticket page.
 */

const PERSIAN = 'خطای VPN در نسخهٔ 4.2 برطرف نشد';
const ENGLISH = 'Cannot open فاکتور فروش in Chrome 120';

type Dir = 'ltr' | 'rtl';
type Cls = 'L' | 'R' | 'N';
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F]/;
const cls = (word: string): Cls => (RTL_LETTER.test(word) ? 'R' : LTR_LETTER.test(word) ? 'L' : 'N');
/** The direction of a text: that of its first strong letter (what dir="auto" picks). */
const baseDir = (text: string): Dir =>
  text
    .split(/\s+/)
    .map(cls)
    .find((c) => c !== 'N') === 'R'
    ? 'rtl'
    : 'ltr';

/**
 * The words of one line in the left-to-right order they must appear on screen when the line is
 * laid out in `base` direction: runs of same-script words (a number belongs to the run before
 * it, as the Unicode bidi algorithm places it) go in the base direction, Persian runs read right
 * to left inside, Latin runs left to right.
 */
function expectedVisualOrder(words: string[], base: Dir): string[] {
  const runs: Array<{ cls: Cls; words: string[] }> = [];
  let last: Cls = base === 'rtl' ? 'R' : 'L';
  for (const w of words) {
    const c: Cls = cls(w) === 'N' ? last : cls(w);
    last = c;
    if (runs.at(-1)?.cls === c) runs.at(-1)!.words.push(w);
    else runs.push({ cls: c, words: [w] });
  }
  const inRun = (r: { cls: Cls; words: string[] }) => (r.cls === 'R' ? [...r.words].reverse() : r.words);
  return (base === 'rtl' ? [...runs].reverse() : runs).flatMap(inRun);
}

interface Measured {
  /** The computed CSS direction of the element holding the text. */
  direction: string;
  /** Each word of the text with its box on screen. */
  words: Array<{ word: string; left: number; right: number; top: number }>;
}

/**
 * Finds `text` in the text nodes under `scope` and measures each of its words with a DOM Range
 * (the text's own glyphs, not its element's box). Fails when the text is not in one text node.
 */
async function measure(scope: Locator, text: string): Promise<Measured> {
  const found = await scope.evaluate((root, text) => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- page code: no DOM types in this project */
    const doc = (globalThis as any).document;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.data as string).indexOf(text);
      if (at < 0) continue;
      const words: Array<{ word: string; left: number; right: number; top: number }> = [];
      for (const m of text.matchAll(/\S+/g)) {
        const range = doc.createRange();
        range.setStart(node, at + m.index);
        range.setEnd(node, at + m.index + m[0].length);
        const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
        words.push({ word: m[0], left: r.left, right: r.right, top: r.top });
      }
      const direction = (globalThis as any).getComputedStyle(node.parentElement).direction as string;
      return { direction, words };
    }
    return null;
    /* eslint-enable @typescript-eslint/no-explicit-any */
  }, text);
  if (!found) throw new Error(`"${text}" is not in one text node under ${String(scope)}`);
  return found;
}

/**
 * Checks one place: the holder's direction is the text's own, and on every line the words stand
 * in the order a reader of the text expects. Returns the problems found (empty when right).
 */
async function checkOrder(scope: Locator, text: string, where: string): Promise<string[]> {
  await scope.first().waitFor();
  const m = await measure(scope.first(), text);
  const base = baseDir(text);
  const problems: string[] = [];
  if (m.direction !== base)
    problems.push(`${where}: "${text}" is held by an element of direction ${m.direction}, its text needs ${base}`);
  // Lines: words whose tops are within a few pixels; a wrapped subject is reordered line by line.
  const lines: Array<typeof m.words> = [];
  for (const w of m.words) {
    const line = lines.find((l) => Math.abs(l[0].top - w.top) < 4);
    if (line) line.push(w);
    else lines.push([w]);
  }
  for (const line of lines) {
    const logical = line.map((w) => w.word);
    const onScreen = [...line].sort((a, b) => a.left + a.right - (b.left + b.right)).map((w) => w.word);
    const expected = expectedVisualOrder(logical, base);
    if (onScreen.join(' ') !== expected.join(' '))
      problems.push(
        `${where}: the words of "${text}" stand left to right as [${onScreen.join(' | ')}], a reader expects [${expected.join(' | ')}]`,
      );
  }
  return problems;
}

describe('bidi: user text reads in its own direction in either interface language', () => {
  let server: E2EServer;
  let browser: Browser;
  const people: Person[] = [];
  const tickets: Record<'fa' | 'en', number> = { fa: 0, en: 0 };

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    const ali = await ApiClient.login(server.base, 'ali');
    const deps = await ali.get<{ items: Array<{ id: string }> }>('/departments');
    for (const [key, subject] of [
      ['fa', PERSIAN],
      ['en', ENGLISH],
    ] as const) {
      const t = await ali.post<{ number: number }>('/tickets', {
        subject,
        body: `<p>${subject}</p>`,
        departmentId: deps.items[0].id,
      });
      tickets[key] = t.number;
    }
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(who: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const p = await newPerson(browser, server.base, screen);
    p.context.setDefaultTimeout(30_000);
    if (screen === 'desktop') await p.page.setViewportSize({ width: 1366, height: 800 });
    people.push(p);
    await (await ApiClient.login(server.base, who)).shareWith(p.context);
    return p.page;
  }

  it('the model of the expected order tells the two directions apart for both subjects', () => {
    for (const text of [PERSIAN, ENGLISH]) {
      const words = text.split(' ');
      expect(expectedVisualOrder(words, 'rtl')).not.toEqual(expectedVisualOrder(words, 'ltr'));
    }
    expect(baseDir(PERSIAN)).toBe('rtl');
    expect(baseDir(ENGLISH)).toBe('ltr');
    // The Persian subject in its own direction, read from the right: خطای, VPN, در, نسخهٔ, 4.2, برطرف, نشد.
    expect(expectedVisualOrder(PERSIAN.split(' '), 'rtl')).toEqual([
      'نشد',
      'برطرف',
      '4.2',
      'نسخهٔ',
      'در',
      'VPN',
      'خطای',
    ]);
    expect(expectedVisualOrder(ENGLISH.split(' '), 'ltr')).toEqual([
      'Cannot',
      'open',
      'فروش',
      'فاکتور',
      'in',
      'Chrome',
      '120',
    ]);
  });

  it('the product’s name is the top bar’s title, not an entry of the navigation (desktop and phone drawer)', async () => {
    const names = [tr('fa', 'app.name'), tr('en', 'app.name')];
    for (const who of ['sara', 'ali']) {
      for (const screen of ['desktop', 'phone'] as const) {
        const page = await signedIn(who, screen);
        await page.goto('/');
        await page.locator('main h1').first().waitFor();
        for (const lang of ['fa', 'en'] as Lang[]) {
          await setLang(page, lang);
          const nav = page.getByRole('navigation', { name: tr(lang, 'nav.main') });
          if (screen === 'phone') await page.getByRole('button', { name: tr(lang, 'nav.openMenu') }).click();
          await nav.getByRole('link').first().waitFor();
          const entries = (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
          expect(entries).toContain(tr(lang, 'nav.dashboard'));
          for (const name of names)
            expect(
              entries.filter((e) => e.includes(name)),
              `${who} ${screen} ${lang}: ${entries.join(', ')}`,
            ).toEqual([]);
          await shotViewport(page, `bidi-nav-${who}-${lang}-${screen}`);
          if (screen === 'phone') {
            await page.keyboard.press('Escape');
            await nav.waitFor({ state: 'hidden' });
          }
        }
      }
    }
  });

  for (const screen of ['desktop', 'phone'] as const) {
    it(`agent (${screen}): the ticket list and the ticket page header`, async () => {
      const page = await signedIn('sara', screen);
      const problems: string[] = [];
      for (const lang of ['en', 'fa'] as Lang[]) {
        await page.goto('/agent/tickets?sort=-created');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await settled(page);
        for (const text of [PERSIAN, ENGLISH]) {
          const holder = page.locator('main').getByRole('link', { name: text }).first();
          problems.push(...(await checkOrder(holder, text, `agent list, ${lang}, ${screen}`)));
        }
        await shotFromTop(page, `bidi-agent-list-${lang}-${screen}`);
        for (const [key, text] of [
          ['fa', PERSIAN],
          ['en', ENGLISH],
        ] as const) {
          await page.goto(`/agent/tickets/${tickets[key]}`);
          await settled(page);
          problems.push(...(await checkOrder(page.locator('main h1'), text, `agent ticket page, ${lang}, ${screen}`)));
          await shotFromTop(page, `bidi-agent-ticket-${key}-subject-${lang}-${screen}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it(`customer (${screen}): the list of my tickets and the ticket page`, async () => {
      const page = await signedIn('ali', screen);
      const problems: string[] = [];
      for (const lang of ['en', 'fa'] as Lang[]) {
        await page.goto('/portal/tickets?sort=-created');
        await page.locator('main h1').first().waitFor();
        await setLang(page, lang);
        await settled(page);
        for (const text of [PERSIAN, ENGLISH]) {
          const holder = page.getByTestId('ticket-row').filter({ hasText: text }).first();
          problems.push(...(await checkOrder(holder, text, `customer list, ${lang}, ${screen}`)));
        }
        await shotFromTop(page, `bidi-customer-list-${lang}-${screen}`);
        for (const [key, text] of [
          ['fa', PERSIAN],
          ['en', ENGLISH],
        ] as const) {
          await page.goto(`/portal/tickets/${tickets[key]}`);
          await settled(page);
          problems.push(
            ...(await checkOrder(page.locator('main h1'), text, `customer ticket page, ${lang}, ${screen}`)),
          );
          await shotFromTop(page, `bidi-customer-ticket-${key}-subject-${lang}-${screen}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
