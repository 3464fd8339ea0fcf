import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, newWorkspace, signIn, type Client, type TestApp } from '../helpers/test-app';

/** Path ids reach the actions as numbers (ZIdParams); a malformed one is the same 404 as a missing one. */
let t: TestApp;
let admin: Client;
let adminId: number;
beforeAll(async () => {
  t = await createTestApp();
  const w = await newWorkspace(t);
  adminId = w.adminId;
  admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

describe('id params', () => {
  it('a well-formed id finds its row', async () => {
    const res = await admin.get(`users/${adminId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(String(adminId));
    const dept = (await admin.post('departments', { name: 'Support' })).json();
    expect((await admin.patch(`departments/${dept.id}`, { name: 'Help' })).json().name).toBe('Help');
  });

  it('a malformed id is a 404 on every kind of id route', async () => {
    const urls = [
      ['GET', 'users/abc'],
      ['GET', 'users/0'],
      ['GET', 'users/12345678901234567'],
      ['PATCH', 'users/1.5'],
      ['DELETE', 'users/-3'],
      ['GET', 'users/x1/avatar'],
      ['GET', 'attachments/1e3'],
      ['DELETE', 'tags/abc'],
      ['GET', 'mailboxes/abc'],
      ['GET', 'mailboxes/1/quarantine/abc/raw'],
      ['POST', 'mailboxes/1/quarantine/0/retry'],
      ['PATCH', 'tickets/1/messages/abc'],
      ['DELETE', 'tickets/1/messages/01'],
    ] as const;
    for (const [method, url] of urls) {
      const res = await admin.req(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code, `${method} ${url}`).toBe('not_found');
    }
  });
});
