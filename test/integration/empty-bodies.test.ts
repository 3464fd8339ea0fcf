import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * Calls whose body is optional are accepted however a client says "nothing": no body at all,
 * `content-type: application/json` with no bytes, or `{}`. And no error ever names a field `_`:
 * a fault of the body as a whole is the error's message.
 */
let t: TestApp;
let w: TicketWorld;
let mailboxId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  w.admin.s.lang = 'en';
  // A system mailbox whose SMTP port is closed: its test answers at once, with the failing stage.
  const box = await w.admin.post('mailboxes', {
    address: `noreply-${w.slug}@example.com`,
    outbound: { host: '127.0.0.1', port: 1, tls: 'none', auth: false },
  });
  expect(box.statusCode, box.body).toBe(201);
  mailboxId = box.json().id;
}, 60_000);
afterAll(() => t.close());

type Sender = (c: Client, method: 'POST' | 'DELETE', url: string) => ReturnType<Client['req']>;
const ways: [string, Sender][] = [
  ['no body at all', (c, method, url) => c.req(method, url)],
  [
    'application/json with no bytes',
    (c, method, url) => c.req(method, url, '', { headers: { 'content-type': 'application/json' } }),
  ],
  [
    'application/json with only spaces',
    (c, method, url) => c.req(method, url, ' \n', { headers: { 'content-type': 'application/json' } }),
  ],
  ['{}', (c, method, url) => c.req(method, url, {})],
];

const noUnderscore = (body: string) => {
  const fields = JSON.parse(body).error?.fields ?? {};
  expect(Object.keys(fields)).not.toContain('_');
};

describe('calls without a body', () => {
  it.each(ways)('POST /mailboxes/:id/test — %s', async (_name, send) => {
    const res = await send(w.admin, 'POST', `mailboxes/${mailboxId}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, outbound: { ok: false } });
  });

  it.each(ways)('POST /tickets/:number/assign-to-me — %s', async (_name, send) => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const res = await send(w.agent.client, 'POST', `tickets/${tk.number}/assign-to-me`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignees.map((a: { id: string }) => a.id)).toEqual([w.agent.id]);
  });

  it.each(ways)('POST /mailboxes/fetch (optional body) — %s', async (_name, send) => {
    const res = await send(w.admin, 'POST', 'mailboxes/fetch');
    expect(res.statusCode, res.body).toBe(202);
  });

  it.each(ways)('DELETE /tags/:id — %s', async (_name, send) => {
    const tag = await w.admin.post('tags', { name: `gone-${Math.random().toString(36).slice(2, 8)}` });
    expect(tag.statusCode, tag.body).toBe(201);
    const res = await send(w.admin, 'DELETE', `tags/${tag.json().id}`);
    expect(res.statusCode, res.body).toBe(204);
  });
});

describe('no error names a field `_`', () => {
  it('a required body left out names each missing field', async () => {
    for (const [, send] of ways) {
      const res = await send(w.alice.client, 'POST', 'tickets');
      expect(res.statusCode, res.body).toBe(400);
      noUnderscore(res.body);
      expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['subject', 'body']));
    }
  });

  it('a rule about the whole body ("nothing to change") is the message, with no field', async () => {
    const res = await w.admin.patch('settings', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'invalid', message: 'Nothing to change.' });
  });

  it('a body that is not an object says so in the message', async () => {
    for (const body of ['"text"', '[1, 2]', '42', 'null']) {
      const res = await w.admin.req('PATCH', 'settings', body, { headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, body).toBe(400);
      noUnderscore(res.body);
      expect(res.json().error.code).toBe('invalid');
    }
    const arr = await w.admin.req('PATCH', 'settings', '[1]', { headers: { 'content-type': 'application/json' } });
    expect(arr.json().error.message).toBe('Must be an object.');
  });

  it('malformed JSON is still refused as such', async () => {
    const res = await w.admin.req('POST', `mailboxes/${mailboxId}/test`, '{"a":', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid');
    const poisoned = await w.admin.req('PATCH', 'settings', '{"__proto__": {"x": 1}}', {
      headers: { 'content-type': 'application/json' },
    });
    expect(poisoned.statusCode).toBe(400);
  });
});
