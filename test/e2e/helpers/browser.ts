import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Browser tests drive the Debian chromium package through playwright-core (no browser download):
 * one browser per test file, one fresh context (cookies, storage) per person.
 */

// Callbacks given to page.evaluate run in the page. The project's TypeScript setup has no DOM
// types (adding lib "dom" globally changes Node's own types), so the page globals they touch are
// declared here, in this module only. Tests can call the helpers below or pass a string to evaluate.
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped on purpose, see above */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOTS = `${ROOT}test/e2e/screenshots`;
const AXE = `${ROOT}node_modules/axe-core/axe.min.js`;
let axeSource: string | undefined;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };
export const DEMO_PASSWORD = 'demo1234';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install the Debian package chromium (apt-get install chromium), or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page's JavaScript, to assert on at the end of a test. */
  errors: string[];
}

/**
 * A new person: own cookies and storage, a desktop (1280×800) or phone (360×740) screen, the
 * Tehran time zone so that dates match what Persian users see. The browser's own language is
 * left at its default on purpose: the app must start in Persian regardless.
 */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  screen: 'desktop' | 'phone' = 'desktop',
  /** Another screen size than these tests' default for the kind, and another wait for elements. */
  opts: { viewport?: { width: number; height: number }; timeout?: number } = {},
): Promise<Person> {
  const phone = screen === 'phone';
  const context = await browser.newContext({
    baseURL,
    viewport: opts.viewport ?? (phone ? PHONE : DESKTOP),
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    timezoneId: 'Asia/Tehran',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(opts.timeout ?? 15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

/** Signs in through the sign-in page and waits for the signed-in frame. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('account-menu').waitFor();
}

/** Signs out through the account menu of the top bar. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/** The document's language and direction, as the app set them. */
export const htmlLangDir = (page: Page): Promise<{ lang: string; dir: string }> =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/** The font the page renders `selector` in, and whether Vazirmatn is loaded for `sample` text. */
export async function fontState(page: Page, selector = 'body', sample = 'پیشخوان') {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(
    ({ selector, sample }) => {
      const faces = [...document.fonts] as Array<{ family: string; status: string }>;
      return {
        fontFamily: getComputedStyle(document.querySelector(selector)).fontFamily as string,
        check: document.fonts.check('16px Vazirmatn') as boolean,
        checkSample: document.fonts.check('16px Vazirmatn', sample) as boolean,
        vazirmatnLoaded: faces.some((f) => f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded'),
      };
    },
    { selector, sample },
  );
}

/** Saves test/e2e/screenshots/<name>.png (the whole page) once web fonts have loaded. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface A11yOptions {
  /** CSS selectors to leave out (e.g. a third-party widget); say why where you use it. */
  exclude?: string[];
  /** axe rule ids to switch off; say why where you use it. */
  disableRules?: string[];
}

function describeViolations(list: AxeViolation[]): string {
  return list
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      at ${n.target.map(String).join(' ')}\n         ${n.html.replace(/\s+/g, ' ').slice(0, 200)}${n.failureSummary ? `\n         ${n.failureSummary.trim().replace(/\n\s*/g, '; ').slice(0, 300)}` : ''}`,
        )
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now. Serious and critical
 * violations fail the test with a readable list; moderate and minor ones are printed as warnings.
 */
export async function checkA11y(page: Page, label: string, options: A11yOptions = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Colours measured mid-transition (a dialog fading in) are blends, not the page's colours:
  // wait until no CSS transition or animation is running.
  // (A function, not a string: the app's CSP forbids evaluating strings.)
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
          .getAnimations()
          .every((a) => a.playState !== 'running'),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy rightly blocks inline scripts.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(`${(axeSource ??= readFileSync(AXE, 'utf8'))};undefined`);
  const violations = (await page.evaluate(
    async ({ exclude, disableRules }) => {
      const axe = (
        window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }
      ).axe;
      const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
        rules,
      });
      return result.violations;
    },
    { exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] },
  )) as AxeViolation[];
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const warnings = violations.filter((v) => !blocking.includes(v));
  if (warnings.length) console.warn(`axe warnings on ${label} (${page.url()}):\n${describeViolations(warnings)}`);
  if (blocking.length)
    throw new Error(`Accessibility violations on ${label} (${page.url()}):\n${describeViolations(blocking)}`);
}
