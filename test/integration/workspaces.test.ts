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

/**
 * Two workspaces side by side: nothing of A can be read, changed, deleted or even detected by
 * B — an id from A answers 404 exactly as an id that does not exist.
 */
let t: TestApp;
let a: Client;
let b: Client;
let slugA: string;
let slugB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  ({ slug: slugA } = await newWorkspace(t));
  ({ slug: slugB } = await newWorkspace(t));
  a = await signIn(t, slugA, 'admin', ADMIN_PASSWORD);
  b = await signIn(t, slugB, 'admin', ADMIN_PASSWORD);
  const agent = await makeUser(t, a, slugA, { role: 'agent', username: 'shared-name', email: 'same@example.com' });
  ids.user = agent.id;
  ids.department = (await a.post('departments', { name: 'Secret dept', agentIds: [agent.id] })).json().id;
  ids.group = (await a.post('groups', { kind: 'agent', name: 'Secret group', memberIds: [agent.id] })).json().id;
  ids.accessLevel = (await a.post('access-levels', { name: 'Secret level', permissions: ['tickets.reply'] })).json().id;
  ids.ticketType = (await a.post('ticket-types', { name: 'Secret type' })).json().id;
  ids.tag = (await a.post('tags', { name: 'secret-tag' })).json().id;
  ids.orgUnit = (await a.post('org-units', { name: 'Secret unit' })).json().id;
  ids.token = (await a.post('api-tokens', { name: 'secret token' })).json().id;
  ids.mailbox = (
    await a.post('mailboxes', {
      departmentId: ids.department,
      address: 'box@a.test',
      displayName: 'Secret box',
      outbound: { host: 'smtp.a.test', auth: false },
    })
  ).json().id;
  await a.patch('settings', { title: 'Workspace A title', announcement: 'only for A' });
});
afterAll(() => t.close());

describe('two workspaces', () => {
  it('lists of B never show A’s rows', async () => {
    const lists = [
      'users',
      'departments',
      'groups',
      'access-levels',
      'ticket-types',
      'tags',
      'org-units',
      'api-tokens',
      'mailboxes',
    ];
    for (const path of lists) {
      const res = await b.get(`${path}?pageSize=100`);
      expect(res.statusCode, path).toBe(200);
      const text = res.body;
      expect(text, path).not.toMatch(/Secret|secret-tag|shared-name/);
    }
    const settings = await b.get('settings');
    expect(settings.json().title).not.toBe('Workspace A title');
    expect((await b.get('users?q=shared')).json().total).toBe(0);
  });

  it('reading, changing or deleting A’s ids from B answers 404, the same as a missing id', async () => {
    const probes: [string, string, unknown?][] = [
      ['GET', `users/${ids.user}`],
      ['PATCH', `users/${ids.user}`, { name: 'hijack' }],
      ['DELETE', `users/${ids.user}`],
      ['GET', `users/${ids.user}/avatar`],
      ['GET', `departments/${ids.department}`],
      ['PATCH', `departments/${ids.department}`, { name: 'hijack' }],
      ['DELETE', `departments/${ids.department}`],
      ['POST', `departments/${ids.department}/assign-group`, { groupId: ids.group }],
      ['PATCH', `groups/${ids.group}`, { name: 'hijack' }],
      ['DELETE', `groups/${ids.group}`],
      ['PATCH', `access-levels/${ids.accessLevel}`, { name: 'hijack' }],
      ['DELETE', `access-levels/${ids.accessLevel}`],
      ['PATCH', `ticket-types/${ids.ticketType}`, { name: 'hijack' }],
      ['DELETE', `ticket-types/${ids.ticketType}`],
      ['DELETE', `tags/${ids.tag}`],
      ['PATCH', `org-units/${ids.orgUnit}`, { name: 'hijack' }],
      ['DELETE', `org-units/${ids.orgUnit}`],
      ['DELETE', `api-tokens/${ids.token}`],
      ['GET', `mailboxes/${ids.mailbox}`],
      ['PATCH', `mailboxes/${ids.mailbox}`, { displayName: 'hijack' }],
      ['POST', `mailboxes/${ids.mailbox}/test`, {}],
      ['GET', `mailboxes/${ids.mailbox}/quarantine`],
      ['GET', `mailboxes/${ids.mailbox}/quarantine/1/raw`],
      ['POST', `mailboxes/${ids.mailbox}/quarantine/1/retry`, {}],
      ['DELETE', `mailboxes/${ids.mailbox}`],
    ];
    for (const [method, url, body] of probes) {
      const foreign = await b.req(method as never, url, body);
      const missing = await b.req(method as never, url.replace(/\/\d+/, '/987654321'), body);
      expect(foreign.statusCode, `${method} ${url}`).toBe(404);
      expect(foreign.body, `${method} ${url}`).toBe(missing.body);
    }
    // "Fetch now" names the mailbox in its body, not its path.
    const fetchForeign = await b.post('mailboxes/fetch', { mailboxId: ids.mailbox });
    expect(fetchForeign.statusCode).toBe(404);
    expect(fetchForeign.body).toBe((await b.post('mailboxes/fetch', { mailboxId: '987654321' })).body);
  });

  it('A’s ids used as references from B are unknown, and A is untouched', async () => {
    const dep = await b.post('departments', { name: 'B dept', agentIds: [ids.user] });
    expect(dep.statusCode).toBe(400);
    expect(dep.json().error.fields.agentIds).toBeDefined();
    const user = await b.post('users', {
      role: 'agent',
      username: 'b-agent',
      password: 'password-123',
      accessLevelId: ids.accessLevel,
      departmentIds: [ids.department],
    });
    expect(user.statusCode).toBe(400);
    expect(Object.keys(user.json().error.fields).sort()).toEqual(['accessLevelId', 'departmentIds']);
    const grp = await b.post('groups', { kind: 'agent', name: 'g', memberIds: [ids.user] });
    expect(grp.statusCode).toBe(400);
    const box = await b.post('mailboxes', {
      departmentId: ids.department,
      address: 'b@b.test',
      outbound: { host: 'smtp.b.test', auth: false },
    });
    expect(box.statusCode).toBe(400);
    expect(Object.keys(box.json().error.fields)).toEqual(['departmentId']);
    expect((await b.get(`mailboxes?departmentId=${ids.department}`)).json().total).toBe(0);
    // Usernames and e-mails (also alternate ones) are unique per workspace only.
    expect(
      (await b.post('users', { role: 'customer', username: 'shared-name', email: 'same@example.com' })).statusCode,
    ).toBe(201);
    expect(
      (await b.post('users', { role: 'customer', username: 'other-name', alternateEmails: ['same@example.com'] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await b.post('users', { role: 'customer', username: 'other-name', alternateEmails: ['other-alt@example.com'] }))
        .statusCode,
    ).toBe(201);
    // An .eml cannot be imported into A's department.
    const b64 = Buffer.from('From: x@y.example\r\nSubject: s\r\nMessage-ID: <ws-probe@x>\r\n\r\nbody').toString(
      'latin1',
    );
    const boundary = 'wsprobe';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="departmentId"\r\n\r\n${ids.department}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.eml"\r\nContent-Type: message/rfc822\r\n\r\n${b64}\r\n--${boundary}--\r\n`;
    const imported = await b.post('tickets/import', form, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(imported.statusCode).toBe(400);
    expect(Object.keys(imported.json().error.fields)).toEqual(['departmentId']);
    // A still has everything, unchanged.
    expect((await a.get(`departments/${ids.department}`)).json().name).toBe('Secret dept');
    expect((await a.get(`users/${ids.user}`)).json().username).toBe('shared-name');
    expect((await a.get(`mailboxes/${ids.mailbox}`)).json().displayName).toBe('Secret box');
  });

  it('a user of A cannot sign in to B, and a session of A stays in A whatever header it sends', async () => {
    const res = await new Client(t, { slug: slugB }).post('auth/login', {
      login: 'shared-name',
      password: 'user-password-1',
    });
    expect(res.statusCode).toBe(401);
    const sneaky = new Client(t, { ...a.s, slug: slugB });
    expect((await sneaky.get('settings')).json().title).toBe('Workspace A title');
    expect((await new Client(t, { slug: 'no-such-workspace' }).get('public/settings')).statusCode).toBe(404);
    expect((await new Client(t, { slug: slugB }).get('public/settings')).json().announcement).toBe('');
  });
});
