import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, files, messages, ticketParticipants, tickets } from '../../src/db/schema';
import { importMessage } from '../../src/server/modules/mail/intake/import-message';
import { systemCtx } from '../../src/server/modules/mail/intake/system-ctx';
import { findMailbox } from '../../src/server/modules/mail/mailboxes.repo';
import { raw } from '../../src/server/modules/mail/inbound/test-mails';
import { multipart, png } from '../helpers/images';
import { Client, type TestApp } from '../helpers/test-app';
import { merge, mergeTools, useMergeWorld } from '../helpers/ticket-merge';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/** K9: merging tickets (thread, guests, mail threading). Links between tickets: ticket-links.test.ts. */
let t: TestApp;
let w: TicketWorld;
let other: TicketWorld;
useMergeWorld(
  (app, world) => {
    t = app;
    w = world;
  },
  async (app) => {
    other = await ticketWorld(app);
  },
);
const { db, row, staffTicket } = mergeTools(() => ({ t, w }));

let lastIp = 0;
function guest() {
  const ip = `10.9.${Math.floor(++lastIp / 200)}.${(lastIp % 200) + 1}`;
  const c = new Client(t, { slug: w.slug, lang: 'en' });
  return {
    get: (url: string) => c.get(url, { remoteAddress: ip }),
    post: (url: string, body?: unknown) => c.post(url, body, { remoteAddress: ip }),
  };
}

describe('merging a ticket into another', () => {
  it('moves messages, attachments, events, followers, tags and copies; recomputes the target; closes the source', async () => {
    const target = await openTicket(w.bob.client, { departmentId: w.support.id, subject: 'Target ticket' });
    const source = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      subject: 'Source ticket',
      body: '<p>zanzibarquokka happened</p>',
    });
    const sourceCreated = (await row(source.number)).createdAt;
    // A note with an attachment, a reply, a follower and a tag on the source.
    const m = multipart('shot.png', png(4, 4), 'image/png');
    const up = (await w.agent.client.post('uploads', m.payload, { headers: m.headers })).json();
    const note = await w.agent.client.post(`tickets/${source.number}/messages`, {
      kind: 'note',
      body: '<p>Internal remark</p>',
      attachmentIds: [up.id],
    });
    expect(note.statusCode, note.body).toBe(201);
    const reply = await w.agent.client.post(`tickets/${source.number}/messages`, {
      kind: 'reply',
      body: '<p>We are on it</p>',
      statusAfter: 'pending',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await w.agent.client.post(`tickets/${source.number}/followers/me`)).statusCode).toBe(200);
    expect((await w.agent.client.patch(`tickets/${source.number}`, { tags: ['merged-tag'] })).statusCode).toBe(200);
    const before = await db()
      .select({ id: messages.id, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.ticketId, (await row(source.number)).id));

    const res = await merge(w.agent.client, source.number, target.number);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({ number: target.number, mergedInto: null, messageCount: 3, noteCount: 2 });
    expect(answer.tags).toContain('merged-tag');
    expect(answer.followers.map((f: { id: string }) => f.id)).toContain(w.agent.id);
    expect(answer.cc).toContain(`alice-${w.slug}@example.com`);

    const src = await row(source.number);
    const tgt = await row(target.number);
    expect(src).toMatchObject({ status: 'closed', mergedIntoId: tgt.id, messageCount: 0, noteCount: 0 });
    expect(src.closedAt).not.toBeNull();
    expect(tgt).toMatchObject({ messageCount: 3, noteCount: 2 });
    // Messages keep their ids and times; the attachment follows its message.
    const moved = await db()
      .select({ id: messages.id, createdAt: messages.createdAt, ticketId: messages.ticketId })
      .from(messages)
      .where(eq(messages.ticketId, tgt.id));
    for (const b of before) expect(moved.find((x) => x.id === b.id)?.createdAt).toEqual(b.createdAt);
    const [file] = await db()
      .select()
      .from(files)
      .where(eq(files.id, Number(up.id)));
    expect(file.ticketId).toBe(tgt.id);
    expect((await w.agent.client.get(`attachments/${up.id}`)).statusCode).toBe(200);
    expect(tgt.lastMessageAt!.getTime()).toBeGreaterThanOrEqual(sourceCreated.getTime());
    expect(tgt.lastAgentReplyAt).not.toBeNull();
    expect(tgt.firstResponseAt).not.toBeNull();

    // The thread shows both conversations, in order, and the system note.
    const thread = (await w.agent.client.get(`tickets/${target.number}/messages`)).json().items;
    expect(thread).toHaveLength(5);
    expect(thread.map((x: { body: string }) => x.body).join(' ')).toContain('zanzibarquokka');
    expect(thread.at(-1)).toMatchObject({ kind: 'note' });
    expect(thread.at(-1).body).toContain(`#${source.number}`);
    expect((await w.agent.client.get(`tickets/${source.number}/messages`)).json().items).toEqual([]);

    // Event logs: the source's history moved, each side records the merge.
    const tEvents = (await w.agent.client.get(`tickets/${target.number}/events`)).json().items;
    expect(tEvents.filter((e: { kind: string }) => e.kind === 'created')).toHaveLength(2);
    expect(tEvents.find((e: { kind: string }) => e.kind === 'merged_from').data).toEqual({ number: source.number });
    const sEvents = (await w.agent.client.get(`tickets/${source.number}/events`)).json().items;
    expect(sEvents.map((e: { kind: string }) => e.kind)).toEqual(['merged_into', 'status_changed']);

    // The source answers where it went; its requester is shared on the target and sees it.
    const opened = await w.agent.client.get(`tickets/${source.number}`);
    expect(opened.json()).toMatchObject({ status: 'closed', mergedInto: target.number });
    const shared = await db()
      .select()
      .from(ticketParticipants)
      .where(and(eq(ticketParticipants.ticketId, tgt.id), eq(ticketParticipants.userId, Number(w.alice.id))));
    expect(shared.map((p) => p.kind)).toEqual(['shared']);
    expect((await w.alice.client.get(`tickets/${target.number}`)).statusCode).toBe(200);
    // Her answer on the source (portal) goes to the target.
    const late = await w.alice.client.post(`tickets/${source.number}/messages`, { body: '<p>any news?</p>' });
    expect(late.statusCode, late.body).toBe(201);
    const [lateRow] = await db()
      .select()
      .from(messages)
      .where(eq(messages.id, Number(late.json().id)));
    expect(lateRow.ticketId).toBe(tgt.id);
    expect(await row(source.number)).toMatchObject({ status: 'closed', messageCount: 0 });

    // The source's words are found on the target now, not on the source.
    const found = (await w.agent.client.get('tickets?q=zanzibarquokka'))
      .json()
      .items.map((i: { number: number }) => i.number);
    expect(found).toEqual([target.number]);

    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, w.workspaceId), eq(auditLog.action, 'ticket.merged')));
    expect(audits.some((a) => a.entityId === String(src.id))).toBe(true);
  });

  it('refuses bad merges with translated errors and changes nothing', async () => {
    const a = await staffTicket({ subject: 'A' });
    const b = await staffTicket({ subject: 'B' });
    const c = await staffTicket({ subject: 'C' });
    const self = await merge(w.agent.client, a.number, a.number);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields.into).toBe('A ticket cannot be merged into itself.');
    const unknown = await merge(w.agent.client, a.number, 99999);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.into).toBe('No ticket with this number was found.');
    expect((await merge(w.agent.client, a.number, 'x')).statusCode).toBe(400);
    expect((await merge(w.agent.client, a.number, `#${b.number}`)).statusCode).toBe(200);
    // The source is merged now: not again, and nothing goes into it.
    const again = await merge(w.agent.client, a.number, c.number);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This ticket was already merged into another one.');
    const intoMerged = await merge(w.agent.client, c.number, a.number);
    expect(intoMerged.statusCode).toBe(409);
    expect(intoMerged.json().error.message).toBe('The target ticket was itself merged into another one.');
    // Deleted target, locked ticket, internal with non-internal.
    const d = await staffTicket({ subject: 'D' });
    expect((await w.admin.del(`tickets/${d.number}`)).statusCode).toBe(204);
    const intoDeleted = await merge(w.agent.client, c.number, d.number);
    expect(intoDeleted.statusCode).toBe(409);
    expect(intoDeleted.json().error.message).toBe('The target ticket is deleted.');
    const locked = await staffTicket({ subject: 'Locked' });
    expect((await w.agent.client.patch(`tickets/${locked.number}`, { status: 'locked' })).statusCode).toBe(200);
    expect((await merge(w.agent.client, c.number, locked.number)).statusCode).toBe(423);
    const internal = await openTicket(w.agent.client, { departmentId: w.internal.id, internal: true, subject: 'Int' });
    const mixed = await merge(w.agent.client, c.number, internal.number);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields.into).toMatch(/internal/);
    // Who may: staff with tickets.edit who see both tickets.
    expect((await merge(w.narrow.client, c.number, b.number)).statusCode).toBe(403);
    expect((await merge(w.bob.client, c.number, b.number)).statusCode).toBe(403);
    const billingTicket = await openTicket(w.billingAgent.client, { departmentId: w.billing.id, subject: 'Billing' });
    expect((await merge(w.agent.client, billingTicket.number, b.number)).statusCode).toBe(404);
    const hidden = await merge(w.agent.client, c.number, billingTicket.number);
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.fields.into).toBe('No ticket with this number was found.');
    expect(await row(c.number)).toMatchObject({ status: 'pending', mergedIntoId: null, messageCount: 1 });
  });

  it('keeps each workspace apart', async () => {
    const mine = await staffTicket({ subject: 'Mine' });
    const theirs = await openTicket(other.agent.client, { departmentId: other.support.id, requesterId: other.bob.id });
    // The other workspace's number is one that does not exist here (numbers are per workspace).
    const far = theirs.number + 5000;
    const res = await merge(w.agent.client, mine.number, far);
    expect(res.statusCode).toBe(400);
    expect((await other.agent.client.get(`tickets/${theirs.number}`)).json()).toMatchObject({ mergedInto: null });
    const theirRow = await row(theirs.number, other.workspaceId);
    expect(theirRow.mergedIntoId).toBeNull();
    // Merging within the other workspace leaves ours alone, even with the same numbers.
    const theirs2 = await openTicket(other.agent.client, { departmentId: other.support.id, requesterId: other.bob.id });
    const oursBefore = await row(theirs.number);
    expect((await merge(other.agent.client, theirs.number, theirs2.number)).statusCode).toBe(200);
    expect(await row(theirs.number)).toEqual(oursBefore);
    expect((await row(theirs.number, other.workspaceId)).mergedIntoId).toBe(
      (await row(theirs2.number, other.workspaceId)).id,
    );
  });
});

describe('a merged guest ticket', () => {
  it('opens the target with the source tracking code, takes replies there, and follows chains', async () => {
    const g = guest();
    const created = await g.post('public/tickets', {
      name: 'Sara Guest',
      email: `sara-${w.slug}@example.com`,
      subject: 'Guest question',
      body: '<p>guest words</p>',
      departmentId: w.support.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { number, trackingCode } = created.json();
    const target = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Alice printer' });
    expect((await merge(w.agent.client, number, target.number)).statusCode).toBe(200);
    expect((await row(target.number)).cc).toContain(`sara-${w.slug}@example.com`);

    const view = await g.get(`public/tickets/${number}?code=${trackingCode}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ number, subject: 'Alice printer' });
    expect(
      view
        .json()
        .messages.map((x: { body: string }) => x.body)
        .join(' '),
    ).toContain('guest words');
    // No internal note (the merge's system note) reaches the guest.
    expect(view.json().messages.every((x: { kind: string }) => x.kind === 'reply')).toBe(true);

    const answer = await g.post(`public/tickets/${number}/messages?code=${trackingCode}`, {
      body: '<p>still broken</p>',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const [landed] = await db()
      .select()
      .from(messages)
      .where(eq(messages.id, Number(answer.json().id)));
    expect(landed).toMatchObject({ ticketId: (await row(target.number)).id, authorName: 'Sara Guest', kind: 'reply' });
    expect(await row(target.number)).toMatchObject({ status: 'active' });
    expect((await row(number)).messageCount).toBe(0);

    // The target merged on again: the guest's link follows the chain.
    const last = await staffTicket({ subject: 'End of chain' });
    expect((await merge(w.agent.client, target.number, last.number)).statusCode).toBe(200);
    const again = await g.get(`public/tickets/${number}?code=${trackingCode}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().subject).toBe('End of chain');
    // A wrong code is still the same 404.
    expect((await g.get(`public/tickets/${number}?code=AAAA-BBBB-CCCC`)).statusCode).toBe(404);
    expect((await g.post(`public/tickets/${number}/resend-link`, { code: trackingCode })).statusCode).toBe(202);
  });
});

describe('mail to a merged ticket', () => {
  it('an e-mail reply to the source, by its thread or by its number, lands on the target', async () => {
    const box = await w.admin.post('mailboxes', {
      departmentId: w.support.id,
      address: `merge-${w.slug}@pishkhan.test`,
      outbound: { host: '127.0.0.1', port: 2525, tls: 'none', auth: false },
    });
    expect(box.statusCode, box.body).toBe(201);
    const ctx = systemCtx(t.deps, w.workspaceId);
    const mailbox = (await findMailbox(ctx, Number(box.json().id)))!;
    const from = `From: Alice <alice-${w.slug}@example.com>`;
    const to = `To: merge-${w.slug}@pishkhan.test`;
    expect(
      await importMessage(
        ctx,
        mailbox,
        'k9:1',
        raw([from, to, 'Subject: Mail source', 'Message-ID: <k9-src@client.example>'], 'first'),
      ),
    ).toBe('ticket');
    const [src] = await db().select().from(messages).where(eq(messages.emailMessageId, 'k9-src@client.example'));
    const source = (await db().select().from(tickets).where(eq(tickets.id, src.ticketId)))[0];
    const target = await staffTicket({ subject: 'Mail target' });
    expect((await merge(w.agent.client, source.number, target.number)).statusCode).toBe(200);
    const targetId = (await row(target.number)).id;

    const threaded = raw(
      [
        from,
        to,
        'Subject: Re: Mail source',
        'Message-ID: <k9-r1@client.example>',
        'In-Reply-To: <k9-src@client.example>',
      ],
      'answer by thread',
    );
    expect(await importMessage(ctx, mailbox, 'k9:2', threaded)).toBe('reply');
    const bySubject = raw(
      [from, to, `Subject: Re: [#${source.number}] Mail source`, 'Message-ID: <k9-r2@client.example>'],
      'answer by number',
    );
    expect(await importMessage(ctx, mailbox, 'k9:3', bySubject)).toBe('reply');
    const landed = await db()
      .select({ ticketId: messages.ticketId, mid: messages.emailMessageId })
      .from(messages)
      .where(eq(messages.ticketId, targetId));
    expect(landed.map((x) => x.mid)).toEqual(
      expect.arrayContaining(['k9-src@client.example', 'k9-r1@client.example', 'k9-r2@client.example']),
    );
    expect((await row(source.number)).messageCount).toBe(0);
  });
});
