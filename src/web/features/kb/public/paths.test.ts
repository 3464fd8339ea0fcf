import { describe, expect, it } from 'vitest';
import { articlePath, newTicketPath } from './paths';

describe('help centre paths', () => {
  it('percent-encodes a Persian slug and passes the suggestion session on', () => {
    const slug = 'راهنمای-تنظیم-چاپگر';
    expect(articlePath(slug)).toBe(`/help/articles/${encodeURIComponent(slug)}`);
    expect(articlePath('vpn', '0b6c2f0e-58a3-4c8e-9d5e-3f6a1c2b7d90')).toBe(
      '/help/articles/vpn?suggestion=0b6c2f0e-58a3-4c8e-9d5e-3f6a1c2b7d90',
    );
  });

  it('sends a visitor to the guest form and a signed-in person to the portal, the subject prefilled', () => {
    expect(newTicketPath(false)).toBe('/guest/new');
    expect(newTicketPath(true)).toBe('/portal/new');
    const path = newTicketPath(false, 'چاپگر شبکه & VPN?');
    expect(path.startsWith('/guest/new?subject=')).toBe(true);
    expect(new URL(path, 'http://x').searchParams.get('subject')).toBe('چاپگر شبکه & VPN?');
  });
});
