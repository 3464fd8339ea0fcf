import { describe, expect, it } from 'vitest';
import { smsParts } from './parts';

const fa = (n: number) => 'س'.repeat(n);
const latin = (n: number) => 'a'.repeat(n);

describe('smsParts', () => {
  it('counts Persian as UCS-2: 70 in one part, 67 per part after', () => {
    expect(smsParts(fa(1))).toEqual({ encoding: 'ucs2', units: 1, parts: 1 });
    expect(smsParts(fa(70))).toEqual({ encoding: 'ucs2', units: 70, parts: 1 });
    expect(smsParts(fa(71))).toEqual({ encoding: 'ucs2', units: 71, parts: 2 });
    expect(smsParts(fa(134))).toEqual({ encoding: 'ucs2', units: 134, parts: 2 });
    expect(smsParts(fa(135))).toEqual({ encoding: 'ucs2', units: 135, parts: 3 });
  });

  it('counts GSM 03.38 text: 160 in one part, 153 per part after', () => {
    expect(smsParts(latin(160))).toEqual({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(smsParts(latin(161))).toEqual({ encoding: 'gsm7', units: 161, parts: 2 });
    expect(smsParts(latin(306))).toEqual({ encoding: 'gsm7', units: 306, parts: 2 });
    expect(smsParts(latin(307))).toEqual({ encoding: 'gsm7', units: 307, parts: 3 });
  });

  it('counts an extension character as two septets', () => {
    expect(smsParts('€')).toEqual({ encoding: 'gsm7', units: 2, parts: 1 });
    expect(smsParts('{}[]~|^\\')).toEqual({ encoding: 'gsm7', units: 16, parts: 1 });
    expect(smsParts('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(smsParts('€'.repeat(80) + 'a')).toEqual({ encoding: 'gsm7', units: 161, parts: 2 });
  });

  it('keeps GSM letters and punctuation in GSM, newlines included', () => {
    expect(smsParts('Code: 123456\nPishkhan @ £$¥ èé ÄÖÑÜ')).toMatchObject({ encoding: 'gsm7', parts: 1 });
  });

  it('switches the whole text to UCS-2 for one non-GSM character', () => {
    expect(smsParts(latin(69) + 'س')).toEqual({ encoding: 'ucs2', units: 70, parts: 1 });
    expect(smsParts(latin(70) + 'س')).toEqual({ encoding: 'ucs2', units: 71, parts: 2 });
    // Persian digits are not GSM characters either.
    expect(smsParts('کد ۱۲۳۴۵۶').encoding).toBe('ucs2');
  });

  it('counts a character beyond the BMP as two UCS-2 units', () => {
    expect(smsParts('😀')).toEqual({ encoding: 'ucs2', units: 2, parts: 1 });
    expect(smsParts('😀'.repeat(35))).toEqual({ encoding: 'ucs2', units: 70, parts: 1 });
    expect(smsParts('😀'.repeat(35) + 'a')).toEqual({ encoding: 'ucs2', units: 71, parts: 2 });
  });

  it('takes an empty text as one empty part', () => {
    expect(smsParts('')).toEqual({ encoding: 'gsm7', units: 0, parts: 1 });
  });
});
