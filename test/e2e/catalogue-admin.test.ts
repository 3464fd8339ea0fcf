import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import serverEn from '../../src/server/i18n/en.json';
import serverFa from '../../src/server/i18n/fa.json';
import { launchBrowser, shot, type Person } from './helpers/browser';
import { overflow, setLang, settled, shotViewport, softA11y, tr, webEnv } from './helpers/flows';
import { signedInPerson } from './helpers/people';
import { ApiClient, startServer, type E2EServer } from './helpers/server';

/**
 * E1–E3 admin screens: in Persian, an admin creates a service desk (its key upper-cased as
 * typed), then a request type with two fields (a required money field with help text and an
 * organisational unit) and a workflow of three statuses and two transitions — one with a timer
 * of 72 working hours whose expiry takes the other, and an SMS with a field's placeholder. A
 * wrong field key is refused with the server's Persian message next to it and nothing saved;
 * fixed, it saves, and after a reload it is all there, in the page and through the API. On a
 * phone the editor fits the screen; in English the list shows, and deleting a desk with requests
 * is refused with the server's message; leaving the editor with unsaved changes asks first. Screenshots in Persian (desktop, phone) and English.
 */

interface Desk {
  id: string;
  key: string;
  name: string;
  departmentId: string;
  visible: boolean;
}
interface RequestType {
  id: string;
  deskId: string;
  name: string;
  fields: Array<{ key: string; label: string; kind: string; required: boolean; help: string }>;
  workflow: {
    initial: string;
    statuses: Array<{ key: string; name: string; category: string }>;
    transitions: Array<{
      id: string;
      name: string;
      from: string[];
      to: string;
      who: string;
      timer?: { workingMinutes: number; calendarId?: string | null; onExpiry: string } | null;
      actions: Array<{ kind: string; text?: string }>;
    }>;
  };
}

// Not SETIRAN: the demo data has that desk already.
const DESK = { name: 'ستیران', key: 'SMSPANEL' };
const TYPE = 'شارژ پنل پیامکی';
const STATUSES = [
  { key: 'requested', name: 'اعلام مبلغ' },
  { key: 'invoice', name: 'دریافت فاکتور از شرکت' },
  { key: 'charged', name: 'شارژ شد' },
];
const NO_INVOICE = { id: 'no-invoice', name: 'عدم صدور فاکتور تا ۷۲ ساعت کاری' };
const ISSUE = { id: 'issue-invoice', name: 'صدور فاکتور' };
const HELP = 'مبلغ را به تومان وارد کنید';

const isCall = (path: RegExp, method: string) => (r: { url(): string; request(): { method(): string } }) =>
  path.test(new URL(r.url()).pathname) && r.request().method() === method;

/**
 * Picks an option of a MUI single select by its exact name. (The shared chooseOption presses
 * Escape while the closing menu is still visible: inside a dialog that would ask to discard it.)
 */
async function chooseOption(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

/** Picks exactly these options of a MUI multiple select (named by their text), then closes it. */
async function chooseMany(page: Page, select: Locator, names: string[]): Promise<void> {
  await select.click();
  const listbox = page.getByRole('listbox');
  for (const option of await listbox.getByRole('option').all()) {
    const name = ((await option.textContent()) ?? '').trim();
    const selected = (await option.getAttribute('aria-selected')) === 'true';
    if (selected !== names.includes(name)) await option.click();
  }
  await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'detached' });
}

describe('service catalogue admin', () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiClient;
  let desk: Desk;
  let made: RequestType;
  const people: Person[] = [];
  const a11y = softA11y();
  afterEach(() => a11y.assertNone());

  async function admin(screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
    const p = await signedInPerson(browser, server.base, 'admin', screen);
    people.push(p);
    return p.page;
  }

  beforeAll(async () => {
    server = await startServer({ env: webEnv() });
    browser = await launchBrowser();
    api = await ApiClient.login(server.base, 'admin');
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('in Persian, an admin builds a desk and a request type with a form and a timed workflow, and finds it after a reload', async () => {
    const depts = (await api.get<{ items: Array<{ id: string; name: string }> }>('/departments')).items;
    const page = await admin();
    await page.goto('/admin/desks');
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.catalogue.title'), exact: true }).waitFor();
    await settled(page);
    expect(await page.locator('nav a[href="/admin/desks"]').getAttribute('aria-current')).toBe('page');

    // The desk: its key upper-cased as typed.
    await page.getByTestId('admin-create').click();
    await page.getByTestId('desk-name').fill(DESK.name);
    await page.getByTestId('desk-key').pressSequentially('smspanel');
    expect(await page.getByTestId('desk-key').inputValue()).toBe(DESK.key);
    await chooseOption(page, page.getByTestId('desk-department'), depts[0].name);
    const created = page.waitForResponse(isCall(/^\/api\/v1\/desks$/, 'POST'));
    await page.getByTestId('admin-dialog-save').click();
    const deskRes = await created;
    expect(deskRes.status()).toBe(201);
    desk = (await deskRes.json()) as Desk;
    expect(desk).toMatchObject({ key: DESK.key, name: DESK.name, departmentId: depts[0].id, visible: true });
    const row = page.getByTestId('desks-list').getByTestId(`admin-row-${desk.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(DESK.key);
    expect(await row.textContent()).toContain(depts[0].name);
    const panel = page.getByTestId('request-types-panel');
    await panel
      .getByRole('heading', { name: tr('fa', 'admin.catalogue.requestTypesOf', { name: `\u2068${DESK.name}\u2069` }) })
      .waitFor();
    await panel.getByText(tr('fa', 'admin.catalogue.emptyTypes')).waitFor();
    await a11y.check(page, 'desks (fa, desktop)');
    await shot(page, 'catalogue-admin-desks-fa-desktop');

    // A new request type starts with the default workflow: three statuses and four transitions.
    await page.getByTestId('request-type-create').click();
    await page.waitForURL(`**/admin/desks/${desk.id}/request-types/new`);
    await page.getByRole('heading', { level: 1, name: tr('fa', 'admin.catalogue.newRequestType') }).waitFor();
    await settled(page);
    const editor = page.getByTestId('request-type-editor');
    // Nothing is sent before Save: the dialogs' "Done" only puts their item back into the page.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && /\/request-types/.test(r.url())) sent.push(`${r.method()} ${r.url()}`);
    });
    for (const i of [0, 1, 2]) await editor.getByTestId(`status-${i}`).waitFor();
    expect(await editor.getByTestId('status-3').count()).toBe(0);
    expect(await editor.getByTestId('status-0').textContent()).toContain(tr('fa', 'admin.catalogue.defaults.open'));
    expect(await editor.getByTestId('status-2').textContent()).toContain(tr('fa', 'admin.catalogue.defaults.closed'));
    expect(await editor.locator('[data-testid^="transition-"][data-testid$="-edit"]').count()).toBe(4);
    await a11y.check(page, 'new request type (fa, desktop)');

    await editor.getByTestId('rt-name').fill(TYPE);
    // Two fields: the amount (a wrong key first) and the organisational unit.
    await editor.getByTestId('field-add').click();
    await editor.getByTestId('field-0-label').fill('مبلغ');
    await editor.getByTestId('field-0-key').fill('Amount');
    await chooseOption(page, editor.getByTestId('field-0-kind'), tr('fa', 'admin.catalogue.kind.money'));
    await editor.getByTestId('field-0-required').check();
    await editor.getByTestId('field-0-help').fill(HELP);
    await editor.getByTestId('field-add').click();
    await editor.getByTestId('field-1-label').fill('واحد سازمانی');
    await editor.getByTestId('field-1-key').fill('unit');
    await chooseOption(page, editor.getByTestId('field-1-kind'), tr('fa', 'admin.catalogue.kind.orgUnit'));

    // The workflow: the default statuses renamed, their transitions replaced by two.
    for (let i = 3; i >= 0; i--) await editor.getByTestId(`transition-${i}-remove`).click();
    for (const [i, s] of STATUSES.entries()) {
      await editor.getByTestId(`status-${i}-edit`).click();
      const dialog = page.getByTestId('status-dialog');
      await dialog.getByTestId('status-name').fill(s.name);
      await dialog.getByTestId('status-key').fill(s.key);
      await dialog.getByTestId('status-dialog-done').click();
      await dialog.waitFor({ state: 'detached' });
    }
    expect(await editor.getByTestId('status-0').getByTestId('status-initial').count()).toBe(1);

    // The transition the timer ends in: from "invoice" back to "requested", for the department.
    await editor.getByTestId('transition-add').click();
    let dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('transition-name').fill(NO_INVOICE.name);
    await dialog.getByTestId('transition-id').fill(NO_INVOICE.id);
    await chooseMany(page, dialog.getByTestId('transition-from'), [STATUSES[1].name]);
    await chooseOption(page, dialog.getByTestId('transition-to'), STATUSES[0].name);
    await chooseOption(page, dialog.getByTestId('transition-who'), tr('fa', 'admin.catalogue.whoOptions.department'));
    await dialog.getByTestId('transition-dialog-done').click();
    await dialog.waitFor({ state: 'detached' });

    // "Issue invoice": 72 working hours, then "no invoice"; an SMS with the amount.
    await editor.getByTestId('transition-add').click();
    dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('transition-name').fill(ISSUE.name);
    await dialog.getByTestId('transition-id').fill(ISSUE.id);
    await chooseMany(page, dialog.getByTestId('transition-from'), [STATUSES[0].name]);
    await chooseOption(page, dialog.getByTestId('transition-to'), STATUSES[1].name);
    await dialog.getByTestId('transition-needs-comment').check();
    await dialog.getByTestId('transition-timer').check();
    await dialog.getByTestId('timer-hours').fill('72');
    expect(await dialog.getByTestId('timer-hours').inputValue()).toBe('۷۲');
    await chooseOption(page, dialog.getByTestId('timer-on-expiry'), NO_INVOICE.name);
    await dialog.getByTestId('action-add').click();
    await page.getByTestId('action-add-sms').click();
    const sms = dialog.getByTestId('action-0-text');
    await sms.fill('مبلغ شارژ: ');
    // The form's keys are offered as chips that put their placeholder at the caret.
    await dialog.getByTestId('action-0-text-insert-unit').click();
    expect(await sms.inputValue()).toBe('مبلغ شارژ: {{unit}}');
    await a11y.check(page, 'transition dialog (fa, desktop)');
    await shotViewport(page, 'catalogue-admin-transition-fa-desktop');
    await dialog.getByTestId('transition-dialog-done').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await editor.getByTestId('transition-timer-chip').textContent()).toContain('۷۲ ساعت کاری');

    expect(sent).toEqual([]);

    // The wrong key: the server's message under it, nothing saved.
    const refused = page.waitForResponse(isCall(/\/request-types$/, 'POST'));
    await editor.getByTestId('rt-save').click();
    expect((await refused).status()).toBe(400);
    const key = editor.getByTestId('field-0-key');
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await key.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(serverFa['validation.field_key']);
    expect(page.url()).toContain('/request-types/new');
    await key.scrollIntoViewIfNeeded();
    await shotViewport(page, 'catalogue-admin-field-error-fa-desktop');

    // Fixed, it saves; the page moves to the new request type's address.
    await key.fill('amount');
    const saved = page.waitForResponse(isCall(/\/request-types$/, 'POST'));
    await editor.getByTestId('rt-save').click();
    const res = await saved;
    expect(res.status()).toBe(201);
    made = (await res.json()) as RequestType;
    await page.waitForURL(`**/admin/desks/${desk.id}/request-types/${made.id}`);
    await page.getByTestId('admin-notice').waitFor();

    // After a reload, all of it: in the page and through the API.
    await page.reload();
    await settled(page);
    const again = page.getByTestId('request-type-editor');
    expect(await again.getByTestId('rt-name').inputValue()).toBe(TYPE);
    expect(await again.getByTestId('field-0-key').inputValue()).toBe('amount');
    expect(await again.getByTestId('field-0-kind').textContent()).toBe(tr('fa', 'admin.catalogue.kind.money'));
    expect(await again.getByTestId('field-0-required').isChecked()).toBe(true);
    expect(await again.getByTestId('field-0-help').inputValue()).toBe(HELP);
    expect(await again.getByTestId('field-1-kind').textContent()).toBe(tr('fa', 'admin.catalogue.kind.orgUnit'));
    for (const [i, s] of STATUSES.entries())
      expect(await again.getByTestId(`status-${i}`).textContent()).toContain(s.name);
    expect(await again.getByTestId('workflow-initial').textContent()).toBe(STATUSES[0].name);
    expect(await again.getByTestId('transition-0').textContent()).toContain(NO_INVOICE.name);
    expect(await again.getByTestId('transition-1').textContent()).toContain(ISSUE.name);
    expect(await again.getByTestId('transition-timer-chip').textContent()).toContain(NO_INVOICE.name);
    await again.getByTestId('transition-1-edit').click();
    dialog = page.getByTestId('transition-dialog');
    expect(await dialog.getByTestId('timer-hours').inputValue()).toBe('۷۲');
    expect(await dialog.getByTestId('timer-on-expiry').textContent()).toBe(NO_INVOICE.name);
    expect(await dialog.getByTestId('action-0-text').inputValue()).toBe('مبلغ شارژ: {{unit}}');
    await dialog.getByTestId('transition-dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await a11y.check(page, 'request type after reload (fa, desktop)');
    await page.evaluate('window.scrollTo(0, 0)');
    await shotViewport(page, 'catalogue-admin-request-type-fa-desktop');
    await again.getByTestId('field-1').scrollIntoViewIfNeeded();
    await shotViewport(page, 'catalogue-admin-fields-fa-desktop');
    await again.getByTestId('transition-add').scrollIntoViewIfNeeded();
    await shotViewport(page, 'catalogue-admin-workflow-fa-desktop');

    const stored = await api.get<RequestType>(`/request-types/${made.id}`);
    expect(stored.fields).toEqual([
      { key: 'amount', label: 'مبلغ', kind: 'money', required: true, help: HELP },
      { key: 'unit', label: 'واحد سازمانی', kind: 'orgUnit', required: false, help: '' },
    ]);
    expect(stored.workflow.initial).toBe('requested');
    expect(stored.workflow.statuses.map((s) => [s.key, s.name, s.category])).toEqual([
      ['requested', STATUSES[0].name, 'open'],
      ['invoice', STATUSES[1].name, 'pending'],
      ['charged', STATUSES[2].name, 'closed'],
    ]);
    expect(stored.workflow.transitions).toMatchObject([
      { ...NO_INVOICE, from: ['invoice'], to: 'requested', who: 'department', timer: null, actions: [] },
      {
        ...ISSUE,
        from: ['requested'],
        to: 'invoice',
        who: 'agent',
        needsComment: true,
        timer: { workingMinutes: 72 * 60, onExpiry: NO_INVOICE.id },
        actions: [{ kind: 'sms', to: 'requester', text: 'مبلغ شارژ: {{unit}}' }],
      },
    ]);

    // Back on the desks page, the desk lists it.
    await page.getByTestId('request-type-back').click();
    await page.waitForURL(`**/admin/desks?desk=${desk.id}`);
    await page.getByTestId('request-types-panel').getByTestId(`admin-row-${made.id}`).waitFor();
  });

  it('on a 390×844 phone the desks and the editor fit the screen', async () => {
    const page = await admin('phone');
    await page.goto(`/admin/desks?desk=${desk.id}`);
    await settled(page);
    await page.getByTestId('request-types-panel').getByTestId(`admin-row-${made.id}`).waitFor();
    let wide = await overflow(page);
    expect(wide.by, wide.culprits.join('\n')).toBeLessThanOrEqual(1);
    await a11y.check(page, 'desks (fa, phone)');
    await shot(page, 'catalogue-admin-desks-fa-phone');

    await page.goto(`/admin/desks/${desk.id}/request-types/${made.id}`);
    await settled(page);
    await page.getByTestId('field-1').waitFor();
    wide = await overflow(page);
    expect(wide.by, wide.culprits.join('\n')).toBeLessThanOrEqual(1);
    await a11y.check(page, 'request type (fa, phone)');
    await shotViewport(page, 'catalogue-admin-request-type-fa-phone');
    await page.getByTestId('field-0').scrollIntoViewIfNeeded();
    await shotViewport(page, 'catalogue-admin-fields-fa-phone');
    await page.getByTestId('transition-1-edit').scrollIntoViewIfNeeded();
    await shotViewport(page, 'catalogue-admin-workflow-fa-phone');
    await page.getByTestId('transition-1-edit').click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('timer-hours').scrollIntoViewIfNeeded();
    await a11y.check(page, 'transition dialog (fa, phone)');
    await shotViewport(page, 'catalogue-admin-transition-fa-phone');
    await dialog.getByTestId('transition-dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('in English: the desks and the editor, and a desk with requests is not deleted', async () => {
    await api.post('/requests', { requestTypeId: made.id, values: { amount: 100000 } });
    const page = await admin();
    await page.goto(`/admin/desks?desk=${desk.id}`);
    await settled(page);
    await setLang(page, 'en');
    try {
      await page.getByRole('heading', { level: 1, name: tr('en', 'admin.catalogue.title'), exact: true }).waitFor();
      await page.getByTestId('request-types-panel').getByTestId(`admin-row-${made.id}`).waitFor();
      await a11y.check(page, 'desks (en, desktop)');
      await shot(page, 'catalogue-admin-desks-en-desktop');

      await page.getByTestId('desks-list').getByTestId(`admin-delete-${desk.id}`).click();
      const refused = page.waitForResponse(isCall(new RegExp(`/desks/${desk.id}$`), 'DELETE'));
      await page.getByTestId('admin-confirm-delete').click();
      expect((await refused).status()).toBe(409);
      await page
        .getByRole('dialog')
        .getByRole('alert')
        .filter({ hasText: serverEn['errors.desk_has_requests'] })
        .waitFor();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: tr('en', 'common.cancel') })
        .click();
      expect((await api.get<{ items: Desk[] }>('/desks')).items.map((d) => d.id)).toContain(desk.id);

      await page.getByTestId('request-types-panel').getByTestId(`admin-edit-${made.id}`).click();
      await page.waitForURL(`**/request-types/${made.id}`);
      await settled(page);
      await page
        .getByRole('heading', {
          level: 1,
          name: tr('en', 'admin.catalogue.editRequestType', { name: `\u2068${TYPE}\u2069` }),
        })
        .waitFor();
      expect(await page.getByTestId('field-0-kind').textContent()).toBe(tr('en', 'admin.catalogue.kind.money'));
      expect(await page.getByTestId('transition-timer-chip').textContent()).toContain('72 working hours');
      await a11y.check(page, 'request type (en, desktop)');
      await shotViewport(page, 'catalogue-admin-request-type-en-desktop');
      await page.getByTestId('transition-add').scrollIntoViewIfNeeded();
      await shotViewport(page, 'catalogue-admin-workflow-en-desktop');

      // Leaving with unsaved changes asks first; kept, they stay; discarded, the page goes.
      await page.getByTestId('rt-name').fill(`${TYPE} 2`);
      await page.getByTestId('request-type-back').click();
      await page.getByTestId('discard-dialog').waitFor();
      await page.getByTestId('discard-keep').click();
      expect(await page.getByTestId('rt-name').inputValue()).toBe(`${TYPE} 2`);
      await page.getByTestId('request-type-back').click();
      await page.getByTestId('discard-confirm').click();
      await page.waitForURL(`**/admin/desks?desk=${desk.id}`);
      expect((await api.get<RequestType>(`/request-types/${made.id}`)).name).toBe(TYPE);
    } finally {
      await setLang(page, 'fa').catch(() => undefined);
    }
  });
});
