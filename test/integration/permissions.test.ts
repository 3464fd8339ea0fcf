import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/contracts/permissions';
import type { RouteEntry } from '../../src/server/app';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * Generated from the app's route table: every route refuses a caller who lacks what it
 * declares — no credentials (401), the wrong role or a missing permission (403) — before the
 * body is even validated.
 */
let t: TestApp;
let slug: string;
let admin: Client;
let noPerms: Client; // an agent whose access level grants nothing
let customer: Client;
const withOnly = new Map<string, Client>(); // permission → agent holding only that one

const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name) => (name === 'number' ? '1' : '999999'));
// Platform routes are public outside any workspace; operator routes answer 404 here (no operator
// configured) and are tested in operator.test.ts.
const routes = () => t.app.routeTable.filter((r) => !['public', 'platform', 'operator'].includes(r.access.kind));
const call = (c: Client, r: RouteEntry) =>
  c.req(r.method as never, concrete(r.url), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  const empty = await admin.post('access-levels', { name: 'nothing', permissions: [] });
  noPerms = (await makeUser(t, admin, slug, { role: 'agent', accessLevelId: empty.json().id })).client;
  customer = (await makeUser(t, admin, slug, { role: 'customer' })).client;
  for (const p of PERMISSIONS) {
    const level = await admin.post('access-levels', { name: `only ${p}`, permissions: [p] });
    withOnly.set(p, (await makeUser(t, admin, slug, { role: 'agent', accessLevelId: level.json().id })).client);
  }
}, 120_000);
afterAll(() => t.close());

describe('route table', () => {
  it('declares an access rule on every API route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(30);
    for (const r of t.app.routeTable)
      expect(['public', 'platform', 'operator', 'signed_in', 'roles', 'permission']).toContain(r.access.kind);
  });

  it('every non-public route answers 401 without credentials', async () => {
    for (const r of routes()) {
      const res = await call(new Client(t, { slug }), r);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('every permission route answers 403 to an agent without that permission, and lets one with it through', async () => {
    const permRoutes = routes().filter((r) => r.access.kind === 'permission');
    expect(permRoutes.length).toBeGreaterThan(15);
    for (const r of permRoutes) {
      const needed = (r.access as { permission: string }).permission;
      const refused = await call(noPerms, r);
      expect(refused.statusCode, `${r.method} ${r.url} without ${needed}`).toBe(403);
      expect((await call(customer, r)).statusCode, `${r.method} ${r.url} as customer`).toBe(403);
      // Holding a different permission does not help...
      const other = PERMISSIONS.find((p) => p !== needed)!;
      expect((await call(withOnly.get(other)!, r)).statusCode, `${r.method} ${r.url} with ${other}`).toBe(403);
      // ...holding the declared one gets past the gate (to validation, 404 or success).
      const allowed = await call(withOnly.get(needed)!, r);
      expect(allowed.statusCode, `${r.method} ${r.url} with ${needed}`).not.toBe(403);
      expect(allowed.statusCode).not.toBe(401);
    }
  });

  it('every role route refuses the roles it does not name', async () => {
    const roleRoutes = routes().filter((r) => r.access.kind === 'roles');
    expect(roleRoutes.length).toBeGreaterThan(3);
    for (const r of roleRoutes) {
      const roles = (r.access as { roles: string[] }).roles;
      if (!roles.includes('customer'))
        expect((await call(customer, r)).statusCode, `${r.method} ${r.url} as customer`).toBe(403);
      if (!roles.includes('agent'))
        expect((await call(noPerms, r)).statusCode, `${r.method} ${r.url} as agent`).toBe(403);
      if (roles.includes('admin'))
        expect((await call(admin, r)).statusCode, `${r.method} ${r.url} as admin`).not.toBe(403);
    }
  });
});
