import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeTextMapped } from './text';

describe('normalizeTextMapped', () => {
  const samples = [
    'كتاب علي',
    '  می‌خواهم   ۱۲۳ و ٤٥٦  ',
    'مُحَمَّد\u200Cرضا',
    'Hello   WORLD\n\tagain',
    'ΣΟΦΟΣ',
    '😀 emoji نمی‌شود',
    '',
    // One character for each (the quick path): ZWNJ between letters, folded letters and digits.
    'Reset my VPN نمی‌شود ۱۲۳ كيك ٤٥ Éclair',
    'a\u200Cb',
    // Not one for each: a ZWNJ at an end or beside a space, two spaces, a diacritic.
    '\u200Cنمی',
    'نمی \u200Cشود',
    'a  b',
    'مُ',
  ];
  it('gives the text normalizeText gives, and where each of its characters came from', () => {
    for (const s of samples) {
      const { text, map } = normalizeTextMapped(s);
      expect(text).toBe(normalizeText(s));
      expect(map).toHaveLength(text.length);
      for (const at of map) expect(at).toBeLessThan(Math.max(s.length, 1));
    }
    const { text, map } = normalizeTextMapped(' مُحَمَّد علي');
    expect(text).toBe('محمد علی');
    // "علی" starts at the original's "علي".
    expect(map[text.indexOf('علی')]).toBe(' مُحَمَّد '.length);
    expect(map[text.length - 1]).toBe(' مُحَمَّد علي'.length - 1);
  });

  it('agrees with normalizeText on random mixes of every folded kind of character', () => {
    const pool = [...'aZ09 \t\n\u00a0\u3000يىكۀةیکه۰۹٠٩\u064b\u0670\u0640\u200c\u200d\u00adİÉß😀Σσ.-'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: Math.floor(next() * 30) }, () => pool[Math.floor(next() * pool.length)]).join('');
      const { text, map } = normalizeTextMapped(s);
      expect(text).toBe(normalizeText(s));
      expect(map).toHaveLength(text.length);
      for (let k = 1; k < map.length; k++) expect(map[k]).toBeGreaterThanOrEqual(map[k - 1]);
    }
  });
});
