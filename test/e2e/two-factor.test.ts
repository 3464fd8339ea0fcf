import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launchBrowser, newPerson, shot, signIn, signOut, type Person } from './helpers/browser';
import { ApiClient, startServer, type E2EServer } from './helpers/server';
import { overflow, setLang, settled, shotViewport, tr, webEnv, type Lang } from './helpers/flows';

/**
 * Two-factor sign-in (K11) as people meet it: an agent turns it on in "Profile and preferences"
 * by reading the key off the page into an authenticator (here otpauth), keeps the recovery
 * codes, signs out and back in with a code — in Persian on a desktop; another in English on a
 * phone signs back in with a recovery code. An admin turns someone's off, requires it of all
 * staff and sets the directory password site; an agent who has not turned it on is then held at
 * the setup page until they do.
 */

let server: E2EServer;
let browser: Browser;
const STEP_MS = 30_000;

beforeAll(async () => {
  server = await startServer({ env: webEnv() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const codeFor = (secret: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

/** Waits until nothing moves (a dialog fading in, a menu fading out would be pale blends in a picture). */
async function still(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
}

/** Waits into the next 30-second step: a code is accepted once, and the one that turned it on is spent. */
async function nextStep(): Promise<void> {
  const wait = STEP_MS - (Date.now() % STEP_MS) + 300;
  await new Promise((r) => setTimeout(r, wait));
}

async function personIn(lang: Lang, screen: 'desktop' | 'phone'): Promise<Person> {
  const person = await newPerson(browser, server.base, screen);
  await person.page.goto('/login');
  await person.page.getByTestId('login-username').waitFor();
  await setLang(person.page, lang);
  return person;
}

/**
 * Turns two-factor sign-in on from the profile: password, the key read off the page, a code.
 * Returns the key and the recovery codes the dialog showed.
 */
async function turnOn(page: Page, lang: Lang, shots: string): Promise<{ secret: string; codes: string[] }> {
  await page.goto('/profile');
  await settled(page);
  // Signed in, the page speaks the person's saved language: switch (and save) it.
  await setLang(page, lang);
  const card = page.getByTestId('two-factor-card');
  await card.getByRole('heading', { level: 2, name: tr(lang, 'profile.twoFactor.title') }).waitFor();
  await expect.poll(() => card.getByTestId('two-factor-state').textContent()).toBe(tr(lang, 'profile.twoFactor.off'));
  await card.getByTestId('two-factor-set-up').click();
  await page.getByTestId('two-factor-password').fill('demo1234');
  await page.getByTestId('two-factor-continue').click();
  await page.getByTestId('two-factor-qr').waitFor();
  await expect
    .poll(() => page.getByTestId('two-factor-qr').evaluate((img) => (img as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0);
  const secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await checkA11y(page, `two-factor setup ${lang}`);
  await card.scrollIntoViewIfNeeded();
  await still(page);
  await shotViewport(page, `two-factor-setup-${shots}`);

  // A wrong code is refused under the field.
  await page.getByTestId('two-factor-code').fill('000000');
  await page.getByTestId('two-factor-turn-on').click();
  await expect.poll(() => page.getByTestId('two-factor-code').getAttribute('aria-invalid')).toBe('true');

  await page.getByTestId('two-factor-code').fill(codeFor(secret));
  await page.getByTestId('two-factor-turn-on').click();
  const dialog = page.getByTestId('recovery-codes');
  await dialog.getByRole('heading', { name: tr(lang, 'profile.twoFactor.codesTitle') }).waitFor();
  const codes = (await dialog.getByTestId('recovery-codes-list').locator('li').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
  await checkA11y(page, `recovery codes ${lang}`);
  await still(page);
  await shotViewport(page, `two-factor-codes-${shots}`);
  const download = page.waitForEvent('download');
  await dialog.getByTestId('recovery-codes-download').click();
  expect((await download).suggestedFilename()).toBe('pishkhan-recovery-codes.txt');
  await dialog.getByTestId('recovery-codes-done').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => card.getByTestId('two-factor-state').textContent()).toBe(tr(lang, 'profile.twoFactor.on'));
  await card.scrollIntoViewIfNeeded();
  await still(page);
  await shotViewport(page, `two-factor-on-${shots}`);
  return { secret, codes };
}

/** The sign-in page up to the code step (password right, the server asked for the code). */
async function toCodeStep(page: Page, lang: Lang, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page
    .getByTestId('login-two-factor')
    .getByRole('heading', { name: tr(lang, 'auth.twoFactorTitle') })
    .waitFor();
  const input = page.getByTestId('login-code');
  expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await input.getAttribute('inputmode')).toBe('numeric');
  await expect
    .poll(() =>
      input.evaluate(
        (el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      ),
    )
    .toBe(true);
}

describe('two-factor sign-in', () => {
  it('an agent turns it on in Persian, signs out and signs back in with the code', async () => {
    const reza = await personIn('fa', 'desktop');
    const { page } = reza;
    await signIn(page, 'reza');
    const { secret } = await turnOn(page, 'fa', 'fa-desktop');
    await signOut(page);

    await toCodeStep(page, 'fa', 'reza');
    await checkA11y(page, 'sign-in code step fa');
    await shot(page, 'two-factor-login-fa-desktop');
    // A wrong code: a clear message, still on the code step.
    await page.getByTestId('login-code').fill('۰۰۰۰۰۰');
    await page.getByTestId('login-code-submit').click();
    await page.getByRole('alert').getByText('این کد نادرست است', { exact: false }).waitFor();
    await page.mouse.move(0, 0);
    await still(page);
    await shot(page, 'two-factor-login-wrong-fa-desktop');

    await nextStep();
    // Typed in Persian digits, as a Persian keyboard gives them.
    await page.getByTestId('login-code').fill(codeFor(secret).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/agent'));
    await page.getByTestId('account-menu').waitFor();
    expect(reza.errors).toEqual([]);
    await reza.context.close();
  });

  it('on a phone in English, a recovery code signs in instead', async () => {
    const maryam = await personIn('en', 'phone');
    const { page } = maryam;
    await signIn(page, 'maryam');
    const { codes } = await turnOn(page, 'en', 'en-phone');
    expect((await overflow(page)).by).toBe(0);
    await signOut(page);

    await toCodeStep(page, 'en', 'maryam');
    await page.getByTestId('login-use-recovery').click();
    await page.getByText(tr('en', 'auth.twoFactorRecoveryPrompt')).waitFor();
    await page.getByTestId('login-code').fill(codes[0]);
    await shot(page, 'two-factor-login-recovery-en-phone');
    expect((await overflow(page)).by).toBe(0);
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/agent'));
    await page.getByTestId('account-menu').waitFor();
    expect(maryam.errors).toEqual([]);
    await maryam.context.close();
  });

  it("an admin turns off someone's, requires it of all staff, and an agent is held at the setup", async () => {
    const admin = await newPerson(browser, server.base, 'desktop');
    const api = await ApiClient.login(server.base, 'admin');
    await api.shareWith(admin.context);
    const { page } = admin;

    // Reza turned it on above; the admin turns it off for him.
    const reza = (await api.get<{ items: Array<{ id: string }> }>('/users', { q: 'reza' })).items[0];
    await page.goto('/admin/people');
    await settled(page);
    await setLang(page, 'en');
    await page.getByTestId(`admin-edit-${reza.id}`).click();
    const notice = page.getByTestId('person-two-factor');
    await notice.waitFor();
    await notice.getByTestId('person-two-factor-reset').click();
    await still(page);
    await shotViewport(page, 'two-factor-admin-reset-en-desktop');
    await notice.getByTestId('person-two-factor-confirm').click();
    await page.getByRole('dialog').getByRole('status').waitFor();
    expect((await api.get<{ enabled: boolean }>(`/users/${reza.id}/two-factor`)).enabled).toBe(false);
    await page.keyboard.press('Escape');

    // The settings: the directory password site and the requirement.
    await page.goto('/admin/settings');
    await settled(page);
    await page.getByTestId('settings-password-reset-url').fill('https://password.example.ac.ir/');
    await page.getByTestId('settings-two-factor').getByRole('combobox').click();
    await page
      .getByRole('listbox')
      .getByRole('option', { name: tr('en', 'admin.settings.twoFactor_staff') })
      .click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    // In the middle of the screen: the sticky save bar covers the bottom.
    await page
      .getByTestId('settings-two-factor')
      .evaluate((el) => (el as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    await still(page);
    await shotViewport(page, 'two-factor-settings-en-desktop');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/settings') && r.request().method() === 'PATCH');
    await page.getByTestId('settings-save').click();
    expect((await saved).status()).toBe(200);
    await admin.context.close();

    // Sara has not turned it on: signing in takes her to the setup, and nowhere else.
    const sara = await personIn('fa', 'desktop');
    const sp = sara.page;
    await sp.getByTestId('directory-password-reset').waitFor();
    expect(await sp.getByTestId('directory-password-reset').getAttribute('href')).toBe(
      'https://password.example.ac.ir/',
    );
    await shot(sp, 'two-factor-login-page-fa-desktop');
    await sp.getByTestId('login-username').fill('sara');
    await sp.getByTestId('login-password').fill('demo1234');
    await sp.getByTestId('login-submit').click();
    await sp.waitForURL((u) => u.pathname === '/two-factor-setup');
    await sp.getByRole('heading', { level: 1, name: tr('fa', 'profile.twoFactor.forcedTitle') }).waitFor();
    await sp.goto('/agent/tickets');
    await sp.waitForURL((u) => u.pathname === '/two-factor-setup');
    await checkA11y(sp, 'forced setup fa');
    await shot(sp, 'two-factor-forced-fa-desktop');
    await sp.getByTestId('two-factor-password').fill('demo1234');
    await sp.getByTestId('two-factor-continue').click();
    const secret = ((await sp.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    await sp.getByTestId('two-factor-code').fill(codeFor(secret));
    await sp.getByTestId('two-factor-turn-on').click();
    await sp.getByTestId('recovery-codes-done').click();
    await sp.waitForURL((u) => u.pathname.startsWith('/agent'));
    await sp.getByTestId('account-menu').waitFor();
    expect(sara.errors).toEqual([]);
    await sara.context.close();

    // The admin, who has not turned it on either, is held too (until they set it up).
    const held = await api.get<{ twoFactor: { required: boolean; enabled: boolean } }>('/auth/me');
    expect(held.twoFactor).toEqual({ required: true, enabled: false });
  }, 180_000);
});
