import { describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '../../platform/crypto';
import {
  canonicalCode,
  CODE_ALPHABET,
  codeMatches,
  groupCode,
  newTrackingCode,
  presentableCode,
  trackingHash,
} from './tracking-code';

describe('guest tracking codes', () => {
  it('are 12 characters of an alphabet of 32 without O, I, L or U: 60 bits', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).not.toMatch(/[OILU]/);
    expect(CODE_ALPHABET.length ** 12).toBeGreaterThanOrEqual(2 ** 60);
    const codes = Array.from({ length: 2000 }, newTrackingCode);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character turns up in every position over enough codes (no stuck bits).
    for (let i = 0; i < 12; i++) expect(new Set(codes.map((c) => c[i])).size).toBe(32);
  });

  it('are shown in groups of four and read back however they are typed', () => {
    expect(groupCode('K7QM4XWD9JRT')).toBe('K7QM-4XWD-9JRT');
    for (const typed of [
      'K7QM-4XWD-9JRT',
      'k7qm4xwd9jrt',
      ' k7qm 4xwd 9jrt ',
      'K7QM–4XWD—9JRT',
      'K۷QM-۴XWD-۹JRT',
      'K٧QM-٤XWD-٩JRT',
    ])
      expect(canonicalCode(typed), typed).toBe('K7QM4XWD9JRT');
    // O is read as 0, I and L as 1.
    expect(canonicalCode('OOIL-2345-6789')).toBe('001123456789');
    expect(canonicalCode('K7QM-4XWD-9JR')).toBeNull();
    expect(canonicalCode('K7QM-4XWD-9JRTX')).toBeNull();
    expect(canonicalCode('K7QM-4XWD-9JRU')).toBeNull();
    expect(presentableCode('k7qm4xwd9jrt')).toBe('K7QM-4XWD-9JRT');
  });

  it('match their stored hash in either format, and nothing else', () => {
    const stored = trackingHash('K7QM4XWD9JRT');
    expect(codeMatches('k7qm-4xwd-9jrt', stored)).toBe(true);
    expect(codeMatches('K7QM-4XWD-9JRV', stored)).toBe(false);
    expect(codeMatches('', stored)).toBe(false);
    const old = randomToken(18);
    expect(codeMatches(old, sha256(old))).toBe(true);
    expect(codeMatches(` ${old} `, sha256(old))).toBe(true);
    // Old codes are case-sensitive, as they always were.
    expect(codeMatches(old.toLowerCase() === old ? old.toUpperCase() : old.toLowerCase(), sha256(old))).toBe(false);
    expect(presentableCode(old)).toBe(old);
    expect(codeMatches('K7QM-4XWD-9JRT', null)).toBe(false);
  });
});
