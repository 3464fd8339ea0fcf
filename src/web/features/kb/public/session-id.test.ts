import { afterEach, describe, expect, it, vi } from 'vitest';
import { newSessionId } from './session-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newSessionId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a v4 UUID, different each time', () => {
    const a = newSessionId();
    expect(a).toMatch(UUID);
    expect(newSessionId()).not.toBe(a);
  });

  it('is made from getRandomValues where randomUUID is missing (plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array<ArrayBuffer>) => real.getRandomValues(b) });
    expect(newSessionId()).toMatch(UUID);
  });
});
