import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pngBytes } from './flows';

/** What test/e2e/kb-admin.test.ts writes and reads back: the knowledge base's shapes, texts, editor steps. */
export interface Group {
  id: string;
  name: string;
  parentId: string | null;
  imageId: string | null;
  imageUrl: string | null;
  kb: boolean;
  visible: boolean;
}
export interface Article {
  id: string;
  groupId: string;
  title: string;
  body: string;
  visible: boolean;
  internal: boolean;
  slug: string;
  keywords: string[];
  locale: string;
}

export const GROUP = 'شبکه و چاپگرها';
export const SUBGROUP = 'چاپگرهای شبکه';
export const NO_KB = 'اطلاعیه‌های داخلی';
export const TITLE = 'راهنمای تنظیم چاپگر شبکه';
export const HEADING = 'نصب راه‌انداز';
export const BIG = 'این راهنما برای ویندوز است';
export const STEPS = ['کابل شبکه را وصل کنید', 'نشانی چاپگر را وارد کنید'];
export const COMMAND = 'ping 192.168.1.20';
export const LINKED = 'صفحهٔ سازنده';

export const isCall = (path: RegExp, method: string) => (r: { url(): string; request(): { method(): string } }) =>
  path.test(new URL(r.url()).pathname) && r.request().method() === method;

export const png = (name: string) => ({ name, mimeType: 'image/png', buffer: pngBytes(24) });

/** Waits until the cursor is back in the editor (after a toolbar menu or dialog), so typing goes there. */
export async function backInEditor(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(`document.activeElement?.getAttribute('data-testid') === 'kb-body'`))
    .toBe(true);
}

/** Picks an item (by test id) of a toolbar menu opened by its button (by test id); the cursor comes back. */
export async function pick(page: Page, button: string, item: string): Promise<void> {
  await page.getByTestId(button).click();
  await page.getByTestId(item).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
  await backInEditor(page);
}
