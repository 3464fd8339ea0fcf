import { describe, expect, it } from 'vitest';
import { appendArticleLink, articleUrl } from './article-link';

const ORIGIN = 'https://help.example.ir';

describe('article links in a reply', () => {
  it('points at the help centre, a Persian slug percent-encoded', () => {
    expect(articleUrl('تنظیم-چاپگر', ORIGIN)).toBe(`${ORIGIN}/help/articles/${encodeURIComponent('تنظیم-چاپگر')}`);
  });

  it('adds a paragraph with the title as text, escaped', () => {
    const html = appendArticleLink('<p>سلام</p>', { title: 'A <b>bold</b> "title" & more', slug: 'a-b' }, ORIGIN);
    expect(html).toBe(
      '<p>سلام</p><p><a href="https://help.example.ir/help/articles/a-b">A &lt;b&gt;bold&lt;/b&gt; &quot;title&quot; &amp; more</a></p>',
    );
  });

  it('is the only paragraph of an empty reply', () => {
    expect(appendArticleLink('', { title: 'x', slug: 'y' }, ORIGIN)).toBe(
      '<p><a href="https://help.example.ir/help/articles/y">x</a></p>',
    );
  });
});
