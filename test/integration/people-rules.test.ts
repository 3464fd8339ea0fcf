import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sendSms, type SmsJob } from '../../src/server/modules/auth/otp';
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
import { multipart, png } from '../helpers/images';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** Issue 11, points 7–10: the last admin under concurrency, privacy, suspension, deleting an agent. */
let t: TestApp;
let w: TicketWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
});
afterAll(() => t.close());

const activeAdmins = async (workspaceId: number) =>
  Number(
    (
      await t.deps.database.executeSql<{ n: string }>(
        "select count(*) as n from users where workspace_id = $1 and role = 'admin' and active and deleted_at is null",
        [workspaceId],
      )
    ).rows[0].n,
  );

describe('the last admin (row lock)', () => {
  type Change = (c: Client, id: string) => Promise<LightMyRequestResponse>;
  const changes: Record<string, Change> = {
    demote: (c, id) => c.patch(`users/${id}`, { role: 'agent' }),
    deactivate: (c, id) => c.patch(`users/${id}`, { active: false }),
    delete: (c, id) => c.del(`users/${id}`),
  };

  /** Two admins, each removing the other at the same moment. */
  async function race(first: Change, second: Change) {
    const { slug, workspaceId, adminId } = await newWorkspace(t);
    const a = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const b = await makeUser(t, a, slug, { role: 'admin' });
    const [ra, rb] = await Promise.all([first(a, b.id), second(b.client, String(adminId))]);
    return { workspaceId, results: [ra, rb] };
  }

  for (const [nameA, changeA] of Object.entries(changes))
    for (const [nameB, changeB] of Object.entries(changes))
      it(`${nameA} and ${nameB} of the last two admins at once leave one`, async () => {
        for (let round = 0; round < 2; round++) {
          const { workspaceId, results } = await race(changeA, changeB);
          expect(await activeAdmins(workspaceId)).toBe(1);
          const ok = results.filter((r) => r.statusCode < 300);
          expect(ok, results.map((r) => `${r.statusCode} ${r.body}`).join('\n')).toHaveLength(1);
          // The other was refused: by the rule, or because its author is no admin any more.
          for (const r of results.filter((x) => x.statusCode >= 300)) {
            expect([400, 401, 403]).toContain(r.statusCode);
            if (r.statusCode === 400)
              expect(r.json().error).toMatchObject({ code: 'invalid', fields: expect.any(Object) });
          }
        }
      });

  it('with three admins, two removed at once both go', async () => {
    const { slug, workspaceId } = await newWorkspace(t);
    const a = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const b = await makeUser(t, a, slug, { role: 'admin' });
    const c = await makeUser(t, a, slug, { role: 'admin' });
    const [rb, rc] = await Promise.all([a.patch(`users/${b.id}`, { role: 'agent' }), a.del(`users/${c.id}`)]);
    expect([rb.statusCode, rc.statusCode]).toEqual([200, 204]);
    expect(await activeAdmins(workspaceId)).toBe(1);
  });
});

describe('privacy of customers’ contacts', () => {
  let customer: { id: string; client: Client; email: string; mobile: string };

  beforeAll(async () => {
    const email = `${unique('zahra')}@example.com`;
    const mobile = '09351112233';
    const made = await makeUser(t, w.admin, w.slug, {
      role: 'customer',
      name: 'Zahra Hosseini',
      email,
      mobile,
      alternateEmails: [`alt-${email}`],
    });
    const pic = multipart('me.png', png(), 'image/png');
    expect((await made.client.post('me/avatar', pic.payload, { headers: pic.headers })).statusCode).toBe(200);
    customer = { ...made, email, mobile };
  });

  const find = async (c: Client, q: string) =>
    (await c.get(`users?role=customer&q=${encodeURIComponent(q)}`)).json().items as {
      id: string;
      name: string;
      email: string | null;
      mobile: string | null;
      alternateEmails: string[];
      avatarUrl: string | null;
    }[];

  it('agents without customers.manage see names and avatars, not e-mail addresses or mobiles', async () => {
    const [seen] = await find(w.agent.client, 'Zahra');
    expect(seen).toMatchObject({
      id: customer.id,
      name: 'Zahra Hosseini',
      email: null,
      mobile: null,
      alternateEmails: [],
    });
    expect(seen.avatarUrl).toMatch(/avatar/);
    expect((await w.agent.client.get(seen.avatarUrl!)).statusCode).toBe(200);
    const one = (await w.agent.client.get(`users/${customer.id}`)).json();
    expect(one).toMatchObject({ email: null, mobile: null, alternateEmails: [] });
    // Nor can they spell an address out by searching fragments; a whole one still finds the person.
    expect(await find(w.agent.client, customer.email.slice(0, 8))).toEqual([]);
    expect(await find(w.agent.client, '0935111')).toEqual([]);
    expect((await find(w.agent.client, customer.email.toUpperCase())).map((u) => u.id)).toEqual([customer.id]);
    expect((await find(w.agent.client, '+98 935 111 2233')).map((u) => u.id)).toEqual([customer.id]);
    expect(JSON.stringify((await w.agent.client.get('users?pageSize=100')).json())).not.toContain(customer.email);
    // Staff's own contacts stay visible to staff.
    const staff = (await w.agent.client.get('users?role=admin')).json().items;
    expect(staff[0].email).toMatch(/^admin@/);
  });

  it('those who manage customers see them, and a ticket shows its requester’s address to its agents', async () => {
    const level = (
      await w.admin.post('access-levels', { name: unique('desk'), permissions: ['customers.manage'] })
    ).json();
    const desk = await makeUser(t, w.admin, w.slug, { role: 'agent', accessLevelId: level.id });
    for (const c of [desk.client, w.admin]) {
      const [seen] = await find(c, customer.email.slice(0, 8));
      expect(seen).toMatchObject({ email: customer.email, mobile: customer.mobile });
      expect(seen.alternateEmails).toEqual([`alt-${customer.email}`]);
    }
    const tk = await openTicket(customer.client, { departmentId: w.support.id });
    const page = await w.agent.client.get(`tickets/${tk.number}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().requester).toMatchObject({ id: customer.id, name: 'Zahra Hosseini', email: customer.email });
    // The thread shows her avatar on her message (read with the messages, in one statement).
    const [first] = (await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items;
    expect(first.author.avatarUrl).toMatch(new RegExp(`^/api/v1/users/${customer.id}/avatar\\?v=\\d+$`));
    expect((await w.agent.client.get(first.author.avatarUrl)).statusCode).toBe(200);
    const row = (await w.agent.client.get(`tickets?q=${tk.number}`)).json().items[0];
    expect(row.requester.email).toBe(customer.email);
    // Who may not see the ticket learns nothing from it.
    expect((await w.billingAgent.client.get(`tickets/${tk.number}`)).statusCode).toBe(404);
  });
});

describe('a suspended workspace', () => {
  it('takes no sign-ups and sends or accepts no one-time codes; public reads stay open', async () => {
    const { slug, workspaceId } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const dep = (await admin.post('departments', { name: 'Front desk' })).json();
    await makeUser(t, admin, slug, { role: 'customer', mobile: '09127770101' });
    const anon = new Client(t, { slug, lang: 'en' });
    // A code asked for before the suspension...
    expect((await anon.post('auth/otp/request', { mobile: '09127770101' })).statusCode).toBe(202);
    const jobs = await t.deps.database.executeSql<{ id: string; data: SmsJob }>(
      "select id, data from pgboss.job where name = 'sms.send' and state = 'created' and (data->>'workspaceId')::bigint = $1",
      [workspaceId],
    );
    for (const j of jobs.rows) await sendSms(t.deps)(j.data);
    const code = /(\d{6})/.exec(t.sms.sent.filter((m) => m.to === '09127770101').at(-1)!.text)![1];

    await admin.patch('settings', { suspended: true, suspensionMessage: 'Back at six' });
    const refused = [
      await anon.post('auth/register', { mobile: '09127770102', username: unique('new'), acceptTerms: true }),
      await anon.post('auth/otp/request', { mobile: '09127770101' }),
      // ...does not sign anyone in while the workspace is suspended.
      await anon.post('auth/otp/verify', { mobile: '09127770101', code }),
    ];
    for (const r of refused) {
      expect(r.statusCode).toBe(503);
      expect(r.json().error.code).toBe('suspended');
    }
    const settings = await anon.get('public/settings');
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ suspended: true, suspensionMessage: 'Back at six' });
    expect((await anon.get('public/departments')).json().items.map((d: { id: string }) => d.id)).toEqual([dep.id]);
    // The admin still signs in with a password, to lift it.
    const again = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    await again.patch('settings', { suspended: false });
    expect((await anon.post('auth/otp/verify', { mobile: '09127770101', code })).statusCode).toBe(200);
    const reg = await anon.post('auth/register', { mobile: '09127770102', username: unique('new'), acceptTerms: true });
    expect(reg.statusCode).toBe(202);
  });
});

describe('deleting an agent', () => {
  it('takes it off assignees, followers and department managers in one go, logged on each ticket', async () => {
    const gone = await makeUser(t, w.admin, w.slug, {
      role: 'agent',
      name: 'Leaving Agent',
      departmentIds: [w.support.id],
    });
    const dept = (await w.admin.post('departments', { name: unique('Lab'), managerId: gone.id })).json();
    expect(dept.managerId).toBe(gone.id);
    const stays = w.agent.id;
    const tk = async (patch: Record<string, unknown>) => {
      const made = await openTicket(w.alice.client, { departmentId: w.support.id });
      if (Object.keys(patch).length)
        expect((await w.admin.patch(`tickets/${made.number}`, patch)).statusCode).toBe(200);
      return made.number as number;
    };
    const both = await tk({ assigneeIds: [gone.id, stays] });
    const only = await tk({ assigneeIds: [gone.id], followerIds: [gone.id, stays] });
    const follows = await tk({ followerIds: [gone.id] });
    const untouched = await tk({ assigneeIds: [stays], followerIds: [stays] });
    const removedTicket = await tk({ assigneeIds: [gone.id] });
    expect((await w.admin.del(`tickets/${removedTicket}`)).statusCode).toBe(204);
    const many = await Promise.all(Array.from({ length: 12 }, () => tk({ assigneeIds: [gone.id] })));
    const eventsOf = async (n: number) =>
      (await w.admin.get(`tickets/${n}/events`)).json().items as {
        kind: string;
        actor: { id: string | null };
        data: Record<string, unknown>;
      }[];
    const before = await eventsOf(untouched);

    expect((await w.admin.del(`users/${gone.id}`)).statusCode).toBe(204);

    const view = async (n: number) => (await w.admin.get(`tickets/${n}`)).json();
    const ids = (refs: { id: string }[]) => refs.map((r) => r.id);
    expect(ids((await view(both)).assignees)).toEqual([stays]);
    expect(ids((await view(only)).assignees)).toEqual([]);
    expect(ids((await view(only)).followers)).toEqual([stays]);
    expect(ids((await view(follows)).followers)).toEqual([]);
    expect(ids((await view(untouched)).assignees)).toEqual([stays]);
    for (const n of many) expect(ids((await view(n)).assignees)).toEqual([]);
    const deleted = await t.deps.database.executeSql<{ assignee_ids: unknown[] }>(
      'select assignee_ids from tickets where workspace_id = $1 and number = $2',
      [w.workspaceId, removedTicket],
    );
    expect(deleted.rows[0].assignee_ids).toEqual([]);
    expect((await w.admin.get(`departments/${dept.id}`)).json().managerId).toBeNull();

    const adminId = (await w.admin.get('auth/me')).json().user.id;
    const last = async (n: number) => (await eventsOf(n)).at(-1)!;
    expect(await last(both)).toMatchObject({
      kind: 'assigned',
      actor: { id: adminId },
      data: { from: [gone.id, stays].sort((x, y) => Number(x) - Number(y)), to: [stays], removed: gone.id },
    });
    const onlyEvents = (await eventsOf(only)).slice(-2).map((e) => [e.kind, e.data]);
    expect(onlyEvents).toEqual(
      expect.arrayContaining([
        ['assigned', { from: [gone.id], to: [], removed: gone.id }],
        ['followers_changed', { to: [stays], removed: gone.id }],
      ]),
    );
    expect(await last(follows)).toMatchObject({ kind: 'followers_changed', data: { to: [], removed: gone.id } });
    expect(await eventsOf(untouched)).toEqual(before);
    for (const n of many) expect((await last(n)).data).toMatchObject({ to: [], removed: gone.id });

    // The audit row sums it up.
    const audit = await t.deps.database.executeSql<{ data: Record<string, unknown> }>(
      "select data from audit_log where workspace_id = $1 and action = 'user.deleted' and entity_id = $2",
      [w.workspaceId, gone.id],
    );
    expect(audit.rows[0].data).toMatchObject({
      unassignedTickets: 15,
      unfollowedTickets: 2,
      managedDepartments: [dept.id],
    });
  });
});
