import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TPublicKbArticleRow } from '../../../../contracts/kb';
import { ArticleRows } from './ArticleRows';

const render = (items: TPublicKbArticleRow[]) =>
  renderToStaticMarkup(createElement(MemoryRouter, null, createElement(ArticleRows, { items }))).replace(
    /<style[^>]*>[^<]*<\/style>/g,
    '',
  );

const row = (over: Partial<TPublicKbArticleRow>): TPublicKbArticleRow => ({
  slug: 'راهنمای-تنظیم-چاپگر-شبکه',
  title: 'راهنمای تنظیم چاپگر شبکه',
  summary: 'خلاصه',
  groupId: '1',
  locale: 'fa',
  updatedAt: '2026-12-01T08:00:00Z',
  ...over,
});

describe('help centre article rows', () => {
  it('marks the matched words of the title and the snippet as <mark> text, and links the encoded slug', () => {
    const html = render([
      row({
        titleMarks: [[13, 24]],
        snippet: { text: 'برای چاپگر شبکه ابتدا…', marks: [[5, 15]] },
      }),
    ]);
    expect(html).toContain('<mark');
    expect(html).toMatch(/<mark[^>]*>چاپگر شبکه<\/mark>/);
    expect(html).toContain(`href="/help/articles/${encodeURIComponent('راهنمای-تنظیم-چاپگر-شبکه')}"`);
    // With a snippet, the summary is not shown too.
    expect(html).not.toContain('خلاصه');
  });

  it('never reads a title or snippet as HTML', () => {
    const html = render([
      row({
        title: '<img src=x onerror=alert(1)>',
        titleMarks: [[0, 4]],
        snippet: { text: '<script>alert(1)</script>', marks: [[1, 7]] },
      }),
    ]);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('alert(1)&lt;/script&gt;');
  });

  it('shows the summary without a search', () => {
    expect(render([row({})])).toContain('خلاصه');
  });
});
