import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, tickets } from '../../src/db/schema';
import { sha256 } from '../../src/server/platform/crypto';
import { multipart, png } from '../helpers/images';
import { Client, createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  for (const c of [w.alice.client, w.agent.client]) c.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());

// Guest limits count per address: each test writes from its own.
let lastIp = 0;
function guest() {
  const ip = `10.0.${Math.floor(++lastIp / 200)}.${(lastIp % 200) + 1}`;
  const c = new Client(t, { slug: w.slug, lang: 'en' });
  const extra = { remoteAddress: ip };
  return {
    get: (url: string) => c.get(url, extra),
    post: (url: string, body?: unknown) => c.post(url, body, extra),
    upload: (name: string, bytes: Buffer) => {
      const m = multipart(name, bytes);
      return c.post('public/uploads', m.payload, { ...extra, headers: m.headers });
    },
  };
}
type Guest = ReturnType<typeof guest>;
const form = (over: Record<string, unknown> = {}) => ({
  name: 'Sara Guest',
  email: `Sara.${++lastIp}@Example.com`,
  subject: 'Cannot log in',
  body: '<p>Help <b>please</b></p><script>alert(1)</script>',
  departmentId: w.support.id,
  ...over,
});
async function create(g: Guest, over: Record<string, unknown> = {}) {
  const res = await g.post('public/tickets', form(over));
  if (res.statusCode !== 201) throw new Error(`guest create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { number: number; trackingCode: string };
}
const setSettings = async (patch: Record<string, unknown>) =>
  expect((await w.admin.patch('settings', patch)).statusCode).toBe(200);
async function staffUpload(name: string, bytes: Buffer) {
  const m = multipart(name, bytes);
  const res = await w.agent.client.post('uploads', m.payload, { headers: m.headers });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe('guest tickets (F4)', () => {
  it('opens a ticket that waits for an agent and returns the number and a tracking code kept only as a hash', async () => {
    const g = guest();
    const email = `Guest.${lastIp}@Example.com`;
    const { number, trackingCode } = await create(g, { email });
    // 12 characters of Crockford base32 (60 bits), shown in groups of four (issue 14).
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const [row] = await t.deps.database.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, number)));
    expect(row.trackingHash).toBe(sha256(trackingCode.replace(/-/g, '')));
    expect(JSON.stringify(row)).not.toContain(trackingCode);
    expect(JSON.stringify(row)).not.toContain(trackingCode.replace(/-/g, ''));
    expect(row).toMatchObject({
      requesterId: null,
      guestName: 'Sara Guest',
      guestEmail: email.toLowerCase(),
      requesterEmail: email.toLowerCase(),
      status: 'active',
    });
    const seen = (await w.agent.client.get(`tickets/${number}`)).json();
    expect(seen.requester).toEqual({ id: null, name: 'Sara Guest', email: email.toLowerCase(), level: 'guest' });
    expect(seen.waitingSince).not.toBeNull();
    expect(seen.body).toBe('<p>Help <b>please</b></p>');
    const first = (await w.agent.client.get(`tickets/${number}/messages`)).json().items[0];
    expect(first.author).toMatchObject({ id: null, name: 'Sara Guest', level: 'guest' });
    expect(
      (await w.agent.client.get(`tickets/${number}/events`)).json().items.map((e: { kind: string }) => e.kind),
    ).toEqual(['created']);
    // Numbering is shared with members' tickets.
    expect((await openTicket(w.alice.client, { departmentId: w.support.id })).number).toBe(number + 1);
  });

  it('offers only active, visible, public departments', async () => {
    const g = guest();
    for (const departmentId of [w.internal.id, '99999999']) {
      const res = await g.post('public/tickets', form({ departmentId }));
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['departmentId']);
    }
  });

  it('needs the number and the right code to read and to answer; anything else is the 404 of a missing ticket', async () => {
    const g = guest();
    const { number, trackingCode } = await create(g);
    const ok = await g.get(`public/tickets/${number}?code=${trackingCode}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      number,
      subject: 'Cannot log in',
      status: 'active',
      department: { id: w.support.id, name: 'Support' },
    });
    const member = await openTicket(w.alice.client, { departmentId: w.support.id });
    const missing = await g.get(`public/tickets/99999?code=${trackingCode}`);
    expect(missing.statusCode).toBe(404);
    for (const url of [
      `public/tickets/${number}?code=${trackingCode.slice(0, -1)}${trackingCode.endsWith('A') ? 'B' : 'A'}`,
      `public/tickets/${number}?code=short`,
      `public/tickets/${number}`,
      `public/tickets/${number + 1}?code=${trackingCode}`,
      `public/tickets/${member.number}?code=${trackingCode}`,
    ]) {
      const res = await g.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toBe(missing.body);
      expect((await g.post(url.replace('?', '/messages?'), { body: 'hi' })).statusCode, url).toBe(404);
    }
    expect((await g.get(`public/tickets/${member.number}?code=`)).statusCode).toBe(404);
  });

  it('a guest reply moves the ticket like a customer’s: active, reopens closed, refused when locked', async () => {
    const g = guest();
    const { number, trackingCode } = await create(g);
    const q = `?code=${trackingCode}`;
    await w.agent.client.post(`tickets/${number}/messages`, { body: 'Which browser?' });
    expect((await g.get(`public/tickets/${number}${q}`)).json().status).toBe('pending');
    const reply = await g.post(`public/tickets/${number}/messages${q}`, { body: '<p>Firefox</p>' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().author).toMatchObject({ id: null, name: 'Sara Guest', level: 'guest' });
    expect((await w.agent.client.get(`tickets/${number}`)).json().status).toBe('active');
    await w.agent.client.post(`tickets/${number}/messages`, { body: 'Fixed', statusAfter: 'closed' });
    await g.post(`public/tickets/${number}/messages${q}`, { body: 'Broken again' });
    expect((await w.agent.client.get(`tickets/${number}`)).json().status).toBe('active');
    const kinds = (await w.agent.client.get(`tickets/${number}/events`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('reopened');
    await w.agent.client.patch(`tickets/${number}`, { status: 'locked' });
    const locked = await g.post(`public/tickets/${number}/messages${q}`, { body: 'Hello?' });
    expect(locked.statusCode).toBe(423);
    expect((await g.get(`public/tickets/${number}${q}`)).json().messages).toHaveLength(5);
  });

  it('never shows internal notes or their attachments to the guest', async () => {
    const g = guest();
    const { number, trackingCode } = await create(g);
    const q = `?code=${trackingCode}`;
    const up = await staffUpload('secret.pdf', pdf('secret'));
    await w.agent.client.post(`tickets/${number}/messages`, {
      kind: 'note',
      body: 'Internal: guest looks like spam',
      attachmentIds: [up.id],
    });
    const replyUp = await staffUpload('howto.pdf', pdf('howto'));
    await w.agent.client.post(`tickets/${number}/messages`, { body: 'See the guide', attachmentIds: [replyUp.id] });
    const view = await g.get(`public/tickets/${number}${q}`);
    expect(view.body).not.toContain('spam');
    expect(view.body).not.toContain('secret.pdf');
    const messages = view.json().messages;
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['reply', 'reply']);
    const att = messages[1].attachments[0];
    expect(att.url).toBe(`/api/v1/public/tickets/${number}/attachments/${replyUp.id}${q}`);
    const dl = await g.get(att.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf('howto'))).toBe(true);
    expect((await g.get(`public/tickets/${number}/attachments/${up.id}${q}`)).statusCode).toBe(404);
    expect((await g.get(`public/tickets/${number}/attachments/${replyUp.id}?code=wrong-code-123`)).statusCode).toBe(
      404,
    );
  });
});

describe('guest uploads (C6, F4)', () => {
  it('are claimed by their token only: not with a wrong one, not by a member', async () => {
    const g = guest();
    const up = await g.upload('screen.png', png());
    expect(up.statusCode).toBe(201);
    const id: string = up.json().id;
    const [fileId, token] = id.split('.');
    expect(token.length).toBeGreaterThanOrEqual(32);
    const [row] = await t.deps.database.db
      .select()
      .from(files)
      .where(eq(files.id, Number(fileId)));
    expect(row).toMatchObject({ claimHash: sha256(token), createdBy: null, purpose: 'attachment' });
    for (const wrong of [`${fileId}.${'A'.repeat(32)}`, fileId]) {
      const res = await g.post('public/tickets', form({ attachmentIds: [wrong] }));
      expect(res.statusCode, wrong).toBe(400);
      expect(res.json().error.fields.attachmentIds).toBe(
        'An attachment is unknown, not yours, or already used. Upload it again.',
      );
    }
    const member = await openTicket(w.alice.client, { departmentId: w.support.id });
    expect(
      (await w.alice.client.post(`tickets/${member.number}/messages`, { body: 'x', attachmentIds: [id] })).statusCode,
    ).toBe(400);
    expect(
      (await w.alice.client.post(`tickets/${member.number}/messages`, { body: 'x', attachmentIds: [fileId] }))
        .statusCode,
    ).toBe(400);
    const { number, trackingCode } = await create(g, { attachmentIds: [id] });
    const first = (await g.get(`public/tickets/${number}?code=${trackingCode}`)).json().messages[0];
    expect(first.attachments).toMatchObject([
      { id: fileId, name: 'screen.png', size: png().length, contentType: 'image/png' },
    ]);
    expect((await w.agent.client.get(`attachments/${fileId}`)).statusCode).toBe(200);
    expect((await w.alice.client.get(`attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('follow the guest limits and switches', async () => {
    const g = guest();
    expect((await g.upload('x.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).statusCode).toBe(415);
    await setSettings({ guestMaxUploadMb: 0.1 });
    try {
      const big = await g.upload('big.pdf', Buffer.concat([pdf('big'), Buffer.alloc(110 * 1024, 0x20)]));
      expect(big.statusCode).toBe(413);
    } finally {
      await setSettings({ guestMaxUploadMb: 2 });
    }
    for (const off of [
      { guestAttachmentsEnabled: false },
      { attachmentsEnabled: false },
      { guestFormEnabled: false },
    ]) {
      await setSettings(off);
      try {
        const res = await g.upload('a.pdf', pdf('a'));
        expect(res.statusCode, JSON.stringify(off)).toBe(403);
        expect(res.json().error.message).toBe('Guests cannot attach files.');
      } finally {
        await setSettings(Object.fromEntries(Object.keys(off).map((k) => [k, true])));
      }
    }
    expect((await g.upload('a.pdf', pdf('a'))).statusCode).toBe(201);
  });
});

describe('guest form switches and limits (J2)', () => {
  it('is refused while the guest form is closed', async () => {
    await setSettings({ guestFormEnabled: false });
    try {
      const res = await guest().post('public/tickets', form());
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({
        code: 'forbidden',
        message: 'The guest form is closed. Sign in to send a ticket.',
      });
    } finally {
      await setSettings({ guestFormEnabled: true });
    }
  });

  it('limits tickets per address and per e-mail (429 with Retry-After)', async () => {
    const g = guest();
    for (let i = 0; i < 5; i++) await create(g);
    const sixth = await g.post('public/tickets', form());
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    const email = `same.${lastIp}@example.com`;
    for (let i = 0; i < 5; i++) await create(guest(), { email });
    expect((await guest().post('public/tickets', form({ email: email.toUpperCase() }))).statusCode).toBe(429);
    // The window passes.
    t.clock.advance(3600 * 1000);
    await create(g);
  });
});
