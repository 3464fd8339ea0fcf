import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson, signIn } from './helpers/browser';
import { overflow, settled, shotFromTop, softA11y, switchLanguage, tr, type Lang } from './helpers/flows';
import { ApiClient } from './helpers/server';
import { useSignedInWeb } from './helpers/signed-in';

/**
 * K4 in the browser: the reports page of an agent with reports.view (sara, the demo's senior
 * agent) — the figures, the charts drawn as SVG with the days in Jalali and Persian digits, the
 * axis running right to left in Persian, the tables, the export links; English and a phone;
 * an agent without the permission has no Reports in the menu.
 */

/** The labels the volume chart may write under its bars: each of the last 30 days, as the app formats them. */
function dayLabels(lang: Lang): string[] {
  const tag = lang === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-GB';
  const f = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
  const out: string[] = [];
  for (let i = 29; i >= 0; i--) {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - i);
    out.push(f.format(d));
  }
  return out;
}

/** The volume chart's day labels, left to right on the screen. */
async function axisLabels(page: Page): Promise<string[]> {
  const ticks = page
    .getByTestId('report-volume-chart')
    .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await ticks.first().waitFor();
  const all = await ticks.evaluateAll((els) =>
    els.map((e) => ({ text: e.textContent ?? '', x: Number(e.getAttribute('x')) })),
  );
  return all.sort((a, b) => a.x - b.x).map((t) => t.text);
}

describe('reports page', () => {
  const web = useSignedInWeb('sara');
  const a11y = softA11y();

  it('draws the range in Jalali with Persian digits, right to left, and in English', async () => {
    const api = await ApiClient.login(web.server.base, 'sara');
    const overview = await api.get<{ created: number }>('/reports/overview');
    expect(overview.created).toBeGreaterThan(0); // the demo's tickets, opened today

    const page = web.person.page;
    for (const lang of ['fa', 'en'] as const) {
      await page.goto('/agent');
      await switchLanguage(page, lang);
      await page.getByRole('link', { name: tr(lang, 'nav.reports') }).click();
      await page.waitForURL((u) => u.pathname === '/agent/reports');
      await page.getByRole('heading', { level: 1, name: tr(lang, 'reports.title') }).waitFor();
      await settled(page);
      await page.getByTestId('report-volume-chart').locator('svg').first().waitFor();
      await page.getByTestId('report-times-chart').locator('svg').first().waitFor();
      await page.getByTestId('report-sla-chart').locator('svg').first().waitFor();

      const labels = await axisLabels(page);
      const days = dayLabels(lang);
      expect(labels.length).toBeGreaterThanOrEqual(3);
      for (const l of labels) expect(days, `axis label ${l}`).toContain(l);
      const order = labels.map((l) => days.indexOf(l));
      if (lang === 'fa') {
        for (const l of labels) expect(l).toMatch(/^[۰-۹]+ \S+$/);
        // Right to left: the latest day is on the left.
        expect(order).toEqual([...order].sort((a, b) => b - a));
      } else {
        for (const l of labels) expect(l).toMatch(/^\d+ [A-Z][a-z]{2}$/);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }

      const created = page.getByTestId('report-kpi-created');
      await expect
        .poll(async () => (await created.textContent()) ?? '')
        .toContain(
          lang === 'fa'
            ? String(overview.created).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])
            : String(overview.created),
        );
      await page.getByTestId('report-by-agent').waitFor();
      const csv = await page.getByTestId('report-export-csv').getAttribute('href');
      expect(csv).toMatch(/^\/api\/v1\/reports\/export\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      const download = await page.request.get(csv!);
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      await shotFromTop(page, `reports-${lang}-desktop`);
      await a11y.check(page, `reports (${lang})`);
    }
    await switchLanguage(page, 'fa');
    a11y.assertNone();
    expect(web.person.errors).toEqual([]);
  });

  it('fits a phone', async () => {
    const phone = await newPerson(web.browser, web.server.base, 'phone');
    try {
      await signIn(phone.page, 'sara');
      await phone.page.goto('/agent/reports');
      await settled(phone.page);
      await phone.page.getByTestId('report-volume-chart').locator('svg').first().waitFor();
      const { by } = await overflow(phone.page);
      expect(by).toBe(0);
      await shotFromTop(phone.page, 'reports-fa-phone');
    } finally {
      await phone.context.close();
    }
  });

  it('is not offered to an agent without reports.view', async () => {
    const reza = await newPerson(web.browser, web.server.base);
    try {
      await signIn(reza.page, 'reza');
      await reza.page.goto('/agent');
      await settled(reza.page);
      await expect(reza.page.getByRole('link', { name: tr('fa', 'nav.reports') }).count()).resolves.toBe(0);
      await reza.page.goto('/agent/reports');
      await reza.page.getByRole('heading', { level: 1, name: tr('fa', 'reports.title') }).waitFor();
      await reza.page.getByRole('alert').first().waitFor();
    } finally {
      await reza.context.close();
    }
  });
});
