import { describe, expect, it } from 'vitest';
import { markTerms, snippetOf, wholeTags } from './search-snippet';

describe('search snippets', () => {
  it('drops the piece of a tag at either end of a window cut out of HTML', () => {
    expect(wholeTags('lass="x">متن <b>پررنگ</b> و <a hre')).toBe('متن <b>پررنگ</b> و ');
    expect(wholeTags('<p>whole</p>')).toBe('<p>whole</p>');
    expect(wholeTags('text only')).toBe('text only');
    expect(wholeTags('a > b')).toBe(' b');
  });

  it('marks words typed with a space where the text has a ZWNJ, and digits of any script', () => {
    const text = 'از دیروز وی\u200cپی\u200cان وصل نمی\u200cشود؛ خطای ۸۰۹';
    const marks = markTerms(text, { words: ['وی', 'پی', 'ان', 'نمیشود'] });
    const marked = marks.map(([s, e]) => text.slice(s, e).replaceAll('\u200c', ''));
    expect(marked).toEqual(expect.arrayContaining(['وی', 'پی', 'ان', 'نمیشود']));
    const digits = markTerms(text, { digits: '809' });
    expect(digits.map(([s, e]) => text.slice(s, e))).toEqual(['۸۰۹']);
  });

  it('cuts a long text around the first mark and shifts the marks with it', () => {
    const text = `${'کلمه '.repeat(100)}چاپگر خراب است ${'دیگر '.repeat(100)}`;
    const marks = markTerms(text, { words: ['چاپگر'] });
    const s = snippetOf(text, marks);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(200);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['چاپگر']);
  });
});
