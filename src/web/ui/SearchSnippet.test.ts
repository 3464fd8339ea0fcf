import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cleanMarks, Highlighted, SnippetLine, snippetIsSubject, SubjectText } from './SearchSnippet';

/** The markup without emotion's inline <style> tags. */
const render = (el: Parameters<typeof renderToStaticMarkup>[0]) =>
  renderToStaticMarkup(el).replace(/<style[^>]*>[^<]*<\/style>/g, '');

describe('search snippets', () => {
  it('joins marks that touch or are apart only by a ZWNJ', () => {
    const text = 'وی\u200cپی\u200cان و پیام';
    expect(
      cleanMarks(text, [
        [0, 2],
        [3, 5],
        [6, 8],
        [11, 13],
      ]),
    ).toEqual([
      [0, 8],
      [11, 13],
    ]);
  });

  it('cuts marks to the text, orders them, drops overlaps and empty ones, joins touching ones', () => {
    expect(
      cleanMarks('abcdefghij', [
        [6, 8],
        [0, 2],
        [1, 4],
        [9, 40],
        [5, 5],
        [-3, 1],
      ]),
    ).toEqual([
      [0, 4],
      [6, 8],
      [9, 10],
    ]);
  });

  it('marks the matched words and renders the text as text, never as markup', () => {
    const text = 'VPN <b>نمی‌شود</b> & <script>x</script>';
    const html = render(
      createElement(Highlighted, {
        text,
        marks: [
          [0, 3],
          [7, 14],
        ],
      }),
    );
    expect(html.replace(/<mark[^>]*>/g, '<mark>')).toBe(
      '<mark>VPN</mark> &lt;b&gt;<mark>نمی‌شود</mark>&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html.match(/<mark/g)).toHaveLength(2);
    expect(html).toContain('>نمی‌شود</mark>');
  });

  it('shows the match inside the subject when that is where it was, else a line under it', () => {
    const subject = 'اتصال  VPN قطع است';
    expect(snippetIsSubject(subject, { text: 'اتصال VPN قطع است', marks: [[6, 9]] })).toBe(true);
    const inSubject = render(
      createElement(SubjectText, { subject, snippet: { text: 'اتصال VPN قطع است', marks: [[6, 9]] } }),
    );
    expect(inSubject).toContain('>VPN</mark>');
    expect(
      render(createElement(SnippetLine, { subject, snippet: { text: 'اتصال VPN قطع است', marks: [[6, 9]] } })),
    ).toBe('');
    const text = '… دوباره شماره ۱۲۳ را زدم';
    const at = text.indexOf('۱۲۳');
    const line = render(createElement(SnippetLine, { subject, snippet: { text, marks: [[at, at + 3]] } }));
    expect(line).toContain('dir="auto"');
    expect(line).toContain('data-testid="search-snippet"');
    expect(line).toContain('>۱۲۳</mark>');
    expect(render(createElement(SubjectText, { subject }))).toBe(subject);
  });
});
