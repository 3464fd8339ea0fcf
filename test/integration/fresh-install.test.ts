import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/platform/db/database';
import { bootstrap, createWorkspace } from '../../src/server/modules/workspaces';
import { DEFAULT_ACCESS_LEVELS } from '../../src/server/modules/people';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../helpers/pg-global-setup';
import { Client, createTestApp, signIn, unique, type TestApp } from '../helpers/test-app';

/**
 * Issue 11, point 1: a new install works for a new agent. This file runs on a database of its
 * own, empty at the start, so that the first start (bootstrap, DEMO=false) really makes the
 * first workspace — as `npm start` does on a new server.
 */
let t: TestApp;
const DB = `pishkhan_fresh_${process.pid}_${Date.now().toString(36)}`;
const BOSS = { username: 'boss', password: 'boss-password-1' };

const levelNamed = (key: 'agent' | 'senior') => DEFAULT_ACCESS_LEVELS.find((l) => l.key === key)!;
/** bootstrap as main.ts runs it, with DEMO=false and ADMIN_USERNAME/ADMIN_PASSWORD given. */
const start = () => bootstrap({ ...t.deps, config: { ...t.deps.config, demo: false, admin: BOSS } });

type Level = { id: string; name: string; permissions: string[]; isDefault: boolean; agentCount: number };

beforeAll(async () => {
  await recreateDatabase(DB);
  const shared = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = testDatabaseUrl(DB);
  try {
    t = await createTestApp(); // migrates the empty database
  } finally {
    process.env.TEST_DATABASE_URL = shared;
  }
});
afterAll(async () => {
  await t?.close();
  if (!process.env.KEEP_TEST_DB) await dropDatabase(DB);
});

describe('a new install (DEMO=false)', () => {
  it('starts with «کارشناس» and «کارشناس ارشد», the first being the default level', async () => {
    const first = await start();
    expect(first).toMatchObject({ created: true, adminUsername: 'boss' });
    const boss = await signIn(t, 'default', BOSS.username, BOSS.password);
    const levels: Level[] = (await boss.get('access-levels')).json().items;
    const agent = levels.find((l) => l.name === 'کارشناس')!;
    const senior = levels.find((l) => l.name === 'کارشناس ارشد')!;
    expect(levels).toHaveLength(2);
    expect([...agent.permissions].sort()).toEqual(
      [
        'tickets.create',
        'tickets.reply',
        'tickets.note',
        'tickets.edit',
        'tickets.assign',
        'tickets.transfer',
        'tickets.bulk',
      ].sort(),
    );
    expect([...senior.permissions].sort()).toEqual(
      [...agent.permissions, 'tickets.view_all', 'tickets.delete', 'tickets.view_logs', 'customers.manage'].sort(),
    );
    expect(agent.isDefault).toBe(true);
    expect(senior.isDefault).toBe(false);
    expect((await boss.get('settings')).json().defaultAccessLevelId).toBe(agent.id);
    // A second start finds the workspace and changes nothing.
    expect(await start()).toEqual({ created: false, upgraded: [] });
    expect((await boss.get('access-levels')).json().total).toBe(2);
  });

  it('the admin makes a department and an agent through the API; the agent replies, notes, locks and bulk-changes at once', async () => {
    const boss = await signIn(t, 'default', BOSS.username, BOSS.password);
    const dept = await boss.post('departments', { name: 'پشتیبانی' });
    expect(dept.statusCode).toBe(201);
    const other = (await boss.post('departments', { name: 'مالی' })).json();
    const created = await boss.post('users', {
      role: 'agent',
      username: 'neda',
      name: 'ندا',
      password: 'neda-password-1',
      departmentIds: [dept.json().id],
    });
    expect(created.statusCode).toBe(201);
    const levels: Level[] = (await boss.get('access-levels')).json().items;
    expect(created.json().accessLevelId).toBe(levels.find((l) => l.isDefault)!.id);

    // Two guests write to the department through the public form.
    const guest = new Client(t, { slug: 'default' });
    const numbers: number[] = [];
    for (const name of ['مهمان یک', 'مهمان دو']) {
      const res = await guest.post('public/tickets', {
        name,
        email: `${unique('g')}@example.com`,
        subject: 'چاپگر کار نمی‌کند',
        body: '<p>لطفاً کمک کنید.</p>',
        departmentId: dept.json().id,
      });
      expect(res.statusCode).toBe(201);
      numbers.push(res.json().number);
    }
    const [a, b] = numbers;

    const neda = await signIn(t, 'default', 'neda', 'neda-password-1');
    const list = (await neda.get('tickets')).json();
    expect(list.items.map((i: { number: number }) => i.number).sort()).toEqual([a, b].sort());
    const reply = await neda.post(`tickets/${a}/messages`, { kind: 'reply', body: '<p>در حال بررسی است.</p>' });
    expect(reply.statusCode).toBe(201);
    const note = await neda.post(`tickets/${a}/messages`, { kind: 'note', body: '<p>کارتریج را عوض کنید.</p>' });
    expect(note.statusCode).toBe(201);
    expect((await neda.post(`tickets/${b}/assign-to-me`)).statusCode).toBeLessThan(300);
    const locked = await neda.patch(`tickets/${a}`, { status: 'locked' });
    expect(locked.statusCode).toBe(200);
    expect(locked.json().status).toBe('locked');
    const bulk = await neda.post('tickets/bulk', { numbers: [a, b], action: 'priority', value: 'high' });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toEqual({ done: [a, b], failed: [] });
    const bulkLock = await neda.post('tickets/bulk', { numbers: [b], action: 'lock' });
    expect(bulkLock.json()).toEqual({ done: [b], failed: [] });
    expect((await neda.get(`tickets/${b}`)).json()).toMatchObject({ status: 'locked', priority: 'high' });
    const opened = await neda.post('tickets', {
      subject: 'یادداشت داخلی',
      body: '<p>برای پیگیری.</p>',
      departmentId: dept.json().id,
      internal: true,
    });
    expect(opened.statusCode).toBe(201);
    const moved = await neda.post('tickets/bulk', {
      numbers: [opened.json().number],
      action: 'transfer',
      value: { departmentId: other.id },
    });
    expect(moved.json().done).toEqual([opened.json().number]);

    // What stays for «کارشناس ارشد»: deleting, the logs, other departments.
    expect((await neda.del(`tickets/${a}`)).statusCode).toBe(403);
    expect((await neda.get(`tickets/${a}/events`)).statusCode).toBe(403);
    const senior = levels.find((l) => !l.isDefault)!;
    await boss.post('users', {
      role: 'agent',
      username: 'omid',
      password: 'omid-password-1',
      accessLevelId: senior.id,
    });
    const omid = await signIn(t, 'default', 'omid', 'omid-password-1');
    expect((await omid.get(`tickets/${a}/events`)).statusCode).toBe(200);
    expect((await omid.get(`tickets/${opened.json().number}`)).statusCode).toBe(200);
    expect((await neda.get(`tickets/${opened.json().number}`)).statusCode).toBe(404);
  });

  it('the default level is a setting: another can be named, an unknown one is refused, deleting it leaves none', async () => {
    const boss = await signIn(t, 'default', BOSS.username, BOSS.password);
    const levels: Level[] = (await boss.get('access-levels')).json().items;
    const senior = levels.find((l) => l.name === levelNamed('senior').name.fa)!;
    expect((await boss.patch('settings', { defaultAccessLevelId: '999999' })).statusCode).toBe(400);
    expect((await boss.patch('settings', { defaultAccessLevelId: senior.id })).json().defaultAccessLevelId).toBe(
      senior.id,
    );
    const made = (await boss.post('users', { role: 'agent', username: unique('a') })).json();
    expect(made.accessLevelId).toBe(senior.id);
    // Naming no level (null) is a choice too; customers never get one.
    expect(
      (await boss.post('users', { role: 'agent', username: unique('a'), accessLevelId: null })).json(),
    ).toMatchObject({ accessLevelId: null });
    expect((await boss.post('users', { role: 'customer', username: unique('c') })).json().accessLevelId).toBeNull();
    // A customer made an agent gets the default level too.
    const c = (await boss.post('users', { role: 'customer', username: unique('c') })).json();
    expect((await boss.patch(`users/${c.id}`, { role: 'agent' })).json().accessLevelId).toBe(senior.id);

    const spare = (await boss.post('access-levels', { name: 'موقت', permissions: ['tickets.reply'] })).json();
    await boss.patch('settings', { defaultAccessLevelId: spare.id });
    expect((await boss.del(`access-levels/${spare.id}`)).statusCode).toBe(204);
    expect((await boss.get('settings')).json().defaultAccessLevelId).toBeNull();
    expect((await boss.post('users', { role: 'agent', username: unique('a') })).json().accessLevelId).toBeNull();
    // The admin's choice of "no default" survives restarts: nothing is added back.
    expect((await start()).upgraded).toEqual([]);
    expect((await boss.get('settings')).json().defaultAccessLevelId).toBeNull();
    await boss.patch('settings', { defaultAccessLevelId: levels.find((l) => l.isDefault)!.id });
  });

  it('an English workspace gets the levels in English', async () => {
    const slug = unique('en');
    const { workspace } = await createWorkspace(t.deps, {
      slug,
      name: 'Helpdesk',
      settings: { defaultLocale: 'en' },
      admin: { username: 'admin', password: 'admin-password-1' },
    });
    const admin = await signIn(t, slug, 'admin', 'admin-password-1');
    const levels: Level[] = (await admin.get('access-levels')).json().items;
    expect(levels.map((l) => [l.name, l.isDefault]).sort()).toEqual([
      ['Agent', true],
      ['Senior agent', false],
    ]);
    expect(workspace.id).toBeGreaterThan(0);
  });
});

describe('workspaces made before default levels existed', () => {
  it('get them at the next start, once, without losing or changing anything', async () => {
    const slug = unique('old');
    const { workspace } = await createWorkspace(t.deps, {
      slug,
      name: 'Old one',
      admin: { username: 'admin', password: 'admin-password-1' },
    });
    const ws = workspace.id;
    const db = t.deps.database.db;
    // As an older version left it: its own «کارشناس» (narrower than ours) with an agent on it,
    // another level, no «کارشناس ارشد» and no default-level setting.
    await db.execute(sql`delete from access_levels where workspace_id = ${ws}`);
    await db.execute(sql`update settings set data = data - 'defaultAccessLevelId' where workspace_id = ${ws}`);
    const admin = await signIn(t, slug, 'admin', 'admin-password-1');
    const own = (await admin.post('access-levels', { name: 'کارشناس', permissions: ['tickets.reply'] })).json();
    const support = (await admin.post('access-levels', { name: 'Support', permissions: ['tickets.note'] })).json();
    const agent = (
      await admin.post('users', { role: 'agent', username: 'old.agent', accessLevelId: support.id })
    ).json();
    const loose = (await admin.post('users', { role: 'agent', username: 'no.level' })).json();
    expect(loose.accessLevelId).toBeNull();
    // A workspace that lost its settings row altogether is mended too.
    const bare = await createWorkspace(t.deps, {
      slug: unique('bare'),
      name: 'Bare',
      admin: { username: 'admin', password: 'admin-password-1' },
    });
    await db.execute(sql`delete from access_levels where workspace_id = ${bare.workspace.id}`);
    await db.execute(sql`delete from settings where workspace_id = ${bare.workspace.id}`);

    const result = await start();
    expect(result.created).toBe(false);
    expect([...result.upgraded!].sort()).toEqual([ws, bare.workspace.id].sort());

    const levels: Level[] = (await admin.get('access-levels')).json().items;
    expect(levels.map((l) => l.name).sort()).toEqual(['Support', 'کارشناس', 'کارشناس ارشد'].sort());
    // Its own «کارشناس» is kept as it was, and becomes the default.
    expect(levels.find((l) => l.id === own.id)).toMatchObject({ permissions: ['tickets.reply'], isDefault: true });
    expect(levels.find((l) => l.id === support.id)).toMatchObject({ permissions: ['tickets.note'], agentCount: 1 });
    expect(levels.find((l) => l.name === 'کارشناس ارشد')!.permissions).toContain('tickets.view_all');
    expect((await admin.get('settings')).json()).toMatchObject({ defaultAccessLevelId: own.id, title: 'Old one' });
    // Agents keep their levels (the one without stays without: no one gains rights at a restart).
    expect((await admin.get(`users/${agent.id}`)).json().accessLevelId).toBe(support.id);
    expect((await admin.get(`users/${loose.id}`)).json().accessLevelId).toBeNull();

    const bareLevels = await queryRows<{ name: string }>(
      db,
      sql`select name from access_levels where workspace_id = ${bare.workspace.id} order by name`,
    );
    expect(bareLevels.map((r) => r.name).sort()).toEqual(['کارشناس', 'کارشناس ارشد'].sort());
    const bareSettings = await queryRows<{ data: Record<string, unknown> }>(
      db,
      sql`select data from settings where workspace_id = ${bare.workspace.id}`,
    );
    expect(bareSettings[0].data.defaultAccessLevelId).toMatch(/^\d+$/);

    // Idempotent: the next start finds nothing to do.
    expect(await start()).toEqual({ created: false, upgraded: [] });
    expect((await admin.get('access-levels')).json().total).toBe(3);
  });
});
