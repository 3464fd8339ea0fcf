import { describe, expect, it } from 'vitest';
import { addressKey, SIGN_IN_FAILURES_BEFORE_WAIT, SIGN_IN_MAX_WAIT_SECONDS, signInWait } from './rate-limit';

describe('sign-in limits', () => {
  it('count an IPv4 address as it is and an IPv6 one by its /64 network', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0DB8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.7')).toBe('64:ff9b:0:0::/64');
  });

  it('wait nothing for the first failures, then 1 s doubling up to 15 minutes', () => {
    const waits = Array.from({ length: 20 }, (_, i) => signInWait(i + 1));
    // waits[i] follows failure i + 1.
    expect(waits.slice(0, SIGN_IN_FAILURES_BEFORE_WAIT - 1).every((w) => w === 0)).toBe(true);
    expect(waits.slice(SIGN_IN_FAILURES_BEFORE_WAIT - 1, SIGN_IN_FAILURES_BEFORE_WAIT + 3)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...waits)).toBe(SIGN_IN_MAX_WAIT_SECONDS);
    expect(signInWait(1_000_000)).toBe(SIGN_IN_MAX_WAIT_SECONDS);
  });
});
