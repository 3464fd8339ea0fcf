import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/contracts/permissions';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  unique,
  type TestApp,
} from '../helpers/test-app';

/**
 * Issue 12, point 2: nobody grants a permission they do not hold — through access levels,
 * through people, or through tokens. One `it` per path; admins hold everything.
 */
let t: TestApp;
let slug: string;
let admin: Client;

const level = async (permissions: string[]) => {
  const res = await admin.post('access-levels', { name: unique('level '), permissions });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
/** An agent whose level grants exactly `permissions`, signed in, speaking English. */
const agentWith = async (permissions: string[]) => {
  const levelId = await level(permissions);
  const u = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: levelId });
  u.client.s.lang = 'en';
  return { ...u, levelId };
};
const expectForbidden = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => {
  expect(res.statusCode).toBe(403);
  expect(res.json().error.code).toBe('forbidden');
};

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(() => t.close());

describe('rights: access levels', () => {
  it('creating a level with a permission the editor lacks is refused, in the caller’s language', async () => {
    const { client } = await agentWith(['access_levels.manage']);
    const res = await client.post('access-levels', { name: unique('mine '), permissions: ['settings.manage'] });
    expectForbidden(res);
    expect(res.json().error.message).toContain('settings.manage');
    expect(res.json().error.message).toMatch(/do not hold/);
    const fa = await client.post(
      'access-levels',
      { name: unique('mine '), permissions: ['mailboxes.manage'] },
      { headers: { 'accept-language': 'fa' } },
    );
    expectForbidden(fa);
    expect(fa.json().error.message).toContain('mailboxes.manage');
    expect(fa.json().error.message).not.toMatch(/do not hold/);
    // What it holds it may grant.
    expect(
      (await client.post('access-levels', { name: unique('ok '), permissions: ['access_levels.manage'] })).statusCode,
    ).toBe(201);
  });

  it('adding to another level a permission the editor lacks is refused; taking one away is no grant', async () => {
    const { client } = await agentWith(['access_levels.manage', 'tickets.reply']);
    const other = await level(['tickets.reply', 'settings.manage']);
    expectForbidden(
      await client.patch(`access-levels/${other}`, {
        permissions: ['tickets.reply', 'settings.manage', 'users.manage'],
      }),
    );
    const ok = await client.patch(`access-levels/${other}`, { permissions: ['tickets.reply'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().permissions).toEqual(['tickets.reply']);
    expectForbidden(
      await client.patch(`access-levels/${other}`, { permissions: ['tickets.reply', 'settings.manage'] }),
    );
  });

  it('an agent cannot change the permissions of the level it holds itself (the measured attack)', async () => {
    const { client, levelId } = await agentWith(['access_levels.manage']);
    const res = await client.patch(`access-levels/${levelId}`, {
      permissions: ['access_levels.manage', 'settings.manage', 'mailboxes.manage', 'users.manage', 'tickets.view_all'],
    });
    expectForbidden(res);
    expect(res.json().error.message).toMatch(/level you hold/);
    const levels = (await admin.get('access-levels?pageSize=100')).json().items as {
      id: string;
      permissions: string[];
    }[];
    expect(levels.find((l) => l.id === levelId)!.permissions).toEqual(['access_levels.manage']);
    expectForbidden(await client.get('settings'));
    expectForbidden(await client.get('mailboxes'));
  });
});

describe('rights: people', () => {
  it('assigning a level that holds more than the assigner is refused, on creation and on change', async () => {
    const { client } = await agentWith(['users.manage']);
    const big = await level(['users.manage', 'settings.manage']);
    const small = await level(['users.manage']);
    expectForbidden(
      await client.post('users', {
        role: 'agent',
        username: unique('a'),
        password: 'user-password-1',
        accessLevelId: big,
      }),
    );
    const made = await client.post('users', {
      role: 'agent',
      username: unique('a'),
      password: 'user-password-1',
      accessLevelId: small,
    });
    expect(made.statusCode).toBe(201);
    expectForbidden(await client.patch(`users/${made.json().id}`, { accessLevelId: big }));
  });

  it('an agent cannot raise its own level through the people API', async () => {
    const { client, id } = await agentWith(['users.manage']);
    const big = await level(['users.manage', 'settings.manage', 'tickets.view_all']);
    expectForbidden(await client.patch(`users/${id}`, { accessLevelId: big }));
    expectForbidden(await client.get('settings'));
  });

  it('an agent created without a level gets the default one only when the creator holds all of it', async () => {
    const { client } = await agentWith(['users.manage']);
    const big = await level(['users.manage', 'mailboxes.manage']);
    expect((await admin.patch('settings', { defaultAccessLevelId: big })).statusCode).toBe(200);
    expectForbidden(await client.post('users', { role: 'agent', username: unique('a'), password: 'user-password-1' }));
    expect((await admin.patch('settings', { defaultAccessLevelId: null })).statusCode).toBe(200);
  });

  it('only an admin makes an admin, by creation or by a role change', async () => {
    const { client } = await agentWith(['users.manage', 'customers.manage']);
    const made = await client.post('users', { role: 'admin', username: unique('x'), password: 'user-password-1' });
    expectForbidden(made);
    expect(made.json().error.message).toMatch(/Only an administrator/);
    const customer = await client.post('users', {
      role: 'customer',
      username: unique('c'),
      password: 'user-password-1',
    });
    expect(customer.statusCode).toBe(201);
    expectForbidden(await client.patch(`users/${customer.json().id}`, { role: 'admin' }));
    const agent = await client.post('users', { role: 'agent', username: unique('g'), accessLevelId: null });
    expectForbidden(await client.patch(`users/${agent.json().id}`, { role: 'admin' }));
  });

  it('a person whose level holds more than the manager cannot be changed (e.g. its password reset) or removed', async () => {
    const { client } = await agentWith(['users.manage']);
    const above = await makeUser(t, admin, slug, {
      role: 'agent',
      accessLevelId: await level(['users.manage', 'settings.manage']),
    });
    const res = await client.patch(`users/${above.id}`, { password: 'taken-over-1' });
    expectForbidden(res);
    expect(res.json().error.message).toMatch(/permissions you do not hold/);
    expectForbidden(await client.del(`users/${above.id}`));
    await signIn(t, slug, above.username, 'user-password-1');
  });

  it('users.manage creates and edits agents and customers, as the permission table says; customers.manage only customers', async () => {
    const users = await agentWith(['users.manage']);
    const agent = await users.client.post('users', { role: 'agent', username: unique('g'), accessLevelId: null });
    expect(agent.statusCode).toBe(201);
    const customer = await users.client.post('users', { role: 'customer', username: unique('c') });
    expect(customer.statusCode).toBe(201);
    expect((await users.client.patch(`users/${agent.json().id}`, { name: 'Agent' })).statusCode).toBe(200);
    expect((await users.client.patch(`users/${customer.json().id}`, { ticketAccess: false })).statusCode).toBe(200);
    expect((await users.client.del(`users/${customer.json().id}`)).statusCode).toBe(204);

    const customers = await agentWith(['customers.manage']);
    expect((await customers.client.post('users', { role: 'customer', username: unique('c') })).statusCode).toBe(201);
    expectForbidden(
      await customers.client.post('users', { role: 'agent', username: unique('g'), accessLevelId: null }),
    );
    expectForbidden(await customers.client.patch(`users/${agent.json().id}`, { name: 'No' }));
  });

  it('admins hold everything: any level can be made and given', async () => {
    const all = await level([...PERMISSIONS]);
    const u = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: all });
    expect((await u.client.get('settings')).statusCode).toBe(200);
    // ...and an agent holding every permission may grant every one too.
    u.client.s.lang = 'en';
    expect(
      (await u.client.post('access-levels', { name: unique('all '), permissions: [...PERMISSIONS] })).statusCode,
    ).toBe(201);
  });
});

describe('rights: tokens', () => {
  it('a token carries no more than its owner holds, now: lowering the owner’s level lowers the token', async () => {
    const { client, levelId } = await agentWith(['catalog.manage']);
    const token = (await client.post('api-tokens', { name: 'ci' })).json().token as string;
    const bearer = new Client(t, { bearer: token, lang: 'en' });
    expectForbidden(await bearer.get('settings'));
    expectForbidden(await bearer.post('access-levels', { name: unique('t '), permissions: ['settings.manage'] }));
    expect((await bearer.post('tags', { name: unique('tag') })).statusCode).toBe(201);
    expect((await admin.patch(`access-levels/${levelId}`, { permissions: [] })).statusCode).toBe(200);
    expectForbidden(await bearer.post('tags', { name: unique('tag') }));
  });
});
