import { describe, expect, it } from 'vitest';
import { decimals, sizeOf, wholeNumbers } from './report-array-text';

describe('array text', () => {
  it('counts the entries: none in {} or null, one without a comma', () => {
    expect([sizeOf(null), sizeOf('{}'), sizeOf('{7}'), sizeOf('{1,22,333}')]).toEqual([0, 0, 1, 3]);
  });

  it('reads whole numbers, negative ones too, from an index on', () => {
    const out = new Int32Array(6);
    expect(wholeNumbers('{0,-12,1736}', out, 2)).toBe(5);
    expect([...out]).toEqual([0, 0, 0, -12, 1736, 0]);
  });

  it('reads float8 as PostgreSQL writes it, exponents included', () => {
    const out = new Float32Array(5);
    expect(decimals('{420,0.5,-3.25,1.5e+20,7e-05}', out, 0)).toBe(5);
    expect([...out]).toEqual([420, 0.5, -3.25, Math.fround(1.5e20), Math.fround(7e-5)]);
  });
});
