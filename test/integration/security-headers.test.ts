import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Issue 12, point 7: a plain-HTTP install reached by any host name showed a blank page —
 * `upgrade-insecure-requests` made the browser fetch scripts over https, and HSTS pinned the
 * host to https. Those two headers are sent only when PUBLIC_URL is https.
 */
const csp = (headers: Record<string, unknown>) => String(headers['content-security-policy'] ?? '');

describe('security headers', () => {
  describe('plain HTTP (PUBLIC_URL http://…)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('postgres', { PUBLIC_URL: 'http://helpdesk.intranet:3000' });
    }, 60_000);
    afterAll(() => t?.close());

    it('has no HSTS and no upgrade-insecure-requests, from any host name', async () => {
      for (const host of ['helpdesk.intranet:3000', '10.0.0.5:3000', 'localhost:3000']) {
        const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { host } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['strict-transport-security'], host).toBeUndefined();
        expect(csp(res.headers), host).not.toContain('upgrade-insecure-requests');
        // The rest of the policy stays.
        expect(csp(res.headers)).toContain("default-src 'self'");
        expect(csp(res.headers)).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });
  });

  describe('HTTPS (PUBLIC_URL https://…)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('postgres', { PUBLIC_URL: 'https://help.example.com' });
    }, 60_000);
    afterAll(() => t?.close());

    it('sends HSTS and upgrade-insecure-requests', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'help.example.com' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      expect(csp(res.headers)).toContain('upgrade-insecure-requests');
      expect(csp(res.headers)).toContain("default-src 'self'");
    });
  });
});
