import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, makeUser, newWorkspace, signIn, type TestApp } from '../helpers/test-app';
import { multipart, png } from '../helpers/images';

/**
 * The platform's main flows, written once and run on both drivers: on PostgreSQL by the
 * integration suite and on embedded PGlite by the smoke suite.
 */
export function platformFlows(app: () => TestApp) {
  it('first admin signs in, creates an access level, an agent and a department; the agent works in it', async () => {
    const t = app();
    const { slug } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const level = (
      await admin.post('access-levels', { name: 'Support', permissions: ['tickets.reply', 'departments.manage'] })
    ).json();
    const agent = await makeUser(t, admin, slug, { role: 'agent', accessLevelId: level.id, mobile: '۰۹۱۲۰۰۰۰۰۰۱' });
    const me = (await agent.client.get('auth/me')).json();
    expect(me.permissions).toEqual(['departments.manage', 'tickets.reply']);
    expect(me.user.mobile).toBe('09120000001');
    const dep = await agent.client.post('departments', { name: 'پشتیبانی', agentIds: [agent.id] });
    expect(dep.statusCode).toBe(201);
    expect((await agent.client.get(`departments/${dep.json().id}`)).json().agentIds).toEqual([agent.id]);
    expect((await agent.client.post('users', { role: 'customer', username: 'nope1' })).statusCode).toBe(403);
  });

  it('workspaces stay apart: 404 across them', async () => {
    const t = app();
    const a = await newWorkspace(t);
    const b = await newWorkspace(t);
    const ca = await signIn(t, a.slug, 'admin', ADMIN_PASSWORD);
    const cb = await signIn(t, b.slug, 'admin', ADMIN_PASSWORD);
    const dep = (await ca.post('departments', { name: 'A only' })).json();
    expect((await cb.get(`departments/${dep.id}`)).statusCode).toBe(404);
    expect((await cb.patch(`departments/${dep.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await cb.get('departments')).json().total).toBe(0);
  });

  it('password reset: job queued, mail sent by the worker handler, token used once', async () => {
    const t = app();
    const { slug } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const u = await makeUser(t, admin, slug, { role: 'customer', email: 'flow@reset.test' });
    expect((await new Client(t, { slug }).post('auth/password/forgot', { login: 'flow@reset.test' })).statusCode).toBe(
      202,
    );
    const job = await t.deps.database.executeSql<{ data: never }>(
      "select data from pgboss.job where name = 'mail.password-reset' order by created_on desc limit 1",
      [],
    );
    const { sendResetMail } = await import('../../src/server/modules/auth/send-reset-mail.job');
    await sendResetMail(t.deps)(job.rows[0].data);
    const token = decodeURIComponent(/token=([^&\s]+)/.exec(t.mailer.sent.at(-1)!.text)![1]);
    expect(
      (await new Client(t, { slug }).post('auth/password/reset', { token, password: 'flow-new-pass' })).statusCode,
    ).toBe(204);
    await signIn(t, slug, u.username, 'flow-new-pass');
  });

  it('settings, public settings and a logo upload', async () => {
    const t = app();
    const { slug } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    expect((await admin.patch('settings', { title: 'Flow desk', customersCanRegister: false })).statusCode).toBe(200);
    const up = multipart('logo.png', png(), 'image/png');
    expect((await admin.post('settings/logo', up.payload, { headers: up.headers })).statusCode).toBe(200);
    const pub = (await new Client(t, { slug }).get('public/settings')).json();
    expect(pub).toMatchObject({ title: 'Flow desk', forms: { registration: false } });
    expect((await new Client(t, { slug }).get(pub.logoUrl)).headers['content-type']).toBe('image/png');
  });

  it('errors keep their shape: invalid fields, unknown ids, bad JSON', async () => {
    const t = app();
    const { slug } = await newWorkspace(t);
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const en = new Client(t, { ...admin.s, lang: 'en' });
    expect((await en.post('users', { role: 'boss' })).json().error.fields.role).toMatch(/one of/);
    expect((await en.get('users/424242')).statusCode).toBe(404);
    expect(
      (await en.req('POST', 'tags', '{', { headers: { 'content-type': 'application/json' } })).json().error.code,
    ).toBe('invalid');
  });
}
