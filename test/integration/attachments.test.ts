import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { files } from '../../src/db/schema';
import { allowedSamples, zip } from '../helpers/files';
import { multipart, png } from '../helpers/images';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  for (const c of [w.alice.client, w.bob.client, w.agent.client]) c.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());
// Each test uploads a lot and starts in a new upload-rate window (20 per 10 minutes, upload-limits.test.ts).
beforeEach(() => t.clock.advance(600_000));

const upload = (c: Client, name: string, bytes: Buffer, contentType?: string) => {
  const m = multipart(name, bytes, contentType);
  return c.post('uploads', m.payload, { headers: m.headers });
};
async function uploaded(c: Client, name: string, bytes: Buffer) {
  const res = await upload(c, name, bytes);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string; size: number; contentType: string };
}
const pdf = (text = 'hello') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);
const fileCount = async (workspaceId = w.workspaceId) =>
  (
    await t.deps.database.db
      .select({ n: count() })
      .from(files)
      .where(and(eq(files.workspaceId, workspaceId), eq(files.purpose, 'attachment')))
  )[0].n;
const setSettings = async (patch: Record<string, unknown>) =>
  expect((await w.admin.patch('settings', patch)).statusCode).toBe(200);

describe('uploads (C6)', () => {
  it('accepts every allowed type, typed from its bytes, and keeps the name for display only', async () => {
    for (const s of allowedSamples()) {
      const res = await upload(w.alice.client, s.name, s.bytes, 'application/x-anything');
      expect(res.statusCode, s.name).toBe(201);
      expect(res.json()).toMatchObject({ name: s.name, size: s.bytes.length, contentType: s.type });
      expect(res.json().id).toMatch(/^\d+$/);
      // The uploader may fetch its unlinked upload back, byte for byte.
      const back = await w.alice.client.get(`attachments/${res.json().id}`);
      expect(back.statusCode, s.name).toBe(200);
      expect(back.rawPayload.equals(s.bytes)).toBe(true);
    }
  });

  it('refuses types outside the list, whatever the name says, and stores nothing', async () => {
    const before = await fileCount();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
    const refused: [string, Buffer][] = [
      ['tool.pdf', elf],
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])],
      ['invoice.pdf', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
      ['page.txt', Buffer.from('  <script>fetch("/api/v1/auth/me")</script>')],
      ['logo.txt', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['data.txt', Buffer.from('<?xml version="1.0"?><a/>')],
      ['latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1')], // not UTF-8
      ['nul.txt', Buffer.from('text\0with a NUL byte')],
      ['app.jar', zip({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n' })],
    ];
    for (const [name, bytes] of refused) {
      const res = await upload(w.alice.client, name, bytes, 'application/pdf');
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
      expect(res.json().error.message).toBe('This type of file is not allowed.');
    }
    const empty = await upload(w.alice.client, 'empty.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.file).toBe('The file is empty.');
    expect((await w.alice.client.post('uploads', { file: 'x' })).statusCode).toBe(415); // not multipart
    // Exactly one file: a second one is not silently dropped.
    const b = 'pishkhanTwoFiles';
    const part = (name: string, body: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`;
    const two = await w.alice.client.post(
      'uploads',
      `${part('a.txt', 'first')}${part('b.txt', 'second')}--${b}--\r\n`,
      {
        headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      },
    );
    expect(two.statusCode).toBe(413);
    expect(two.json().error.code).toBe('too_large');
    const none = await w.alice.client.post(
      'uploads',
      `--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${b}--\r\n`,
      {
        headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      },
    );
    expect(none.statusCode).toBe(400);
    expect(await fileCount()).toBe(before);
  });

  it('serves text as a plain-text download that the browser will not sniff', async () => {
    const text = Buffer.from('یادداشت فارسی — Persian note\n');
    const up = await uploaded(w.alice.client, 'یادداشت.txt', text);
    expect(up.contentType).toBe('text/plain; charset=utf-8');
    const res = await w.alice.client.get(`attachments/${up.id}`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('یادداشت.txt')}`,
    );
    expect(res.body).toBe(text.toString());
  });

  it('refuses a file over the members’ limit with 413 and keeps nothing; staff get the larger limit', async () => {
    await setSettings({ memberMaxUploadMb: 0.1, maxUploadMb: 1 });
    try {
      const before = await fileCount();
      const big = Buffer.concat([pdf(), Buffer.alloc(120 * 1024, 0x20)]);
      const res = await upload(w.alice.client, 'big.pdf', big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('too_large');
      expect(res.json().error.message).toBe('The file is larger than 0.1 MB.');
      const bigText = await upload(w.alice.client, 'big.txt', Buffer.alloc(120 * 1024, 'ب'));
      expect(bigText.statusCode).toBe(413);
      expect(await fileCount()).toBe(before);
      expect((await upload(w.agent.client, 'big.pdf', big)).statusCode).toBe(201);
      expect(
        (await upload(w.agent.client, 'huge.pdf', Buffer.concat([big, Buffer.alloc(1024 * 1024)]))).statusCode,
      ).toBe(413);
    } finally {
      await setSettings({ memberMaxUploadMb: 10, maxUploadMb: 20 });
    }
  });

  it('refuses uploads while attachments are turned off', async () => {
    await setSettings({ attachmentsEnabled: false });
    try {
      const res = await upload(w.alice.client, 'a.pdf', pdf());
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('Attachments are turned off.');
      w.alice.client.s.lang = 'fa';
      expect((await upload(w.alice.client, 'a.pdf', pdf())).json().error.message).toBe('امکان پیوست فایل غیرفعال است.');
    } finally {
      w.alice.client.s.lang = 'en';
      await setSettings({ attachmentsEnabled: true });
    }
    expect((await upload(w.alice.client, 'a.pdf', pdf())).statusCode).toBe(201);
  });

  it('needs a session', async () => {
    const m = multipart('a.pdf', pdf());
    expect((await w.anon.post('uploads', m.payload, { headers: m.headers })).statusCode).toBe(401);
  });
});

describe('attachments on messages (C6)', () => {
  it('links up to 3 uploads to a reply, shown with name and size; a 4th is refused and nothing is linked', async () => {
    const tk = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      attachmentIds: [(await uploaded(w.alice.client, 'first.png', png())).id],
    });
    expect(tk.attachments).toHaveLength(1);
    expect(tk.attachments[0]).toMatchObject({ name: 'first.png', contentType: 'image/png', size: png().length });
    // Read back: the ticket's page and its thread show the first message's file (read with it).
    expect((await w.agent.client.get(`tickets/${tk.number}`)).json().attachments).toEqual(tk.attachments);
    expect((await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items[0].attachments).toEqual(
      tk.attachments,
    );
    const ups = [];
    for (let i = 0; i < 4; i++) ups.push(await uploaded(w.alice.client, `part-${i}.pdf`, pdf(`part ${i}`)));
    const four = await w.alice.client.post(`tickets/${tk.number}/messages`, {
      body: 'four files',
      attachmentIds: ups.map((u) => u.id),
    });
    expect(four.statusCode).toBe(400);
    expect(four.json().error.fields.attachmentIds).toBe('At most 3 attachments per message.');
    const three = await w.alice.client.post(`tickets/${tk.number}/messages`, {
      body: 'three files',
      attachmentIds: ups.slice(0, 3).map((u) => u.id),
    });
    expect(three.statusCode).toBe(201);
    const items = (await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items;
    const last = items.at(-1);
    expect(last.attachments.map((a: { name: string; size: number; url: string }) => [a.name, a.size, a.url])).toEqual(
      ups.slice(0, 3).map((u) => [u.name, u.size, `/api/v1/attachments/${u.id}`]),
    );
    // A used upload cannot be linked a second time.
    const again = await w.alice.client.post(`tickets/${tk.number}/messages`, {
      body: 'again',
      attachmentIds: [ups[0].id],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.attachmentIds).toBe(
      'An attachment is unknown, not yours, or already used. Upload it again.',
    );
  });

  it('downloads for the requester and the department’s agents; 404 for other customers, departments and workspaces', async () => {
    const up = await uploaded(w.alice.client, 'Scan 1.pdf', pdf('scan'));
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id, attachmentIds: [up.id] });
    const url = tk.attachments[0].url as string;
    for (const c of [w.alice.client, w.agent.client, w.narrow.client, w.admin]) {
      const res = await c.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''Scan%201.pdf`);
      expect(res.rawPayload.equals(pdf('scan'))).toBe(true);
    }
    const other = await ticketWorld(t);
    for (const c of [w.bob.client, w.billingAgent.client, other.admin, other.alice.client]) {
      const res = await c.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe((await c.get('attachments/99999999')).body); // the same as an id that does not exist
    }
    expect((await w.anon.get(url)).statusCode).toBe(401);
    // Unlinked uploads belong to their uploader only, even for admins.
    const draft = await uploaded(w.bob.client, 'draft.pdf', pdf('draft'));
    expect((await w.bob.client.get(`attachments/${draft.id}`)).statusCode).toBe(200);
    for (const c of [w.alice.client, w.agent.client, w.admin])
      expect((await c.get(`attachments/${draft.id}`)).statusCode).toBe(404);
  });

  it('hides attachments of internal notes from the customer', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const up = await uploaded(w.agent.client, 'internal.pdf', pdf('internal'));
    const note = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      kind: 'note',
      body: 'see file',
      attachmentIds: [up.id],
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().attachments[0].name).toBe('internal.pdf');
    const thread = (await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items;
    expect(thread.flatMap((m: { attachments: { id: string }[] }) => m.attachments.map((a) => a.id))).not.toContain(
      up.id,
    );
    expect((await w.alice.client.get(`attachments/${up.id}`)).statusCode).toBe(404);
    expect((await w.narrow.client.get(`attachments/${up.id}`)).statusCode).toBe(200);
    expect((await w.billingAgent.client.get(`attachments/${up.id}`)).statusCode).toBe(404);
  });

  it('a member cannot claim someone else’s upload', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const bobs = await uploaded(w.bob.client, 'bob.pdf', pdf('bob'));
    const res = await w.alice.client.post(`tickets/${tk.number}/messages`, {
      body: 'mine now',
      attachmentIds: [bobs.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.attachmentIds).toBeDefined();
    expect(
      (await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'or mine', attachmentIds: [bobs.id] }))
        .statusCode,
    ).toBe(400);
    expect((await w.alice.client.get(`attachments/${bobs.id}`)).statusCode).toBe(404);
    expect((await w.bob.client.get(`attachments/${bobs.id}`)).statusCode).toBe(200); // still Bob's, unlinked
  });
});
