import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serverFa from '../../src/server/i18n/fa.json';
import { checkA11y, launchBrowser, newPerson, type Person } from './helpers/browser';
import { overflow, setLang, settled, shotFromTop, shotViewport, tr, webEnv, type Lang } from './helpers/flows';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

interface ListOf<T> {
  items: T[];
}
interface Trigger {
  id: string;
  name: string;
  position: number;
}

/**
 * K7 in the browser: the admin's triggers page lists triggers in running order, makes one with
 * the conditions and actions editors, reorders with the arrows, and shows a trigger's run log
 * after it fired on a new ticket — in Persian and English, on a desktop and a phone.
 */
/** Picks an option of a MUI select inside a dialog (no Escape: that would ask to discard the form). */
async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await select.getByRole('combobox').click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

/** The dialog has faded in (a screenshot taken earlier shows the page through it). */
const dialogShown = (page: Page) =>
  expect
    .poll(() => page.evaluate(`getComputedStyle(document.querySelector('.MuiDialog-container')).opacity`))
    .toBe('1');

describe('triggers: the admin page', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;
  const people: Person[] = [];

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  }, 180_000);
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function admin(screen: 'desktop' | 'phone' = 'desktop'): Promise<Person> {
    const p = await newPerson(browser, server.base, screen, { timeout: 30_000 });
    people.push(p);
    await (await ApiClient.login(server.base, 'admin')).shareWith(p.context);
    return p;
  }
  const open = async (page: Page, lang: Lang) => {
    await page.goto('/admin/triggers');
    await page.locator('main h1').first().waitFor();
    await setLang(page, lang);
    await page.getByRole('heading', { level: 1, name: tr(lang, 'admin.triggers.title') }).waitFor();
    await settled(page);
  };
  const list = async () => (await api.get<ListOf<Trigger>>('/triggers')).items;

  it('makes a trigger with the editors, reorders, and reads the run log', async () => {
    const departments = (await api.get<ListOf<{ id: string; name: string }>>('/departments')).items;
    const urgent = await api.post<Trigger>('/triggers', {
      name: 'فوری‌ها به اولویت بالا',
      position: 0,
      event: 'ticket.created',
      conditions: [{ field: 'subject', op: 'contains', value: 'فوری' }],
      actions: [
        { kind: 'set_priority', priority: 'urgent' },
        { kind: 'add_note', text: 'تیکت {{ticket.number}} خودکار فوری شد.' },
      ],
    });
    await api.post<Trigger>('/triggers', {
      name: 'Closed tickets lose their assignees',
      position: 1,
      active: false,
      event: 'ticket.updated',
      conditions: [{ field: 'status', op: 'changed_to', value: 'closed' }],
      actions: [{ kind: 'set_assignee', assigneeId: 'unassign' }],
    });
    const ticket = await api.post<{ number: number }>('/tickets', {
      subject: 'چاپگر طبقهٔ دوم — فوری',
      body: '<p>کار نمی‌کند.</p>',
      departmentId: departments[0].id,
    });
    // The worker runs the trigger: the ticket becomes urgent.
    await expect
      .poll(async () => (await api.get<{ priority: string }>(`/tickets/${ticket.number}`)).priority, {
        timeout: 30_000,
      })
      .toBe('urgent');

    const { page } = await admin();
    let lang: Lang = 'fa';
    await open(page, lang);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: tr(lang, 'nav.triggers') })
      .waitFor();
    await page.getByText('فوری‌ها به اولویت بالا').first().waitFor();
    await shotFromTop(page, 'triggers-fa-list');
    await checkA11y(page, 'triggers fa list');

    // A new trigger through the editors: a condition and two actions.
    await page.getByTestId('admin-create').click();
    await page.getByTestId('trigger-name').fill('پیام مشتری، برچسب پیگیری');
    await pick(page, page.getByTestId('trigger-event'), tr(lang, 'admin.triggers.events.message_created'));
    await page.getByTestId('trigger-add-condition').click();
    await pick(page, page.getByTestId('trigger-condition-field-0'), tr(lang, 'admin.triggers.fields.message_author'));
    await pick(page, page.getByTestId('trigger-condition-value-0'), tr(lang, 'admin.triggers.author.customer'));
    await page.getByTestId('trigger-add-action').click();
    await pick(page, page.getByTestId('trigger-action-kind-0'), tr(lang, 'admin.triggers.actions.set_status'));
    await pick(page, page.getByTestId('trigger-action-value-0'), tr(lang, 'status.active'));
    await page.getByTestId('trigger-add-action').click();
    await pick(page, page.getByTestId('trigger-action-kind-1'), tr(lang, 'admin.triggers.actions.add_note'));
    await page.getByTestId('trigger-action-value-1').fill('مشتری {{requester.name}} پاسخ داد.');
    await dialogShown(page);
    await shotViewport(page, 'triggers-fa-form');
    await checkA11y(page, 'triggers fa form');
    const saved = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/triggers' && r.request().method() === 'POST',
    );
    await page.getByTestId('admin-dialog-save').click();
    expect((await saved).status()).toBe(201);
    await page.getByText('پیام مشتری، برچسب پیگیری').first().waitFor();
    const made = (await list()).find((x) => x.name === 'پیام مشتری، برچسب پیگیری')!;
    expect(made).toBeTruthy();
    const full = (
      await api.get<ListOf<Trigger & { event: string; conditions: unknown[]; actions: unknown[] }>>('/triggers')
    ).items.find((x) => x.id === made.id)!;
    expect(full).toMatchObject({
      event: 'message.created',
      conditions: [{ field: 'message.author', op: 'is', value: 'customer' }],
      actions: [
        { kind: 'set_status', status: 'active' },
        { kind: 'add_note', text: 'مشتری {{requester.name}} پاسخ داد.' },
      ],
    });

    // A server error shows under its row: an empty note.
    await page.getByTestId(`admin-edit-${made.id}`).click();
    await page.getByTestId('trigger-action-value-1').fill('');
    await page.getByTestId('admin-dialog-save').click();
    await page.getByTestId('trigger-action-1').getByText(serverFa['validation.required']).waitFor();
    await page.getByRole('button', { name: tr(lang, 'common.cancel') }).click();
    await page.getByRole('button', { name: tr(lang, 'discard.discard') }).click();
    await page.getByTestId('trigger-name').waitFor({ state: 'detached' });

    // Reorder: the first moves down.
    const before = (await list()).map((x) => x.id);
    await page.getByTestId(`trigger-down-${before[0]}`).click();
    await expect.poll(async () => (await list()).map((x) => x.id)[1]).toBe(before[0]);

    // The run log of the trigger that fired.
    await page.getByTestId(`trigger-runs-${urgent.id}`).click();
    const log = page.getByTestId('trigger-runs');
    await log.getByText(tr(lang, 'admin.triggers.outcomes.fired')).first().waitFor();
    await dialogShown(page);
    await shotViewport(page, 'triggers-fa-runs');
    await checkA11y(page, 'triggers fa run log');
    await page.getByRole('button', { name: tr(lang, 'common.close') }).click();

    lang = 'en';
    await open(page, lang);
    await shotFromTop(page, 'triggers-en-list');
    await checkA11y(page, 'triggers en list');
    await page.getByTestId(`admin-edit-${urgent.id}`).click();
    await page.getByTestId('trigger-name').waitFor();
    await dialogShown(page);
    await shotViewport(page, 'triggers-en-form');
    await page.keyboard.press('Escape');
    await setLang(page, 'fa');
  });

  it('fits a phone', async () => {
    const { page } = await admin('phone');
    await open(page, 'fa');
    expect((await overflow(page)).by).toBe(0);
    await shotFromTop(page, 'triggers-fa-phone');
    await checkA11y(page, 'triggers fa phone');
    await page.getByTestId('admin-create').click();
    await page.getByTestId('trigger-add-condition').click();
    await page.getByTestId('trigger-add-action').click();
    await dialogShown(page);
    await shotViewport(page, 'triggers-fa-phone-form');
  });
});
