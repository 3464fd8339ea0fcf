import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeUser, newWorkspace, signIn, type TestApp } from '../helpers/test-app';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * K6: canned responses — CRUD, who sees what (personal ones, departments, another workspace),
 * the Persian-folded search, unique shortcuts per scope, sanitised bodies, and filling the
 * placeholders for a ticket the agent may see (escaped), 404 for one it may not.
 */
let t: TestApp;
let w: TicketWorld;
useTicketWorld((app, world) => {
  t = app;
  w = world;
});

const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id);

async function make(c: TicketWorld['admin'], body: Record<string, unknown>) {
  const res = await c.post('canned-responses', { body: '<p>Hello</p>', shared: true, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; shortcut: string | null; body: string; shared: boolean; canEdit: boolean };
}

describe('canned responses', () => {
  it('are created, listed, changed and removed; shared ones only by managers', async () => {
    const shared = await make(w.admin, {
      title: 'Welcome',
      shortcut: 'Welcome-1',
      body: '<p>Hi {{requester.name}}</p>',
    });
    expect(shared).toMatchObject({ shortcut: 'welcome-1', shared: true, canEdit: true, departmentIds: [] });

    // An agent uses a shared response but may not write one.
    const seen = await w.agent.client.get('canned-responses');
    expect(seen.statusCode).toBe(200);
    const item = seen.json().items.find((i: { id: string }) => i.id === shared.id);
    expect(item).toMatchObject({ title: 'Welcome', canEdit: false });
    expect(
      (await w.agent.client.post('canned-responses', { title: 'x', body: '<p>x</p>', shared: true })).statusCode,
    ).toBe(403);
    expect((await w.agent.client.patch(`canned-responses/${shared.id}`, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await w.agent.client.del(`canned-responses/${shared.id}`)).statusCode).toBe(403);
    // Customers have no canned responses at all.
    expect((await w.alice.client.get('canned-responses')).statusCode).toBe(403);

    // Personal: the agent's own, changed and removed by it.
    const mine = await make(w.agent.client, { title: 'My note', shared: false, shortcut: 'mine' });
    expect(mine.canEdit).toBe(true);
    const changed = await w.agent.client.patch(`canned-responses/${mine.id}`, { title: 'My better note' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'My better note', shortcut: 'mine', shared: false });
    // Only what was sent changes; an empty patch is refused.
    expect((await w.agent.client.patch(`canned-responses/${mine.id}`, {})).statusCode).toBe(400);
    // It cannot make it shared without the permission.
    expect((await w.agent.client.patch(`canned-responses/${mine.id}`, { shared: true })).statusCode).toBe(403);
    expect((await w.agent.client.del(`canned-responses/${mine.id}`)).statusCode).toBe(204);
    expect(ids(await w.agent.client.get('canned-responses'))).not.toContain(mine.id);
    expect((await w.agent.client.del(`canned-responses/${mine.id}`)).statusCode).toBe(404);

    // canned.manage lets an agent write the team's responses.
    const level = (await w.admin.post('access-levels', { name: 'canned', permissions: ['canned.manage'] })).json();
    const lead = await makeUser(t, w.admin, w.slug, { role: 'agent', name: 'Lead', accessLevelId: level.id });
    const theirs = await make(lead.client, { title: 'Team answer' });
    expect((await lead.client.patch(`canned-responses/${shared.id}`, { title: 'Welcome!' })).json().title).toBe(
      'Welcome!',
    );
    expect((await lead.client.del(`canned-responses/${theirs.id}`)).statusCode).toBe(204);
  });

  it('keeps personal ones to their owner and shared ones to their departments', async () => {
    const personal = await make(w.agent.client, { title: 'Scope personal', shared: false });
    const billingOnly = await make(w.admin, { title: 'Scope billing', departmentIds: [w.billing.id] });
    const supportOnly = await make(w.admin, { title: 'Scope support', departmentIds: [w.support.id] });
    const everyone = await make(w.admin, { title: 'Scope everyone' });

    const agentSees = ids(await w.agent.client.get('canned-responses?q=scope'));
    expect(agentSees.sort()).toEqual([personal.id, supportOnly.id, everyone.id].sort());
    const billingSees = ids(await w.billingAgent.client.get('canned-responses?q=scope'));
    expect(billingSees.sort()).toEqual([billingOnly.id, everyone.id].sort());
    // Admins see every shared one, but nobody else's personal ones.
    const adminSees = ids(await w.admin.get('canned-responses?q=scope'));
    expect(adminSees.sort()).toEqual([billingOnly.id, supportOnly.id, everyone.id].sort());
    for (const c of [w.admin, w.billingAgent.client]) {
      expect((await c.patch(`canned-responses/${personal.id}`, { title: 'taken' })).statusCode).toBe(404);
      expect((await c.del(`canned-responses/${personal.id}`)).statusCode).toBe(404);
    }
    // A shared response of another department is not the agent's to use.
    const ticket = await openTicket(w.alice.client, { departmentId: w.support.id });
    expect(
      (await w.agent.client.get(`canned-responses/${billingOnly.id}/render?ticketNumber=${ticket.number}`)).statusCode,
    ).toBe(404);

    // ?departmentId=: that department's plus those for every department.
    const forBilling = ids(await w.admin.get(`canned-responses?q=scope&departmentId=${w.billing.id}`));
    expect(forBilling.sort()).toEqual([billingOnly.id, everyone.id].sort());
    // ?scope=personal|shared
    expect(ids(await w.agent.client.get('canned-responses?q=scope&scope=personal'))).toEqual([personal.id]);
    expect(ids(await w.agent.client.get('canned-responses?q=scope&scope=shared')).sort()).toEqual(
      [supportOnly.id, everyone.id].sort(),
    );

    // Paginated like other lists, by title.
    const page = (await w.admin.get('canned-responses?q=scope&pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((i: { title: string }) => i.title)).toEqual(['Scope support']);

    // Unknown departments are refused.
    const bad = await w.admin.post('canned-responses', {
      title: 'x',
      body: '<p>x</p>',
      shared: true,
      departmentIds: ['999999'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.departmentIds).toBeTruthy();
  });

  it('is invisible from another workspace', async () => {
    const one = await make(w.admin, { title: 'Isolated', shortcut: 'iso' });
    const ticket = await openTicket(w.alice.client, { departmentId: w.support.id });
    const other = await newWorkspace(t);
    const otherAdmin = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    expect(ids(await otherAdmin.get('canned-responses?q=isolated'))).toEqual([]);
    expect((await otherAdmin.patch(`canned-responses/${one.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await otherAdmin.del(`canned-responses/${one.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`canned-responses/${one.id}/render?ticketNumber=${ticket.number}`)).statusCode).toBe(
      404,
    );
    // The same shortcut is free in the other workspace.
    expect(
      (await otherAdmin.post('canned-responses', { title: 'Iso', body: '<p>x</p>', shortcut: 'iso', shared: true }))
        .statusCode,
    ).toBe(201);
    // Another workspace's department is unknown here.
    const dep = (await otherAdmin.post('departments', { name: 'Theirs' })).json();
    expect(
      (await w.admin.post('canned-responses', { title: 'x', body: '<p>x</p>', shared: true, departmentIds: [dep.id] }))
        .statusCode,
    ).toBe(400);
  });

  it('searches title, shortcut and body with Arabic and Persian letters, digits and ZWNJ folded', async () => {
    // Written with Arabic kaf and yeh, Persian digits and a ZWNJ.
    const a = await make(w.admin, {
      title: 'پيگيري كارت ۱۲۳',
      body: '<p>درخواست شما را می\u200cبینیم</p>',
      shortcut: 'كارت',
    });
    const b = await make(w.admin, { title: 'Refund policy', body: '<p>Money back in <b>seven</b> days</p>' });
    const find = async (q: string) => ids(await w.agent.client.get(`canned-responses?q=${encodeURIComponent(q)}`));
    expect(await find('پیگیری')).toEqual([a.id]); // Persian yeh finds Arabic yeh
    expect(await find('کارت')).toEqual([a.id]); // Persian kaf finds Arabic kaf
    expect(await find('123')).toEqual([a.id]); // ASCII digits find Persian ones
    expect(await find('١٢٣')).toEqual([a.id]); // and Arabic-Indic ones
    expect(await find('می بینیم')).toEqual([a.id]); // a space finds the ZWNJ
    expect(await find('می\u200cبینیم')).toEqual([a.id]);
    expect(await find('SEVEN days')).toEqual([b.id]); // body text, any case, without tags
    expect(await find('refund')).toEqual([b.id]);
    expect(await find('100%')).toEqual([]); // LIKE characters are literal
    // The shortcut is stored folded.
    expect(a.shortcut).toBe('کارت');
  });

  it('refuses a duplicate shortcut in the same scope, translated', async () => {
    await make(w.admin, { title: 'Dup 1', shortcut: 'dup' });
    const again = await w.admin.post(
      'canned-responses',
      { title: 'Dup 2', body: '<p>x</p>', shortcut: 'DUP', shared: true },
      { headers: { 'accept-language': 'fa' } },
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.shortcut).toBe('پاسخ آمادهٔ دیگری همین میانبر را دارد.');
    // Arabic and Persian yeh are the same shortcut.
    await make(w.admin, { title: 'Yeh 1', shortcut: 'سلامی' });
    expect(
      (await w.admin.post('canned-responses', { title: 'Yeh 2', body: '<p>x</p>', shortcut: 'سلامي', shared: true }))
        .statusCode,
    ).toBe(400);
    // Personal ones: unique per owner, independent of the shared ones.
    await make(w.agent.client, { title: 'Mine dup', shortcut: 'dup', shared: false });
    await make(w.narrow.client, { title: 'Theirs dup', shortcut: 'dup', shared: false });
    const twice = await w.agent.client.post(
      'canned-responses',
      {
        title: 'x',
        body: '<p>x</p>',
        shortcut: 'dup',
        shared: false,
      },
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields.shortcut).toBe('Another canned response already uses this shortcut.');
    // Renaming onto a taken shortcut is refused too, and changes nothing.
    const other = await make(w.admin, { title: 'Dup 3', shortcut: 'dup3' });
    expect(
      (await w.admin.patch(`canned-responses/${other.id}`, { shortcut: 'dup', title: 'Changed' })).statusCode,
    ).toBe(400);
    expect(ids(await w.admin.get('canned-responses?q=changed'))).toEqual([]);
    // At the same moment: one wins, the other gets the same field error (the unique index).
    const race = await Promise.all(
      [1, 2].map((i) =>
        w.admin.post('canned-responses', { title: `Race ${i}`, body: '<p>x</p>', shortcut: 'race', shared: true }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(race.find((r) => r.statusCode === 400)!.json().error.fields.shortcut).toBeTruthy();
    // Bad shortcuts.
    for (const shortcut of ['two words', 'a/b', 'x'.repeat(41), '']) {
      const res = await w.admin.post('canned-responses', { title: 'x', body: '<p>x</p>', shortcut, shared: true });
      expect(res.statusCode, shortcut).toBe(400);
      expect(res.json().error.fields.shortcut).toBeTruthy();
    }
  });

  it('sanitises the body like a message', async () => {
    const res = await make(w.admin, {
      title: 'Sanitised',
      body: '<p onclick="x()">Hi<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">link</a></p>',
    });
    expect(res.body).not.toMatch(/script|onerror|onclick|javascript/);
    expect(res.body).toContain('Hi');
    const empty = await w.admin.post('canned-responses', {
      title: 'x',
      body: '<p>  </p><script>x</script>',
      shared: true,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.body).toBeTruthy();
  });

  it('fills the placeholders for a ticket the agent may see, escaped', async () => {
    const ticket = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      subject: '<b>Tom & Jerry</b> "quoted"',
    });
    const canned = await make(w.admin, {
      title: 'Render',
      body:
        '<p>#{{ticket.number}} {{ticket.subject}} / {{ requester.name }} &lt;{{requester.email}}&gt; / {{agent.name}} / {{ticket.department}} / {{workspace.name}} / {{unknown.thing}} {{agent.signature}}</p>' +
        '<p><a href="https://example.com/{{ticket.subject}}">link</a></p>',
    });
    const res = await w.agent.client.get(`canned-responses/${canned.id}/render?ticketNumber=${ticket.number}`);
    expect(res.statusCode, res.body).toBe(200);
    const body: string = res.json().body;
    expect(body).toContain(
      `#${ticket.number} &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; "quoted" / Alice &lt;alice-${w.slug}@example.com&gt;`,
    );
    expect(body).toContain('/ Agent Smith / Support / ');
    expect(body).toContain('{{unknown.thing}} {{agent.signature}}');
    expect(body).not.toContain('<b>');
    // The value in the attribute is escaped and stays inside it.
    expect(body).toMatch(/href="https:\/\/example\.com\/&lt;b&gt;Tom &amp; Jerry&lt;\/b&gt; &quot;quoted&quot;"/);

    // Another department's agent does not see the ticket: 404, as for a missing one.
    const hidden = await w.billingAgent.client.get(
      `canned-responses/${canned.id}/render?ticketNumber=${ticket.number}`,
    );
    expect(hidden.statusCode).toBe(404);
    expect((await w.agent.client.get(`canned-responses/${canned.id}/render?ticketNumber=99999999`)).statusCode).toBe(
      404,
    );
    expect((await w.agent.client.get(`canned-responses/${canned.id}/render?ticketNumber=abc`)).statusCode).toBe(400);
    expect(
      (await w.alice.client.get(`canned-responses/${canned.id}/render?ticketNumber=${ticket.number}`)).statusCode,
    ).toBe(403);
  });
});
