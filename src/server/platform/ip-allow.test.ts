import { describe, expect, it } from 'vitest';
import { ipMatcher } from './ip-allow';
import { redactUrl } from './http/redact-url';

describe('ipMatcher', () => {
  it('allows all with an empty list; matches addresses, CIDR blocks and IPv4-mapped IPv6', () => {
    expect(ipMatcher([])('8.8.8.8')).toBe(true);
    const m = ipMatcher(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect(m('10.20.30.40')).toBe(true);
    expect(m('::ffff:10.1.1.1')).toBe(true);
    expect(m('192.0.2.7')).toBe(true);
    expect(m('192.0.2.8')).toBe(false);
    expect(m('2001:db8::5')).toBe(true);
    expect(m('2001:db9::5')).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides secret query values and keeps the rest', () => {
    expect(redactUrl('/x?token=abc&page=2')).toBe('/x?token=redacted&page=2');
    expect(redactUrl('/x?code=1')).toBe('/x?code=redacted');
    expect(redactUrl('/x?page=2')).toBe('/x?page=2');
  });
});
