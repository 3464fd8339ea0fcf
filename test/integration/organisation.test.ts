import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';
import { multipart, png } from '../helpers/images';

let t: TestApp;
let slug: string;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

describe('departments (B1–B6)', () => {
  it('creates with manager and agents, pages and sorts by name and last update', async () => {
    const agent = await makeUser(t, admin, slug, { role: 'agent' });
    const manager = await makeUser(t, admin, slug, { role: 'agent' });
    const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo'];
    const created: string[] = [];
    for (const name of names) {
      t.clock.advance(1000);
      const res = await admin.post('departments', { name, agentIds: [agent.id], managerId: manager.id });
      expect(res.statusCode).toBe(201);
      expect(res.json().agentIds.sort()).toEqual([agent.id, manager.id].sort());
      created.push(res.json().id);
    }
    const p1 = (await admin.get('departments?pageSize=2&sort=name')).json();
    const p2 = (await admin.get('departments?pageSize=2&page=2&sort=name')).json();
    expect(p1.total).toBe(5);
    const byName = (await admin.get('departments?pageSize=100&sort=name'))
      .json()
      .items.map((d: { name: string }) => d.name);
    expect(byName.map((n: string) => n.toLowerCase())).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect([...p1.items, ...p2.items].map((d: { name: string }) => d.name)).toEqual(byName.slice(0, 4));
    const desc = (await admin.get('departments?pageSize=100&sort=-name'))
      .json()
      .items.map((d: { name: string }) => d.name);
    expect(desc).toEqual([...byName].reverse());
    t.clock.advance(1000);
    await admin.patch(`departments/${created[0]}`, { description: 'touched' });
    const recent = (await admin.get('departments?sort=-updated&pageSize=1')).json().items[0];
    expect(recent.id).toBe(created[0]);
    expect((await admin.get('departments?pageSize=101')).statusCode).toBe(400);
  });

  it('customers see only active, visible departments that are not internal', async () => {
    const customer = await makeUser(t, admin, slug, { role: 'customer' });
    const hidden = (await admin.post('departments', { name: 'Hidden', visible: false })).json().id;
    const internal = (await admin.post('departments', { name: 'Internal', usage: 'internal' })).json().id;
    const members = (await admin.post('departments', { name: 'Members only', usage: 'members' })).json().id;
    const off = (await admin.post('departments', { name: 'Off', active: false })).json().id;
    const seen = (await customer.client.get('departments?pageSize=100')).json().items;
    const ids = seen.map((d: { id: string }) => d.id);
    expect(ids).toContain(members);
    for (const id of [hidden, internal, off]) {
      expect(ids).not.toContain(id);
      expect((await customer.client.get(`departments/${id}`)).statusCode).toBe(404);
    }
    expect(seen.every((d: { agentIds: string[] }) => d.agentIds.length === 0)).toBe(true);
    const guests = (await new Client(t, { slug }).get('public/departments'))
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(guests).not.toContain(members);
    expect(guests).not.toContain(internal);
  });

  it('assigns every member of an agent group to a department (B5)', async () => {
    const m1 = await makeUser(t, admin, slug, { role: 'agent' });
    const m2 = await makeUser(t, admin, slug, { role: 'agent' });
    const group = (
      await admin.post('groups', { kind: 'agent', name: 'Night shift', memberIds: [m1.id, m2.id] })
    ).json();
    const dep = (await admin.post('departments', { name: 'Night desk' })).json();
    const res = await admin.post(`departments/${dep.id}/assign-group`, { groupId: group.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().agentIds.sort()).toEqual([m1.id, m2.id].sort());
    const customers = (await admin.post('groups', { kind: 'customer', name: 'VIP' })).json();
    expect((await admin.post(`departments/${dep.id}/assign-group`, { groupId: customers.id })).statusCode).toBe(400);
  });
});

describe('people (A1, A7, A9, A10)', () => {
  it('normalises mobiles, refuses duplicates per field, and protects the last admin', async () => {
    const res = await admin.post('users', {
      role: 'customer',
      username: 'mobiletest',
      mobile: '۰۰۹۸ ۹۳۵ ۱۱۱ ۲۲۳۳',
      email: 'Mobile@Test.COM',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().mobile).toBe('09351112233');
    expect(res.json().email).toBe('mobile@test.com');
    const dup = await admin.post('users', {
      role: 'customer',
      username: 'MOBILETEST',
      mobile: '+989351112233',
      email: 'mobile@test.com',
    });
    expect(dup.statusCode).toBe(400);
    expect(Object.keys(dup.json().error.fields).sort()).toEqual(['email', 'mobile', 'username']);
    const me = (await admin.get('auth/me')).json().user;
    expect((await admin.patch(`users/${me.id}`, { role: 'agent' })).statusCode).toBe(400);
    expect((await admin.del(`users/${me.id}`)).statusCode).toBe(400);
  });

  it('switching off a customer’s ticket access is kept and shown', async () => {
    const c = await makeUser(t, admin, slug, { role: 'customer' });
    const res = await admin.patch(`users/${c.id}`, { ticketAccess: false });
    expect(res.json().ticketAccess).toBe(false);
    expect((await c.client.get('auth/me')).json().user.ticketAccess).toBe(false);
  });

  it('an agent with customers.manage manages customers but not agents or admins', async () => {
    const level = (
      await admin.post('access-levels', { name: 'customer desk', permissions: ['customers.manage'] })
    ).json();
    const agent = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: level.id });
    expect((await agent.client.post('users', { role: 'customer', username: 'bycustdesk' })).statusCode).toBe(201);
    expect((await agent.client.post('users', { role: 'agent', username: 'notallowed1' })).statusCode).toBe(403);
    expect((await agent.client.post('users', { role: 'admin', username: 'notallowed2' })).statusCode).toBe(403);
    const other = await makeUser(t, admin, slug, { role: 'agent' });
    expect((await agent.client.patch(`users/${other.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('deleting a user frees its username and ends its sessions; a level in use cannot be deleted', async () => {
    const level = (await admin.post('access-levels', { name: 'temp', permissions: ['tickets.reply'] })).json();
    const u = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: level.id, username: 'leaver' });
    expect((await admin.del(`access-levels/${level.id}`)).statusCode).toBe(409);
    expect((await admin.del(`users/${u.id}`)).statusCode).toBe(204);
    expect((await u.client.get('auth/me')).statusCode).toBe(401);
    expect((await admin.get(`users/${u.id}`)).statusCode).toBe(404);
    expect((await admin.del(`access-levels/${level.id}`)).statusCode).toBe(204);
    expect((await admin.post('users', { role: 'customer', username: 'leaver' })).statusCode).toBe(201);
  });

  it('signature and avatar (A9): images only, size-limited, served back', async () => {
    const u = await makeUser(t, admin, slug, { role: 'agent' });
    expect((await u.client.patch('me', { signature: 'با احترام' })).json().signature).toBe('با احترام');
    const text = multipart('evil.png', Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect((await u.client.post('me/avatar', text.payload, { headers: text.headers })).statusCode).toBe(415);
    const big = multipart('big.png', Buffer.concat([png(), Buffer.alloc(1_100_000)]), 'image/png');
    expect((await u.client.post('me/avatar', big.payload, { headers: big.headers })).statusCode).toBe(413);
    const ok = multipart('../../me.png', png(), 'text/plain');
    const res = await u.client.post('me/avatar', ok.payload, { headers: ok.headers });
    expect(res.statusCode).toBe(200);
    const img = await admin.get(res.json().avatarUrl);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(png())).toBe(true);
  });

  it('groups hold members of their kind only', async () => {
    const cust = await makeUser(t, admin, slug, { role: 'customer' });
    const agent = await makeUser(t, admin, slug, { role: 'agent' });
    expect(
      (await admin.post('groups', { kind: 'customer', name: 'mixed', memberIds: [cust.id, agent.id] })).statusCode,
    ).toBe(400);
    const g = (await admin.post('groups', { kind: 'customer', name: 'Faculty', memberIds: [cust.id] })).json();
    expect(g.memberIds).toEqual([cust.id]);
    expect((await admin.get(`users?groupId=${g.id}`)).json().items.map((u: { id: string }) => u.id)).toEqual([cust.id]);
  });
});

describe('catalogue and settings (C2, C7, B7, J1, J2)', () => {
  it('ticket types, tags and organisational units', async () => {
    expect((await admin.post('ticket-types', { name: 'فنی' })).statusCode).toBe(201);
    expect((await admin.post('ticket-types', { name: 'فنی' })).statusCode).toBe(400);
    expect((await admin.post('tags', { name: 'VPN', color: '#00aa00' })).statusCode).toBe(201);
    expect((await admin.post('tags', { name: 'vpn' })).json().error.fields.name).toBeDefined();
    expect((await admin.post('tags', { name: 'x', color: 'green' })).statusCode).toBe(400);
    const parent = (await admin.post('org-units', { name: 'Faculty' })).json();
    const child = (await admin.post('org-units', { name: 'Department', parentId: parent.id })).json();
    const member = (
      await admin.post('users', { role: 'customer', username: `unit${Date.now()}`, orgUnitId: parent.id })
    ).json();
    expect(member.orgUnitId).toBe(parent.id);
    expect(
      (await admin.patch(`org-units/${parent.id}`, { parentId: child.id })).json().error.fields.parentId,
    ).toBeDefined();
    expect((await admin.del(`org-units/${parent.id}`)).statusCode).toBe(204);
    const units = (await admin.get('org-units')).json().items;
    expect(units.find((u: { id: string }) => u.id === child.id).parentId).toBeNull();
    // Its people are left without a unit, not pointing at a unit that is gone.
    expect((await admin.get(`users/${member.id}`)).json().orgUnitId).toBeNull();
  });

  it('settings merge, validate, and show publicly what they should', async () => {
    const res = await admin.patch('settings', {
      title: 'میز خدمت',
      guestFormEnabled: false,
      contact: { phone: '021-1234' },
      autoCloseDays: 10,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().contact).toEqual({ email: '', phone: '021-1234', address: '', website: '' });
    expect((await admin.patch('settings', { autoCloseDays: -1 })).statusCode).toBe(400);
    expect((await admin.patch('settings', {})).statusCode).toBe(400);
    const pub = (await new Client(t, { slug }).get('public/settings')).json();
    expect(pub.title).toBe('میز خدمت');
    expect(pub.forms.guestTickets).toBe(false);
    expect(pub).not.toHaveProperty('allowedIps');
    expect((await admin.get('settings')).json().autoCloseDays).toBe(10);
  });

  it('logo and login image: images only, shown publicly, removable', async () => {
    const bad = multipart(
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
      'image/svg+xml',
    );
    expect((await admin.post('settings/logo', bad.payload, { headers: bad.headers })).statusCode).toBe(415);
    const good = multipart('logo.png', png(4, 4), 'image/png');
    const res = await admin.post('settings/logo', good.payload, { headers: good.headers });
    expect(res.statusCode).toBe(200);
    const pub = (await new Client(t, { slug }).get('public/settings')).json();
    expect(pub.logoUrl).toBe(res.json().logoUrl);
    const img = await new Client(t, { slug }).get(pub.logoUrl);
    expect(img.headers['content-type']).toBe('image/png');
    const login = multipart('bg.png', png(8, 8), 'image/png');
    expect(
      (await admin.post('settings/login-image', login.payload, { headers: login.headers })).json().loginImageUrl,
    ).toMatch(/login-image/);
    expect((await admin.del('settings/logo')).json().logoUrl).toBeNull();
    expect((await new Client(t, { slug }).get('public/logo')).statusCode).toBe(404);
  });

  it('a suspended workspace shows its message and refuses everyone but admins', async () => {
    const { slug: s2 } = await newWorkspace(t);
    const a2 = await signIn(t, s2, 'admin', ADMIN_PASSWORD);
    const agent = await makeUser(t, a2, s2, { role: 'agent' });
    await a2.patch('settings', { suspended: true, suspensionMessage: 'به‌روزرسانی تا ساعت ۱۸' });
    expect((await new Client(t, { slug: s2 }).get('public/settings')).json().suspensionMessage).toBe(
      'به‌روزرسانی تا ساعت ۱۸',
    );
    const refused = await agent.client.get('departments');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('suspended');
    expect((await a2.get('departments')).statusCode).toBe(200);
    // Guests can still read why, but cannot send anything until the workspace is back.
    const dep = (await a2.post('departments', { name: 'Front desk' })).json();
    const guest = new Client(t, { slug: s2 });
    expect((await guest.get('public/departments')).statusCode).toBe(200);
    const form = {
      name: 'Guest',
      email: 'guest@example.com',
      subject: 'Hello',
      body: '<p>Hi</p>',
      departmentId: dep.id,
    };
    const closed = await guest.post('public/tickets', form);
    expect(closed.statusCode).toBe(503);
    expect(closed.json().error.code).toBe('suspended');
    await a2.patch('settings', { suspended: false });
    expect((await guest.post('public/tickets', form)).statusCode).toBe(201);
  });
});

describe('PATCH changes only what it names', () => {
  it('a user patch keeps departments, groups and flags; a settings patch keeps the rest', async () => {
    const dep = (await admin.post('departments', { name: 'Keep me' })).json();
    const grp = (await admin.post('groups', { kind: 'agent', name: 'Keep group' })).json();
    const u = await makeUser(t, admin, slug, {
      role: 'agent',
      departmentIds: [dep.id],
      groupIds: [grp.id],
      ticketAccess: false,
      signature: 'sig',
    });
    const after = (await admin.patch(`users/${u.id}`, { name: 'Renamed' })).json();
    expect(after).toMatchObject({
      name: 'Renamed',
      departmentIds: [dep.id],
      groupIds: [grp.id],
      ticketAccess: false,
      signature: 'sig',
    });
    await admin.patch('settings', { guestFormEnabled: false, autoCloseDays: 12, contact: { email: 'a@b.c' } });
    const s = (await admin.patch('settings', { title: 'Only the title', contact: { phone: '123' } })).json();
    expect(s).toMatchObject({
      title: 'Only the title',
      guestFormEnabled: false,
      autoCloseDays: 12,
      contact: { email: 'a@b.c', phone: '123' },
    });
  });
});
