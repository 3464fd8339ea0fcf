import { describe, expect, it } from 'vitest';
import { createReadLimit } from './read-limit';

describe('public read limit (per address, per minute, in memory)', () => {
  it('lets `perMinute` reads through, refuses the next with Retry-After, and starts again next minute', () => {
    let now = 60_000 * 1000 + 15_000;
    const limit = createReadLimit(3, () => now);
    for (let i = 0; i < 3; i++) limit('192.0.2.1');
    limit('192.0.2.2'); // another address has its own count
    let refused: unknown;
    try {
      limit('192.0.2.1');
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfter: 45 });
    now += 45_000;
    expect(() => limit('192.0.2.1')).not.toThrow();
  });
});
