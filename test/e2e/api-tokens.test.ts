import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launchBrowser, newPerson, shot, type Person } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import {
  faDigits,
  setLang,
  settled,
  shotFromTop,
  shotViewport,
  tr,
  webEnv,
  type Lang,
  overflow,
} from './helpers/flows';

/**
 * API tokens on the profile page: an agent makes a token (name, expiry), sees its secret once,
 * copies it, the token answers for the agent with `Authorization: Bearer`, the list shows it, and
 * once revoked it is refused — in Persian and English, on a desktop and a phone. A customer has
 * no tokens card. The API documentation (Swagger UI at /api/docs) loads without a console error
 * and fits a phone's screen.
 */

const DOCS = '/api/docs';

async function signedIn(
  browser: Browser,
  base: string,
  who: string,
  screen: 'desktop' | 'phone' = 'desktop',
): Promise<Person> {
  const person = await newPerson(browser, base, screen);
  await (await ApiClient.login(base, who)).shareWith(person.context);
  return person;
}

/** GET /api/v1/auth/me with the token alone (no cookie): its status and the person it names. */
async function meWithToken(base: string, token: string): Promise<{ status: number; username?: string }> {
  const res = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as { user?: { username?: string } };
  return { status: res.status, username: body.user?.username };
}

/** Opens the profile in `lang` and waits for the tokens card and its list (or empty state). */
async function openProfile(page: Page, lang: Lang): Promise<void> {
  await page.goto('/profile');
  await page.locator('main h1').first().waitFor();
  await setLang(page, lang);
  await page.getByRole('heading', { level: 1, name: tr(lang, 'profile.title') }).waitFor();
  await page.getByRole('heading', { level: 2, name: tr(lang, 'profile.tokens.title') }).waitFor();
  await settled(page);
}

/** Waits until no transition runs (a dialog fading in would be a pale blend in a screenshot). */
async function still(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
}

/** A screenshot of the screen as it is once nothing moves. */
async function shotStill(page: Page, name: string): Promise<void> {
  await still(page);
  await shotViewport(page, name);
}

const number = (lang: Lang, n: number) => (lang === 'fa' ? faDigits(n) : String(n));

interface MadeToken {
  id: string;
  token: string;
}

/**
 * Makes a token through the card's dialogs: name, expiry (days), scopes; reads the secret from
 * the one-time dialog, copies it with the copy button and closes the dialog.
 */
async function makeToken(
  page: Page,
  lang: Lang,
  opts: { name: string; days: number; manageTokens?: boolean; shots?: string },
): Promise<MadeToken> {
  const card = page.getByTestId('api-tokens-card');
  await card.getByTestId('api-token-new').first().click();
  const dialog = page.getByRole('dialog', { name: tr(lang, 'profile.tokens.createTitle') });
  await dialog.waitFor();
  await page.getByTestId('api-token-name').fill(opts.name);
  // Not chooseOption: its Escape for a menu still fading out would close the dialog too.
  await dialog.getByRole('combobox', { name: tr(lang, 'profile.tokens.expiry') }).click();
  const listbox = page.getByRole('listbox');
  await listbox
    .getByRole('option', { name: tr(lang, 'profile.tokens.days', { n: number(lang, opts.days) }), exact: true })
    .click();
  await listbox.waitFor({ state: 'detached' });
  if (opts.manageTokens) await page.getByTestId('api-token-scope-tokens').locator('input').check();
  if (opts.shots) await shotStill(page, `${opts.shots}-form`);
  const created = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/api-tokens' && r.request().method() === 'POST',
  );
  await page.getByTestId('api-token-create').click();
  const res = await created;
  expect(res.status()).toBe(201);
  const answer = (await res.json()) as { id: string; token: string; expiresAt: string; scopes: string[] };
  expect(answer.scopes).toEqual(opts.manageTokens ? ['api', 'tokens'] : ['api']);
  const days = (Date.parse(answer.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(opts.days - 0.01);
  expect(days).toBeLessThanOrEqual(opts.days);

  // Shown once: the secret, the warning that it will not be shown again, a copy button.
  const shown = page.getByTestId('api-token-created');
  await shown.getByRole('heading', { name: tr(lang, 'profile.tokens.createdTitle') }).waitFor();
  await shown.getByText(tr(lang, 'profile.tokens.createdWarning')).waitFor();
  const token = await page.getByTestId('api-token-value').inputValue();
  expect(token).toBe(answer.token);
  expect(token).toMatch(/^pk_/);
  await page.getByTestId('api-token-copy').click();
  await shown.getByRole('status').getByText(tr(lang, 'profile.tokens.copied')).waitFor();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
  if (opts.shots) {
    await page.getByTestId('api-token-value').focus(); // the copy button's tooltip away
    await shotStill(page, `${opts.shots}-created`);
    await checkA11y(page, `the new token dialog (${lang})`);
  }
  await page.getByTestId('api-token-done').click();
  await shown.waitFor({ state: 'detached' });
  return { id: answer.id, token };
}

/** Revokes a token through its row's button and the confirmation. */
async function revokeToken(page: Page, lang: Lang, id: string, shotName?: string): Promise<void> {
  await page.getByTestId(`api-token-revoke-${id}`).click();
  const dialog = page.getByRole('dialog', { name: tr(lang, 'profile.tokens.revokeTitle') });
  await dialog.waitFor();
  if (shotName) await shotStill(page, shotName);
  const deleted = page.waitForResponse(
    (r) => new URL(r.url()).pathname === `/api/v1/api-tokens/${id}` && r.request().method() === 'DELETE',
  );
  await page.getByTestId('api-token-confirm-revoke').click();
  expect((await deleted).status()).toBe(204);
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(tr(lang, 'profile.tokens.revoked')).waitFor();
  await page.locator(`[data-testid="api-token-row"][data-id="${id}"]`).waitFor({ state: 'detached' });
}

describe('API tokens and the API documentation', () => {
  let server: E2EServer;
  let browser: Browser;

  beforeAll(async () => {
    // E2E_WEB_DIR serves a private build of the web app (while others rebuild dist/web).
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an agent makes a token, sees it once, uses it, and revokes it (Persian and English)', async () => {
    const sara = await signedIn(browser, server.base, 'sara');
    const { page, context } = sara;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const names: Record<Lang, string> = { fa: 'اسکریپت گزارش ماهانه', en: 'Nightly export (CRM)' };
    try {
      for (const lang of ['fa', 'en'] as const) {
        await openProfile(page, lang);
        const card = page.getByTestId('api-tokens-card');
        // The documentation link opens /api/docs in a new tab.
        const docs = card.getByRole('link', { name: tr(lang, 'profile.tokens.docs') });
        expect(await docs.getAttribute('href')).toBe(DOCS);
        expect(await docs.getAttribute('target')).toBe('_blank');
        expect(await docs.getAttribute('rel')).toContain('noopener');
        if (lang === 'fa') {
          await card.getByText(tr(lang, 'profile.tokens.empty')).waitFor();
          await shotFromTop(page, 'api-tokens-empty-fa');

          // A server field error shows under its field: a name of spaces only.
          await card.getByTestId('api-token-new').click();
          const dialog = page.getByRole('dialog', { name: tr(lang, 'profile.tokens.createTitle') });
          await page.getByTestId('api-token-name').fill('   ');
          const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/api-tokens');
          await page.getByTestId('api-token-create').click();
          expect((await refused).status()).toBe(400);
          const name = dialog.getByRole('textbox', { name: tr(lang, 'profile.tokens.name') });
          await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
          const describedBy = (await name.getAttribute('aria-describedby'))!;
          const message = (await page.locator(`[id="${describedBy}"]`).innerText()).trim();
          expect(message).not.toBe(tr(lang, 'profile.tokens.nameHint'));
          expect(message).toMatch(/[\u0600-\u06FF]/);

          // "Until a date" shows a (Jalali) date field; sent without a date, the server's error is under it.
          await page.getByTestId('api-token-name').fill(names[lang]);
          await dialog.getByRole('combobox', { name: tr(lang, 'profile.tokens.expiry') }).click();
          await page.getByRole('option', { name: tr(lang, 'profile.tokens.customDate'), exact: true }).click();
          await page.getByRole('listbox').waitFor({ state: 'detached' });
          const dateField = dialog.locator('.MuiFormControl-root', {
            has: page.getByText(tr(lang, 'profile.tokens.expiryDate'), { exact: true }),
          });
          await dateField.first().waitFor();
          const noDate = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/api-tokens');
          await page.getByTestId('api-token-create').click();
          expect((await noDate).status()).toBe(400);
          await dateField.locator('.MuiFormHelperText-root.Mui-error').first().waitFor();
          await shotStill(page, 'api-tokens-date-error-fa');
          await dialog.getByRole('button', { name: tr(lang, 'common.cancel') }).click();
          // Changed fields are not thrown away without asking (useDiscardGuard).
          await page.getByTestId('discard-confirm').click();
          await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
        }

        const made = await makeToken(page, lang, {
          name: names[lang],
          days: lang === 'fa' ? 30 : 365,
          manageTokens: lang === 'en',
          shots: `api-tokens-${lang}`,
        });
        // Seen once: after a reload, the page holds the token's start only.
        await page.reload();
        await openProfile(page, lang);
        expect(await page.content()).not.toContain(made.token);

        // The token acts as sara, without a cookie.
        expect(await meWithToken(server.base, made.token)).toEqual({ status: 200, username: 'sara' });

        // The list shows it: its name (in its own direction), the start of the secret, its scopes.
        const row = page.locator(`[data-testid="api-token-row"][data-id="${made.id}"]`);
        await row.waitFor();
        await row.getByText(names[lang], { exact: true }).waitFor();
        expect(await row.getByText(names[lang], { exact: true }).getAttribute('dir')).toBe('auto');
        await row.getByText(`${made.token.slice(0, 10)}…`).waitFor();
        await row.getByText(tr(lang, 'profile.tokens.scope_api')).waitFor();
        if (lang === 'en') await row.getByText(tr(lang, 'profile.tokens.scope_tokens')).waitFor();
        // Used once just now: "last used" holds a date, not "not used yet".
        await page.reload();
        await openProfile(page, lang);
        expect(await row.getByText(tr(lang, 'profile.tokens.neverUsed')).count()).toBe(0);
        await shotFromTop(page, `api-tokens-list-${lang}`);
        await checkA11y(page, `the profile with a token (${lang})`);

        await revokeToken(page, lang, made.id, `api-tokens-revoke-${lang}`);
        expect((await meWithToken(server.base, made.token)).status).toBe(401);
      }

      // The account menu offers the API documentation, in a new tab.
      await page.getByTestId('account-menu').click();
      const item = page.getByTestId('api-docs-menu');
      await item.getByText(tr('en', 'nav.apiDocs')).waitFor();
      expect(await item.getAttribute('href')).toBe(DOCS);
      expect(await item.getAttribute('rel')).toContain('noopener');
      const [tab] = await Promise.all([context.waitForEvent('page'), item.click()]);
      await tab.waitForURL((u) => u.pathname.startsWith(DOCS));
      // The document is large and the page renders it all at once: slow on a loaded machine.
      await tab.locator('.swagger-ui .information-container').waitFor({ timeout: 60_000 });
      await tab.close();
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(sara.errors).toEqual([]);
    await context.close();
  });

  it('fits a phone: the card, the dialogs and the list (Persian and English)', async () => {
    const reza = await signedIn(browser, server.base, 'reza', 'phone');
    const { page, context } = reza;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const problems: string[] = [];
    const fits = async (what: string) => {
      const o = await overflow(page);
      if (o.by > 1) problems.push(`${what} is ${o.by}px too wide: ${o.culprits.join('; ')}`);
    };
    try {
      for (const lang of ['fa', 'en'] as const) {
        await openProfile(page, lang);
        const made = await makeToken(page, lang, {
          name:
            lang === 'fa' ? 'همگام‌سازی با سامانهٔ آموزش و پرورش استان' : 'Synchronisation with the provincial registry',
          days: 90,
          shots: `api-tokens-${lang}-phone`,
        });
        await page.getByTestId('api-token-row').first().waitFor();
        await fits(`profile with a token (${lang})`);
        await page.getByTestId('api-tokens-card').scrollIntoViewIfNeeded();
        await shotStill(page, `api-tokens-card-${lang}-phone`);
        await shotFromTop(page, `api-tokens-profile-${lang}-phone`);
        await revokeToken(page, lang, made.id, `api-tokens-revoke-${lang}-phone`);
        expect((await meWithToken(server.base, made.token)).status).toBe(401);
      }
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
    expect(problems.join('\n')).toBe('');
    expect(reza.errors).toEqual([]);
    await context.close();
  });

  it("a customer's profile has no tokens card and the account menu no API documentation", async () => {
    const ali = await signedIn(browser, server.base, 'ali');
    const { page } = ali;
    await page.goto('/profile');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'profile.title') }).waitFor();
    await settled(page);
    expect(await page.getByTestId('api-tokens-card').count()).toBe(0);
    expect(await page.getByText(tr('fa', 'profile.tokens.title')).count()).toBe(0);
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: tr('fa', 'nav.profile') }).waitFor();
    expect(await page.getByTestId('api-docs-menu').count()).toBe(0);
    await page.keyboard.press('Escape');
    await shot(page, 'api-tokens-customer-profile-fa');
    expect(ali.errors).toEqual([]);
    await ali.context.close();
  });

  for (const screen of ['phone', 'desktop'] as const) {
    it(`the API documentation loads at ${screen} width, grouped by tag, without console errors`, async () => {
      const person = await newPerson(browser, server.base, screen);
      const { page } = person;
      const consoleErrors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') consoleErrors.push(msg.text());
      });
      const res = await page.goto(DOCS);
      expect(res?.status()).toBe(200);
      await page.locator('.swagger-ui .information-container').waitFor({ timeout: 60_000 });
      // The operations are grouped by tag: the sections are there and the tickets one is visible.
      const tickets = page.locator('#operations-tag-tickets');
      await tickets.waitFor();
      expect(await tickets.isVisible()).toBe(true);
      expect(await page.locator('.opblock-tag-section').count()).toBeGreaterThan(5);
      // The tags open collapsed (160-odd operations at once stalled Swagger UI's first render):
      // opening one shows its operations.
      await tickets.click();
      await page.locator('.opblock').first().waitFor();
      const o = await overflow(page);
      expect(o.by, `the docs are ${o.by}px too wide: ${o.culprits.join('; ')}`).toBeLessThanOrEqual(1);
      await shot(page, `api-docs-${screen}`);
      await shotViewport(page, `api-docs-${screen}-top`);
      // An operation opened: its parameters, answers and examples stay within the screen too.
      const op = tickets.locator('xpath=..').locator('.opblock').first();
      await op.locator('.opblock-summary-control').click();
      await op.locator('.opblock-body').waitFor();
      const opened = await overflow(page);
      expect(
        opened.by,
        `an open operation is ${opened.by}px too wide: ${opened.culprits.join('; ')}`,
      ).toBeLessThanOrEqual(1);
      await op.scrollIntoViewIfNeeded();
      await shotViewport(page, `api-docs-${screen}-operation`);
      expect(consoleErrors).toEqual([]);
      expect(person.errors).toEqual([]);
      await person.context.close();
    });
  }
});
