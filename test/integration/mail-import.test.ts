import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, mailFetched, messages, tickets, ticketEvents } from '../../src/db/schema';
import { importMessage } from '../../src/server/modules/mail/intake/import-message';
import { systemCtx } from '../../src/server/modules/mail/intake/system-ctx';
import { findMailbox } from '../../src/server/modules/mail/mailboxes.repo';
import { bWord, raw, rawBytes, rfc2231, windows1256 } from '../../src/server/modules/mail/inbound/test-mails';
import { png } from '../helpers/images';
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/test-app';
import { ticketWorld, type TicketWorld } from '../helpers/tickets';

/** C19 (.eml import), the quarantine's list and retry, alternate e-mails and inline images. */
let t: TestApp;
let w: TicketWorld;
let importer: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  const level = (
    await w.admin.post('access-levels', { name: 'importer', permissions: ['tickets.import', 'tickets.reply'] })
  ).json();
  importer = (
    await makeUser(t, w.admin, w.slug, {
      role: 'agent',
      name: 'Importer',
      departmentIds: [w.support.id],
      accessLevelId: level.id,
    })
  ).client;
}, 60_000);
afterAll(() => t?.close());

const db = () => t.deps.database.db;

/** A multipart form: text fields first, then the .eml as `file`. */
function form(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const b = `----pk${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: message/rfc822\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const importEml = (c: Client, fields: Record<string, string>, bytes?: Buffer) => {
  const f = form(fields, bytes ? { name: 'message.eml', bytes } : undefined);
  return c.post('tickets/import', f.payload, { headers: f.headers });
};

describe('importing an .eml (C19)', () => {
  const persian = () =>
    rawBytes(
      [
        `From: ${bWord('زهرا کاظمی')} <zahra.k@elsewhere.example>`,
        'To: someone@university.example',
        `Subject: ${bWord('درخواست حساب کاربری')}`,
        'Message-ID: <private-import-1@elsewhere.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="xx"',
      ],
      Buffer.concat([
        Buffer.from(
          '--xx\r\nContent-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
        ),
        windows1256('سلام، لطفا براي من حساب بسازيد.'),
        Buffer.from(
          `\r\n--xx\r\nContent-Type: text/plain; name*=${rfc2231('فرم درخواست.txt')}\r\nContent-Disposition: attachment; filename*=${rfc2231('فرم درخواست.txt')}\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
        ),
        Buffer.from(Buffer.from('فرم\n').toString('base64')),
        Buffer.from('\r\n--xx--\r\n'),
      ]),
    );

  it('becomes a ticket of the chosen department, assigned to the chosen agent, from a guest, with its Persian text and file', async () => {
    const res = await importEml(importer, { departmentId: w.support.id, assigneeId: w.agent.id }, persian());
    expect(res.statusCode, res.body).toBe(201);
    const tk = res.json();
    expect(tk).toMatchObject({
      subject: 'درخواست حساب کاربری',
      department: { id: w.support.id },
      requester: { name: 'زهرا کاظمی', email: 'zahra.k@elsewhere.example', level: 'guest' },
    });
    expect(tk.assignees.map((a: { id: string }) => a.id)).toEqual([w.agent.id]);
    const [row] = await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, tk.number)));
    const [m] = await db().select().from(messages).where(eq(messages.ticketId, row.id));
    expect(m).toMatchObject({
      authorKind: 'guest',
      authorId: null,
      emailMessageId: 'private-import-1@elsewhere.example',
    });
    expect(m.bodyHtml).toContain('سلام، لطفا براي من حساب بسازيد.');
    expect((await db().select().from(files).where(eq(files.messageId, m.id))).map((f) => f.name)).toEqual([
      'فرم درخواست.txt',
    ]);
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, row.id));
    expect(events.find((e) => e.kind === 'imported')).toMatchObject({ actorName: 'Importer' });
    expect(events.find((e) => e.kind === 'created')?.data).toMatchObject({ via: 'import' });
  });

  it('the same message twice is refused with the ticket it became', async () => {
    const res = await importEml(importer, { departmentId: w.support.id }, persian());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/#|۰|۱|۲|۳|۴|۵|۶|۷|۸|۹/);
  });

  it('a known sender becomes the requester; an alternate e-mail counts too', async () => {
    const carol = await makeUser(t, w.admin, w.slug, {
      role: 'customer',
      name: 'Carol',
      email: `carol-${w.slug}@example.com`,
      alternateEmails: [`C.Home-${w.slug}@Example.com`],
    });
    const user = (await w.admin.get(`users/${carol.id}`)).json();
    expect(user.alternateEmails).toEqual([`c.home-${w.slug}@example.com`]);
    const eml = raw(
      [
        `From: Carol <c.home-${w.slug}@example.com>`,
        'Subject: from home',
        'Message-ID: <carol-home-1@x>',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Hi from my home address',
    );
    const res = await importEml(importer, { departmentId: w.support.id }, eml);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().requester).toMatchObject({ id: carol.id, level: 'member' });
    // An address belongs to one person only.
    const clash = await w.admin.post('users', {
      role: 'customer',
      username: `dup${Date.now()}`,
      email: `c.home-${w.slug}@example.com`,
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.fields.email).toBeTruthy();
    const clash2 = await w.admin.patch(`users/${w.bob.id}`, { alternateEmails: [`carol-${w.slug}@example.com`] });
    expect(clash2.statusCode).toBe(400);
    expect(clash2.json().error.fields.alternateEmails).toBeTruthy();
  });

  it('refuses bad input with field errors and keeps nothing', async () => {
    const before = (await db().select().from(tickets).where(eq(tickets.workspaceId, w.workspaceId))).length;
    const noFile = await importEml(importer, { departmentId: w.support.id });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields.file).toBeTruthy();
    const junk = await importEml(importer, { departmentId: w.support.id }, Buffer.from('this is not a mail at all'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.fields.file).toBeTruthy();
    const otherDept = await importEml(
      importer,
      { departmentId: w.billing.id },
      raw(['From: x@y.example', 'Subject: s', 'Message-ID: <od@x>'], 'b'),
    );
    expect(otherDept.statusCode).toBe(400);
    expect(otherDept.json().error.fields.departmentId).toBeTruthy();
    const badAgent = await importEml(
      importer,
      { departmentId: w.support.id, assigneeId: w.alice.id },
      raw(['From: x@y.example', 'Subject: s', 'Message-ID: <ba@x>'], 'b'),
    );
    expect(badAgent.statusCode).toBe(400);
    expect(badAgent.json().error.fields.assigneeId).toBeTruthy();
    const noDept = await importEml(importer, {}, raw(['From: x@y.example', 'Subject: s'], 'b'));
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json().error.fields.departmentId).toBeTruthy();
    expect((await db().select().from(tickets).where(eq(tickets.workspaceId, w.workspaceId))).length).toBe(before);
  });

  it('needs tickets.import', async () => {
    const res = await importEml(
      w.narrow.client,
      { departmentId: w.support.id },
      raw(['From: x@y.example', 'Subject: s', 'Message-ID: <np@x>'], 'b'),
    );
    expect(res.statusCode).toBe(403);
    expect(
      (await importEml(w.alice.client, { departmentId: w.support.id }, raw(['From: x@y.example', 'Subject: s'], 'b')))
        .statusCode,
    ).toBe(403);
  });

  it('inline images point at their stored attachment', async () => {
    const img = png(4, 4).toString('base64');
    const eml = raw(
      [
        'From: pics@elsewhere.example',
        'Subject: screenshot',
        'Message-ID: <inline-1@x>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; boundary="rr"',
      ],
      [
        '--rr',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>See <img src="cid:shot1@x" alt="shot"> and <img src="cid:missing@x"></p>',
        '--rr',
        'Content-Type: image/png; name="shot.png"',
        'Content-ID: <shot1@x>',
        'Content-Disposition: inline; filename="shot.png"',
        'Content-Transfer-Encoding: base64',
        '',
        img,
        '--rr--',
        '',
      ],
    );
    const res = await importEml(importer, { departmentId: w.support.id }, eml);
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, w.workspaceId), eq(tickets.number, res.json().number)));
    const [m] = await db().select().from(messages).where(eq(messages.ticketId, row.id));
    const [f] = await db().select().from(files).where(eq(files.messageId, m.id));
    expect(f).toMatchObject({ name: 'shot.png', contentType: 'image/png' });
    expect(m.bodyHtml).toContain(`src="/api/v1/attachments/${f.id}"`);
    expect(m.bodyHtml).not.toContain('cid:');
    const img2 = await w.agent.client.get(`attachments/${f.id}`);
    expect(img2.statusCode).toBe(200);
  });
});

describe('the quarantine', () => {
  it('lists what could not be imported, gives the original back, and imports it again once fixable', async () => {
    const box = await w.admin.post('mailboxes', {
      departmentId: w.support.id,
      address: `q-${w.slug}@pishkhan.test`,
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    });
    expect(box.statusCode, box.body).toBe(201);
    const mailboxId = Number(box.json().id);
    const ctx = systemCtx(t.deps, w.workspaceId);
    const mailbox = (await findMailbox(ctx, mailboxId))!;
    const bad = raw(['Subject: no sender', 'Message-ID: <q-bad@x>'], 'where from?');
    expect(await importMessage(ctx, mailbox, 'src:1', bad)).toBe('quarantined');
    expect(
      await importMessage(
        ctx,
        mailbox,
        'src:2',
        raw(['From: fine@elsewhere.example', 'Subject: fine', 'Message-ID: <q-ok@x>'], 'ok'),
      ),
    ).toBe('ticket');

    const list = await w.admin.get(`mailboxes/${mailboxId}/quarantine`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ sourceKey: 'src:1', hasRaw: true }] });
    const entry = list.json().items[0];
    expect(entry.error).toMatch(/from/i);
    const rawRes = await w.admin.get(`mailboxes/${mailboxId}/quarantine/${entry.id}/raw`);
    expect(rawRes.statusCode).toBe(200);
    expect(rawRes.headers['content-type']).toBe('message/rfc822');
    expect(rawRes.body).toContain('where from?');
    // Agents without mailboxes.manage see none of it.
    expect((await w.agent.client.get(`mailboxes/${mailboxId}/quarantine`)).statusCode).toBe(403);

    // Still broken: stays quarantined, with one record.
    const again = await w.admin.post(`mailboxes/${mailboxId}/quarantine/${entry.id}/retry`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ outcome: 'quarantined', ticketNumber: null });
    expect((await w.admin.get(`mailboxes/${mailboxId}/quarantine`)).json().total).toBe(1);

    // Fixed (here: the stored copy replaced by a readable one, as an operator might after repair).
    const [rec] = await db()
      .select()
      .from(mailFetched)
      .where(eq(mailFetched.id, Number(entry.id)));
    const fixed = await t.deps.storage.put(
      (await import('node:stream')).Readable.from([
        raw(['From: found@elsewhere.example', 'Subject: recovered', 'Message-ID: <q-bad@x>'], 'recovered body'),
      ]),
    );
    await db().update(mailFetched).set({ rawStorageKey: fixed.key }).where(eq(mailFetched.id, rec.id));
    const ok = await w.admin.post(`mailboxes/${mailboxId}/quarantine/${entry.id}/retry`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().outcome).toBe('ticket');
    expect(ok.json().ticketNumber).toBeGreaterThan(0);
    expect((await w.admin.get(`mailboxes/${mailboxId}/quarantine`)).json().total).toBe(0);
    const [after] = await db().select().from(mailFetched).where(eq(mailFetched.id, rec.id));
    expect(after).toMatchObject({ outcome: 'ticket', rawStorageKey: null, sourceKey: 'src:1' });
    expect((await w.admin.post(`mailboxes/${mailboxId}/quarantine/${entry.id}/retry`)).statusCode).toBe(404);
  });

  it('fetch now takes the mailbox id as a number too', async () => {
    const res = await w.admin.post('mailboxes/fetch', { mailboxId: 999999999 });
    expect(res.statusCode).toBe(404);
    expect((await w.admin.post('mailboxes/fetch', { mailboxId: 'x1' })).statusCode).toBe(400);
  });
});

describe('F1 settings', () => {
  it('without importUnknownAddresses, only mail addressed to one of our mailboxes is taken in', async () => {
    const box = await w.admin.post('mailboxes', {
      departmentId: w.billing.id,
      address: `Billing-${w.slug}@pishkhan.test`,
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    });
    expect(box.statusCode, box.body).toBe(201);
    const ctx = systemCtx(t.deps, w.workspaceId);
    const mailbox = (await findMailbox(ctx, Number(box.json().id)))!;
    expect((await w.admin.patch('settings', { importUnknownAddresses: false })).statusCode).toBe(200);
    try {
      const to = (rcpt: string, id: string, extra: string[] = []) =>
        raw(
          [`From: someone@elsewhere.example`, `To: ${rcpt}`, ...extra, 'Subject: s', `Message-ID: <${id}@x>`],
          'body',
        );
      expect(await importMessage(ctx, mailbox, 'u:1', to('alias@other.example', 'unk-1'))).toBe('ignored');
      const [rec] = await db()
        .select()
        .from(mailFetched)
        .where(and(eq(mailFetched.mailboxId, mailbox.id), eq(mailFetched.sourceKey, 'u:1')));
      expect(rec.error).toMatch(/not addressed/);
      expect(await importMessage(ctx, mailbox, 'u:2', to(`billing-${w.slug}@pishkhan.test`, 'unk-2'))).toBe('ticket');
      expect(
        await importMessage(
          ctx,
          mailbox,
          'u:3',
          to('list@other.example', 'unk-3', [`Delivered-To: billing-${w.slug}@pishkhan.test`]),
        ),
      ).toBe('ticket');
    } finally {
      await w.admin.patch('settings', { importUnknownAddresses: true });
    }
    // By default everything the mailbox receives is taken in (nothing is silently dropped).
    expect(
      await importMessage(
        ctx,
        mailbox,
        'u:4',
        raw(['From: someone@elsewhere.example', 'To: alias@other.example', 'Subject: s', 'Message-ID: <unk-4@x>'], 'b'),
      ),
    ).toBe('ticket');
  });

  it('staff refresh their departments’ mailboxes, or all when fetchAllDepartments is on', async () => {
    const boxes = (await w.admin.get('mailboxes?pageSize=100')).json().items as {
      id: string;
      departmentId: string | null;
    }[];
    const inbound = async (departmentId: string) => {
      const res = await w.admin.post('mailboxes', {
        departmentId,
        address: `in-${departmentId}-${w.slug}@pishkhan.test`,
        inbound: { protocol: 'imap', host: '127.0.0.1', port: 1143, tls: 'none', username: 'u', password: 'p' },
        outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
      });
      if (res.statusCode === 201) return res.json().id as string;
      const existing = boxes.find((b) => b.departmentId === departmentId)!;
      expect(
        (
          await w.admin.patch(`mailboxes/${existing.id}`, {
            inbound: { protocol: 'imap', host: '127.0.0.1', port: 1143, tls: 'none', username: 'u', password: 'p' },
          })
        ).statusCode,
      ).toBe(200);
      return existing.id;
    };
    const support = await inbound(w.support.id);
    const billing = await inbound(w.billing.id);
    expect((await w.admin.patch('settings', { fetchAllDepartments: false })).statusCode).toBe(200);
    try {
      const mine = await w.agent.client.post('mailboxes/fetch', {});
      expect(mine.statusCode, mine.body).toBe(202);
      expect(mine.json().queued).toEqual([support]);
      expect((await w.agent.client.post('mailboxes/fetch', { mailboxId: billing })).statusCode).toBe(404);
      expect((await w.admin.post('mailboxes/fetch', {})).json().queued).toEqual(
        expect.arrayContaining([support, billing]),
      );
    } finally {
      await w.admin.patch('settings', { fetchAllDepartments: true });
    }
    expect((await w.agent.client.post('mailboxes/fetch', {})).json().queued).toEqual(
      expect.arrayContaining([support, billing]),
    );
    expect((await w.alice.client.post('mailboxes/fetch', {})).statusCode).toBe(403);
  });
});
