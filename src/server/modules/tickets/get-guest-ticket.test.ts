import { describe, expect, it } from 'vitest';
import { guestImageLinks } from './get-guest-ticket';

describe('guestImageLinks', () => {
  const url = (id: number) => `/api/v1/public/tickets/5/attachments/${id}?code=a&b`;
  it('points inline images at the guest download address', () => {
    expect(guestImageLinks('<p><img src="/api/v1/attachments/12" alt="x"></p>', url)).toBe(
      '<p><img src="/api/v1/public/tickets/5/attachments/12?code=a&amp;b" alt="x"></p>',
    );
  });
  it('leaves links and other text alone', () => {
    const html = '<p><a href="/api/v1/attachments/12">file</a> /api/v1/attachments/3</p>';
    expect(guestImageLinks(html, url)).toBe(html);
  });
});
