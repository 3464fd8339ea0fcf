import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverEn from '../../src/server/i18n/en.json';
import serverFa from '../../src/server/i18n/fa.json';
import { startFakeZarinpal, type FakeZarinpal } from '../helpers/fake-zarinpal';
import { launchBrowser, newPerson, type Person } from './helpers/browser';
import {
  faDigits,
  overflow,
  settled,
  shotFromTop,
  shotViewport,
  softA11y,
  switchLanguage,
  tr,
  webEnv,
  type Lang,
} from './helpers/flows';
import { startServer, type E2EServer } from './helpers/server';

/**
 * Issue 19, point 4, the cloud service in a browser: an organisation signs up on the platform's
 * landing page (mobile typed in Persian digits, the SMS code read from the `log` gateway's
 * outbox), lands in its helpdesk's admin screens under /w/<slug>; the operator offers a paid
 * plan; the admin buys it through the (fake) Zarinpal gateway and comes back to a paid banner,
 * the new plan and the payment with its reference number; then adds departments until the plan's
 * limit, where the form shows the server's limit message with the link to upgrade — in Persian
 * and once in English. Screenshots in Persian and English on a desktop and in Persian on a
 * 360px phone; axe on every screen; no console error or warning but the expected refusals.
 */

const OPERATOR = { username: 'operator', password: 'operator-secret-2026' };
const MOBILE = '09121234567';
const SLUG = 'negar-co';
const ORGANISATION = 'شرکت نرم‌افزاری نگار';
const TEAM = { name: 'تیم', nameEn: 'Team', limits: { agents: 5, customers: 100, departments: 3 } };
const PHONE_360 = { width: 360, height: 740 };

const serverText = (lang: Lang, key: string, params: Record<string, number>) => {
  const template = (lang === 'fa' ? serverFa : serverEn)[key as keyof typeof serverFa];
  if (typeof template !== 'string') throw new Error(`No server text ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, n: string) => (lang === 'fa' ? faDigits(params[n]) : String(params[n])));
};

/** A person whose console errors and warnings are kept, with the address they came from. */
type Watched = Person & { console: string[] };

describe('cloud: sign-up, the paid plan through Zarinpal, and the plan limit', () => {
  let server: E2EServer;
  let browser: Browser;
  let fake: FakeZarinpal;
  const people: Watched[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  beforeAll(async () => {
    fake = await startFakeZarinpal();
    server = await startServer({
      demo: false,
      env: {
        ...webEnv(),
        CLOUD: 'true',
        ZARINPAL_URL: fake.baseUrl,
        ZARINPAL_MERCHANT_ID: fake.merchantId,
        OPERATOR_USERNAME: OPERATOR.username,
        OPERATOR_PASSWORD: OPERATOR.password,
        SMS_PROVIDER: 'log',
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await fake?.stop();
  });

  async function person(screen: 'desktop' | 'phone' = 'desktop'): Promise<Watched> {
    const p = await newPerson(browser, server.base, screen, screen === 'phone' ? { viewport: PHONE_360 } : {});
    const messages: string[] = [];
    p.page.on('console', (m: ConsoleMessage) => {
      if (m.type() !== 'error' && m.type() !== 'warning') return;
      const from = new URL(m.location().url || p.page.url());
      // The refusals this test provokes on purpose: the department past the plan's limit (402).
      if (m.text().includes('status of 402') && from.pathname === '/api/v1/departments') return;
      messages.push(`[${m.type()}] ${new URL(p.page.url()).pathname}: ${m.text()} (${from.pathname})`);
    });
    const watched = { ...p, console: messages };
    people.push(watched);
    return watched;
  }

  /** The texts the `log` gateway wrote to `to` (DATA_DIR/outbox/sms.log, one JSON line each). */
  function smsTo(to: string): string[] {
    const file = join(server.dataDir, 'outbox', 'sms.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { to: string; text: string })
      .filter((m) => m.to === to)
      .map((m) => m.text);
  }

  async function waitForSms(to: string, match: (text: string) => boolean): Promise<string> {
    let found: string | undefined;
    await expect
      .poll(() => (found = smsTo(to).find(match)), { timeout: 30_000, message: `an SMS to ${to}` })
      .toBeDefined();
    return found!;
  }

  /** Phone screens: nothing sticks out sideways. */
  async function fits(page: Page, what: string) {
    const o = await overflow(page);
    expect(o.by, `${what} is ${o.by}px too wide: ${o.culprits.join(', ')}`).toBeLessThanOrEqual(1);
  }

  /** Landing → sign-up form (filled) → code step, in `lang`. Returns the page on the code step. */
  async function toCodeStep(p: Watched, lang: Lang, mobile: string, slug: string, shots: string) {
    const { page } = p;
    await page.goto('/');
    await settled(page);
    await switchLanguage(page, lang);
    await page.getByRole('heading', { level: 1, name: tr(lang, 'app.name') }).waitFor();
    const phone = page.viewportSize()!.width < 600;
    if (phone) await fits(page, `landing (${shots})`);
    await a11y.check(page, `landing (${shots})`);
    await shotFromTop(page, `cloud-landing-${shots}`);

    await page.getByTestId('landing-signup').click();
    await page.waitForURL((u) => u.pathname === '/signup');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'cloudSignup.signup.title') }).waitFor();
    // In Persian typed as a Persian keyboard gives digits.
    await page.getByTestId('signup-mobile').pressSequentially(lang === 'fa' ? faDigits(mobile) : mobile);
    await page.getByTestId('signup-slug').fill(slug);
    await page.getByTestId('signup-organisation').fill(ORGANISATION);
    await page.getByTestId('signup-terms').check();
    // The address the helpdesk will have is shown under the field as it is typed.
    await page.getByText(`${server.base}/w/${slug}`, { exact: false }).waitFor();
    if (phone) await fits(page, `sign-up (${shots})`);
    await a11y.check(page, `sign-up (${shots})`);
    await shotFromTop(page, `cloud-signup-${shots}`);
    const started = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/signup');
    await page.getByTestId('signup-submit').click();
    expect((await started).status()).toBe(202);
    await page.getByRole('heading', { level: 1, name: tr(lang, 'cloudSignup.signup.codeTitle') }).waitFor();
    const shown = `\u2066${lang === 'fa' ? faDigits(mobile) : mobile}\u2069`;
    await page.getByText(tr(lang, 'cloudSignup.signup.codeSent', { mobile: shown }), { exact: true }).waitFor();
    if (phone) await fits(page, `the code step (${shots})`);
  }

  it('an organisation signs up in Persian, buys the Team plan through Zarinpal and meets its limit', async () => {
    const admin = await person();
    const { page } = admin;

    // 1. Sign-up, in Persian.
    await toCodeStep(admin, 'fa', MOBILE, SLUG, 'fa-desktop');
    const codeText = await waitForSms(MOBILE, (t) => t.startsWith(serverFa['sms.signup_code'].split('{')[0]));
    const code = /(\d{6})/.exec(codeText)?.[1];
    expect(code, codeText).toMatch(/^\d{6}$/);
    await a11y.check(page, 'sign-up code step (fa, desktop)');
    await shotFromTop(page, 'cloud-signup-code-fa-desktop');
    await page.getByTestId('signup-code').pressSequentially(faDigits(code!));
    await page.getByTestId('signup-verify').click();
    // The new helpdesk's admin screens, at its own address (/admin opens the people page).
    await page.waitForURL((u) => u.pathname === `/w/${SLUG}/admin/people`, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.people.title') }).waitFor();
    await settled(page);
    await page.getByTestId('account-menu').waitFor();

    // The first administrator's sign-in link went by SMS, to the helpdesk's own address.
    const link = await waitForSms(MOBILE, (t) => t.includes('/login?tab=otp'));
    expect(link).toContain(`${server.base}/w/${SLUG}/login?tab=otp&mobile=${MOBILE}`);
    expect(link.startsWith(`${ORGANISATION}:`), link).toBe(true);

    // 2. The operator offers a paid plan (the console's API, HTTP Basic auth as scripts use it).
    const res = await fetch(`${server.base}/api/v1/operator/plans`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${OPERATOR.username}:${OPERATOR.password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        ...TEAM,
        prices: [
          { months: 1, amount: 490_000 },
          { months: 12, amount: 4_900_000 },
        ],
        position: 1,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const team = (await res.json()) as { id: string };

    // The admin opens billing from the menu: the trial, its usage, and the plan on offer.
    await page
      .getByRole('navigation', { name: tr('fa', 'nav.main') })
      .getByRole('link', { name: tr('fa', 'nav.billing') })
      .click();
    await page.waitForURL((u) => u.pathname === `/w/${SLUG}/admin/billing`);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'billing.title') }).waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('billing-plan-name').textContent()).toBe('آزمایشی');
    expect(await page.getByTestId('billing-state').textContent()).toBe(tr('fa', 'billing.states.trial'));
    const agentsUsed = tr('fa', 'billing.usage.of', { used: faDigits(1), max: faDigits(3) });
    expect(await page.getByTestId('usage-agents').textContent()).toContain(agentsUsed);
    const depsUsed = tr('fa', 'billing.usage.of', { used: faDigits(0), max: faDigits(2) });
    expect(await page.getByTestId('usage-departments').textContent()).toContain(depsUsed);
    await page.getByTestId(`plan-${team.id}`).getByRole('heading', { name: TEAM.name }).waitFor();
    await a11y.check(page, 'billing on the trial (fa, desktop)');
    await shotFromTop(page, 'cloud-billing-trial-fa-desktop');

    // Team, one month × one period: the price, then the server's quote, then the gateway.
    await page.getByTestId(`plan-choose-${team.id}`).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toContain(TEAM.name);
    await dialog.getByTestId('buy-months-1').click();
    await expect.poll(() => dialog.getByTestId('buy-periods').inputValue()).toBe('1');
    const toman = tr('fa', 'credit.toman', { n: '۴۹۰٬۰۰۰' });
    await expect.poll(() => dialog.getByTestId('buy-price').textContent()).toContain(toman);
    await dialog.getByTestId('buy-continue').click();
    const quote = dialog.getByTestId('buy-quote');
    await quote.waitFor();
    expect(await quote.textContent()).toContain(toman);
    await a11y.check(page, 'the quote (fa, desktop)');
    await shotViewport(page, 'cloud-buy-quote-fa-desktop');
    await dialog.getByTestId('buy-pay').click();
    await page.waitForURL((u) => u.pathname === `/w/${SLUG}/admin/billing` && u.searchParams.get('payment') === 'ok', {
      timeout: 30_000,
    });
    expect(fake.calls.startPay).toBe(1);
    const [session] = fake.sessions();
    expect(session).toMatchObject({ state: 'verified', amount: 490_000 });

    const banner = page.getByTestId('payment-outcome');
    await banner.waitFor();
    expect(await banner.getAttribute('data-outcome')).toBe('ok');
    expect(await banner.textContent()).toContain(tr('fa', 'billing.outcome.ok.title'));
    await expect.poll(() => page.getByTestId('billing-plan-name').textContent()).toBe(TEAM.name);
    expect(await page.getByTestId('billing-state').textContent()).toBe(tr('fa', 'billing.states.active'));
    const payments = page.getByRole('region', { name: tr('fa', 'billing.payments.title') });
    const paidChip = payments.locator('[data-testid^="payment-state-"]');
    await expect.poll(() => paidChip.allTextContents()).toEqual([tr('fa', 'billing.payments.states.paid')]);
    const row = payments.locator('tr', { has: page.locator('[data-testid^="payment-state-"]') });
    expect(await row.textContent()).toContain(String(session.refId));
    expect(await row.textContent()).toContain(tr('fa', 'billing.payments.purposes.subscription'));
    await settled(page);
    await a11y.check(page, 'billing, paid (fa, desktop)');
    await shotFromTop(page, 'cloud-billing-paid-fa-desktop');

    // 3. Departments up to the new plan's limit (3); the fourth is refused with the way to upgrade.
    await page
      .getByRole('navigation', { name: tr('fa', 'nav.main') })
      .getByRole('link', { name: tr('fa', 'nav.departments') })
      .click();
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.departments.title') }).waitFor();
    await settled(page);
    for (const name of ['پشتیبانی فنی', 'فروش', 'مالی']) {
      await page.getByTestId('admin-create').click();
      await page.getByTestId('department-name').fill(name);
      await page.getByTestId('admin-dialog-save').click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('cell', { name }).first().waitFor();
    }
    await page.getByTestId('admin-create').click();
    await page.getByTestId('department-name').fill('منابع انسانی');
    const refused = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/departments' && r.request().method() === 'POST',
    );
    await page.getByTestId('admin-dialog-save').click();
    expect((await refused).status()).toBe(402);
    const notice = page.getByTestId('limit-reached');
    await notice.waitFor();
    const faMessage = serverText('fa', 'errors.limit_reached_departments', { limit: 3 });
    expect(await notice.textContent()).toContain(faMessage);
    const upgrade = notice.getByTestId('payment-required-link');
    expect(await upgrade.textContent()).toBe(tr('fa', 'billing.notice.upgrade'));
    expect(await upgrade.getAttribute('href')).toBe(`/w/${SLUG}/admin/billing`);
    await a11y.check(page, 'limit message (fa, desktop)');
    await shotViewport(page, 'cloud-limit-fa-desktop');
    await upgrade.click();
    await page.waitForURL((u) => u.pathname === `/w/${SLUG}/admin/billing`);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'billing.title') }).waitFor();
    await expect.poll(() => page.getByTestId('usage-departments').getAttribute('data-level')).toBe('full');

    // The same in English: the billing page and the limit message.
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: tr('en', 'billing.title') }).waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('billing-plan-name').textContent()).toBe(TEAM.nameEn);
    await a11y.check(page, 'billing, paid (en, desktop)');
    await shotFromTop(page, 'cloud-billing-paid-en-desktop');
    await page.goto(`/w/${SLUG}/admin/departments`);
    await page.getByRole('heading', { level: 1, name: tr('en', 'admin.departments.title') }).waitFor();
    await settled(page);
    await page.getByTestId('admin-create').click();
    await page.getByTestId('department-name').fill('Human resources');
    await page.getByTestId('admin-dialog-save').click();
    await notice.waitFor();
    expect(await notice.textContent()).toContain(serverText('en', 'errors.limit_reached_departments', { limit: 3 }));
    expect(await upgrade.textContent()).toBe(tr('en', 'billing.notice.upgrade'));
    expect(await upgrade.getAttribute('href')).toBe(`/w/${SLUG}/admin/billing`);
    await a11y.check(page, 'limit message (en, desktop)');
    await shotViewport(page, 'cloud-limit-en-desktop');
    // Closing the form with a name typed asks first: the name is thrown away.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await switchLanguage(page, 'fa');

    // On a 360px phone, in Persian: the paid plan and the limit message.
    const phone = await person('phone');
    await phone.context.addCookies(await admin.context.cookies());
    await phone.page.goto(`/w/${SLUG}/admin/billing`);
    await phone.page.getByRole('heading', { level: 1, name: tr('fa', 'billing.title') }).waitFor();
    await settled(phone.page);
    await expect.poll(() => phone.page.getByTestId('billing-plan-name').textContent()).toBe(TEAM.name);
    await fits(phone.page, 'billing (fa, phone)');
    await a11y.check(phone.page, 'billing, paid (fa, phone)');
    await shotFromTop(phone.page, 'cloud-billing-paid-fa-phone');
    await phone.page.goto(`/w/${SLUG}/admin/departments`);
    await settled(phone.page);
    await phone.page.getByTestId('admin-create').click();
    await phone.page.getByTestId('department-name').fill('منابع انسانی');
    await phone.page.getByTestId('admin-dialog-save').click();
    const phoneNotice = phone.page.getByTestId('limit-reached');
    await phoneNotice.waitFor();
    expect(await phoneNotice.textContent()).toContain(faMessage);
    await a11y.check(phone.page, 'limit message (fa, phone)');
    await shotViewport(phone.page, 'cloud-limit-fa-phone');

    expect([...admin.errors, ...phone.errors]).toEqual([]);
    expect([...admin.console, ...phone.console]).toEqual([]);
  });

  it('the landing page, sign-up and its code step in English on a desktop and in Persian on a phone', async () => {
    const en = await person();
    await toCodeStep(en, 'en', '09351112233', 'acme-help', 'en-desktop');
    await a11y.check(en.page, 'sign-up code step (en, desktop)');
    await shotFromTop(en.page, 'cloud-signup-code-en-desktop');

    const phone = await person('phone');
    await toCodeStep(phone, 'fa', '09191112233', 'pars-desk', 'fa-phone');
    await a11y.check(phone.page, 'sign-up code step (fa, phone)');
    await shotFromTop(phone.page, 'cloud-signup-code-fa-phone');

    expect([...en.errors, ...phone.errors]).toEqual([]);
    expect([...en.console, ...phone.console]).toEqual([]);
  });
});
