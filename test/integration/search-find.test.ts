import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';
import { reindexSearchBatch } from '../../src/server/modules/tickets/search-reindex';

/** Issue 14, point 1: search finds what people type — numbers, word parts, letters, digits, people; with snippets. */
let t: TestApp;
let w: TicketWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

type Item = { number: number; snippet?: { text: string; marks: [number, number][] } };
const list = async (c: Client, q: string, extra = '') => {
  const res = await c.get(`tickets?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
};
const found = async (c: Client, q: string, extra = '') => (await list(c, q, extra)).items.map((i) => i.number);
const fa = (n: number | string) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
const ar = (n: number | string) => String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
const marked = (i: Item | undefined) => (i?.snippet?.marks ?? []).map(([s, e]) => i!.snippet!.text.slice(s, e));
const open = (c: Client, subject: string, body: string, extra: Record<string, unknown> = {}) =>
  openTicket(c, { departmentId: w.support.id, subject, body, ...extra }) as Promise<{ number: number }>;

describe('a bare number', () => {
  it('finds the ticket with that number first, then every ticket whose text holds the number', async () => {
    const target = await open(w.alice.client, 'Laptop battery', '<p>It drains fast.</p>');
    const n = target.number;
    const invoice = await open(w.alice.client, 'صورتحساب', `<p>فاکتور شماره ${fa(n)} پرداخت نشده</p>`);
    const english = await open(w.bob.client, 'Refund', `<p>About invoice INV-${n}, please.</p>`);
    const inSubject = await open(w.alice.client, `Order ${n} missing`, '<p>Where is it?</p>');
    const longer = await open(w.alice.client, `Order ${n}9 missing`, '<p>Not this one.</p>');
    // Pinned and newer: still after the exact ticket, whatever the sort.
    const pin = await w.agent.client.patch(`tickets/${invoice.number}`, { pinned: true });
    expect(pin.statusCode, pin.body).toBe(200);
    const others = [invoice.number, english.number, inSubject.number];
    for (const q of [String(n), `#${n}`, fa(n), ar(n), `#${fa(n)}`]) {
      for (const sort of ['', '&sort=-created', '&sort=subject', '&sort=number', '&sort=-waiting']) {
        const numbers = await found(w.agent.client, q, sort);
        expect(numbers[0], `${q} ${sort}`).toBe(n);
        expect(new Set(numbers.slice(1)), `${q} ${sort}`).toEqual(new Set(others));
        expect(numbers).not.toContain(longer.number);
      }
    }
    // A customer: the exact ticket first, then only their own tickets that hold the number.
    const mine = await found(w.alice.client, String(n));
    expect(mine[0]).toBe(n);
    expect(new Set(mine.slice(1))).toEqual(new Set([invoice.number, inSubject.number]));
    // Pages: the exact ticket once, on the first page; the total counts it.
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      const res = await list(w.agent.client, String(n), `&pageSize=1&page=${page}`);
      expect(res.total).toBe(4);
      pages.push(...res.items.map((i) => i.number));
    }
    expect(pages[0]).toBe(n);
    expect(new Set(pages)).toEqual(new Set([n, ...others]));
    // The snippet marks the number where it was found.
    const items = (await list(w.agent.client, String(n))).items;
    expect(marked(items.find((i) => i.number === invoice.number))).toEqual([fa(n)]);
    expect(marked(items.find((i) => i.number === english.number))).toEqual([String(n)]);
  });
});

describe('word parts: ZWNJ, a space or nothing', () => {
  const spellings = {
    cannot: ['نمی‌شود', 'نمی شود', 'نمیشود'],
    vpn: ['وی‌پی‌ان', 'وی پی ان', 'ویپیان', 'وی‌پی ان'],
    books: ['کتاب‌ها', 'کتاب ها', 'کتابها'],
  };
  it('each spelling in a ticket is found by each spelling in the query', async () => {
    for (const [word, forms] of Object.entries(spellings)) {
      const made = [];
      for (const [k, form] of forms.entries())
        made.push(
          (
            await open(
              w.alice.client,
              k % 2 ? `درخواست ${k}` : `${form} مشکل`,
              k % 2 ? `<p>سلام، ${form} وصل کنم.</p>` : '<p>متن</p>',
            )
          ).number,
        );
      for (const q of forms)
        for (const c of [w.agent.client, w.alice.client]) {
          const numbers = await found(c, q);
          for (const number of made) expect(numbers, `${word}: "${q}" finds ticket ${number}`).toContain(number);
        }
    }
  });

  it('joined parts are marked in the snippet as the ticket wrote them', async () => {
    const tk = await open(
      w.alice.client,
      'اتصال',
      '<p>سلام. اینترنت وصل نمی‌شود و <b>وی پی ان</b> هم کار نمی کند.</p>',
    );
    const item = (await list(w.agent.client, 'نمیشود')).items.find((i) => i.number === tk.number);
    expect(marked(item)).toEqual(['نمی‌شود']);
    const vpn = (await list(w.agent.client, 'ویپیان')).items.find((i) => i.number === tk.number);
    expect(marked(vpn)).toEqual(['وی پی ان']);
  });

  it('existing tickets are found too once their vectors are rebuilt (migration 0013)', async () => {
    const tk = await open(w.alice.client, 'درخواست قدیمی', '<p>می‌خواهم رمز را عوض کنم</p>');
    expect(await found(w.agent.client, 'میخواهم')).toContain(tk.number);
    // As a ticket indexed before the change: words only, no joins.
    await t.deps.database.executeSql(
      `update tickets set search_public = ts_delete(search_public,
         tsvector_to_array(workspace_lexemes(workspace_id, search_joins(bare_lexemes(search_public)))))
       where workspace_id = $1 and number = $2`,
      [w.workspaceId, tk.number],
    );
    expect(await found(w.agent.client, 'میخواهم')).not.toContain(tk.number);
    const { rows } = await t.deps.database.executeSql<{ id: string }>(
      'select id::text from tickets where workspace_id = $1 and number = $2',
      [w.workspaceId, tk.number],
    );
    const name = `test-${tk.number}-${rows[0].id}`;
    await t.deps.database.executeSql('insert into search_reindex (name, done_through_id) values ($1, $2)', [
      name,
      Number(rows[0].id) - 1,
    ]);
    expect(await reindexSearchBatch(t.deps.database, name, 1)).toBe(true);
    expect(await found(w.agent.client, 'میخواهم')).toContain(tk.number);
    expect(await found(w.agent.client, 'می خواهم')).toContain(tk.number);
    // Done for that name once the batch after it is empty... (other workspaces' tickets may follow)
    await t.deps.database.executeSql('delete from search_reindex where name = $1', [name]);
    expect(await reindexSearchBatch(t.deps.database, name, 1)).toBe(false);
  });
});

describe('letters, digits and diacritics keep working', () => {
  it('Arabic yeh and kaf, three digit scripts, diacritics, English case', async () => {
    const tk = await open(w.alice.client, 'كيبورد كار نمي‌كند', '<p>از سال ۱۴۰۲ مُحَمَّد گفت Keyboard BROKEN، کد ٤٥٦٧</p>');
    for (const q of [
      'کیبورد',
      'كيبورد',
      'نمیکند',
      'نمی کند',
      '1402',
      '۱۴۰۲',
      '١٤٠٢',
      'محمد',
      'keyboard',
      'Broken',
      '4567',
    ])
      expect(await found(w.agent.client, q), q).toContain(tk.number);
    const item = (await list(w.agent.client, 'محمد')).items.find((i) => i.number === tk.number);
    expect(marked(item)).toEqual(['مُحَمَّد']);
  });
});

describe('the requester: name, e-mail, alternate e-mail, mobile (staff only)', () => {
  let reza: { id: string; client: Client };
  let rezaTicket: number;
  let guestTicket: number;
  beforeAll(async () => {
    reza = await makeUser(t, w.admin, w.slug, {
      role: 'customer',
      name: 'رضا کریمی',
      email: `reza-${w.slug}@example.com`,
      alternateEmails: [`reza.alt-${w.slug}@example.org`],
      mobile: '09121234567',
    });
    rezaTicket = (await open(w.agent.client, 'Monitor flickers', '<p>See attached.</p>', { requesterId: reza.id }))
      .number;
    const g = await w.anon.post('public/tickets', {
      name: 'Sara Quokkason',
      email: `sara-${w.slug}@example.com`,
      subject: 'Cannot log in',
      body: '<p>Help</p>',
      departmentId: w.support.id,
    });
    expect(g.statusCode, g.body).toBe(201);
    guestTicket = g.json().number;
  });

  it('staff find a member by name (any yeh/kaf), e-mail, alternate e-mail and mobile in any writing', async () => {
    const queries = [
      'کریمی',
      'كريمي',
      'رضا',
      'رضا کریمی',
      `reza-${w.slug}@example.com`,
      `REZA-${w.slug}@Example.com`,
      `reza-${w.slug}`,
      `reza.alt-${w.slug}@example.org`,
      '09121234567',
      '+989121234567',
      '9121234567',
      '۰۹۱۲۱۲۳۴۵۶۷',
      '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷',
      '٠٩١٢١٢٣٤٥٦٧',
    ];
    for (const q of queries) expect(await found(w.agent.client, q), q).toContain(rezaTicket);
    for (const q of ['Quokkason', 'sara quokkason', `sara-${w.slug}@example.com`, `sara-${w.slug}`])
      expect(await found(w.agent.client, q), q).toContain(guestTicket);
    // A match on the requester carries the subject as its snippet.
    const item = (await list(w.agent.client, '09121234567')).items.find((i) => i.number === rezaTicket);
    expect(item?.snippet?.text).toBe('Monitor flickers');
  });

  it('customers never find tickets by a requester, and an agent without the department finds none of them', async () => {
    for (const q of ['کریمی', `reza-${w.slug}@example.com`, '09121234567', 'Quokkason'])
      expect(await found(w.bob.client, q), q).toEqual([]);
    const billing = w.billingAgent.client;
    for (const q of ['کریمی', `reza-${w.slug}@example.com`, `reza.alt-${w.slug}@example.org`, '09121234567'])
      expect(await found(billing, q), q).not.toContain(rezaTicket);
    for (const q of ['Quokkason', `sara-${w.slug}`]) expect(await found(billing, q), q).not.toContain(guestTicket);
  });
});

describe('the requester name index holds each workspace under its own prefix (migration 0028)', () => {
  it("finds this workspace's people by name, never another's of the same name, quotes and all", async () => {
    const other = await ticketWorld(t);
    const mine = await makeUser(t, w.admin, w.slug, { role: 'customer', name: "Niamh O'Sullivan-Quill" });
    const theirs = await makeUser(t, other.admin, other.slug, { role: 'customer', name: "Niamh O'Sullivan-Quill" });
    const ticketOf = async (world: TicketWorld, requesterId: string) =>
      (
        await openTicket(world.agent.client, {
          departmentId: world.support.id,
          subject: 'Badge reader',
          body: '<p>It beeps.</p>',
          requesterId,
        })
      ).number as number;
    const a = await ticketOf(w, mine.id);
    const b = await ticketOf(other, theirs.id);
    for (const q of ['niamh', "o'sullivan", 'sullivan-quill', 'Quill', "Niamh O'Sull"]) {
      expect(await found(w.agent.client, q), q).toEqual([a]);
      expect(await found(other.agent.client, q), q).toEqual([b]);
    }
  });
});

describe("the ticket vectors hold each workspace's words under its own prefix (migration 0031)", () => {
  const lexemes = async (number: number, column: 'search_public' | 'search_notes', ws = w.workspaceId) =>
    (
      await t.deps.database.executeSql<{ lexeme: string }>(
        `select u.lexeme from tickets t, unnest(t.${column}) u where t.workspace_id = $1 and t.number = $2`,
        [ws, number],
      )
    ).rows.map((r) => r.lexeme);

  it('prefixes every word written: opening, a reply, a note, an edit', async () => {
    const tk = await open(w.alice.client, 'چاپگر طبقه سوم', '<p>کارتریج ۴۵ تمام شده و inv-88 باز است</p>');
    const reply = await w.agent.client.post(`tickets/${tk.number}/messages`, { body: '<p>کارتریج نو می‌آید</p>' });
    expect(reply.statusCode, reply.body).toBe(201);
    const note = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      kind: 'note',
      body: '<p>narwhal انبار</p>',
    });
    expect(note.statusCode, note.body).toBe(201);
    // An edited note rebuilds the staff vector from the notes (write/search-index.ts).
    const edit = await w.agent.client.patch(`tickets/${tk.number}/messages/${note.json().id}`, {
      body: '<p>narwhal انبار دوم</p>',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const pub = await lexemes(tk.number, 'search_public');
    const notes = await lexemes(tk.number, 'search_notes');
    const prefix = `${w.workspaceId}:`;
    for (const l of [...pub, ...notes]) expect(l.startsWith(prefix), l).toBe(true);
    const bare = (ls: string[]) => ls.map((l) => l.slice(prefix.length));
    // The words, the joins (می+آید) and the number inside a longer token, each prefixed.
    expect(bare(pub)).toEqual(expect.arrayContaining(['چاپگر', 'کارتریج', '45', 'inv', '88', 'میآید']));
    expect(bare(notes)).toEqual(['narwhal', 'انبار', 'دوم']);
    // Found through the prefixed query; the bare word is no longer a key of this ticket.
    for (const q of ['کارتریج', '45', '88', 'میآید', 'narwhal'])
      expect(await found(w.agent.client, q), q).toContain(tk.number);
    const { rows } = await t.deps.database.executeSql(
      `select 1 from tickets where workspace_id = $1 and number = $2 and search_public @@ to_tsquery('simple', 'کارتریج')`,
      [w.workspaceId, tk.number],
    );
    expect(rows).toHaveLength(0);
  });

  it("one workspace's word is another's key only in that workspace", async () => {
    const other = await ticketWorld(t);
    const subject = 'axolotlquartz printer';
    const mine = await open(w.alice.client, subject, '<p>1357 jammed</p>');
    const theirs = (
      await openTicket(other.alice.client, { departmentId: other.support.id, subject, body: '<p>1357 jammed</p>' })
    ).number as number;
    const mineKeys = await lexemes(mine.number, 'search_public');
    const theirKeys = await lexemes(theirs, 'search_public', other.workspaceId);
    expect(mineKeys).toContain(`${w.workspaceId}:axolotlquartz`);
    expect(theirKeys).toContain(`${other.workspaceId}:axolotlquartz`);
    expect(mineKeys.filter((k) => theirKeys.includes(k))).toEqual([]);
    for (const q of ['axolotlquartz', '1357']) {
      expect(await found(w.agent.client, q), q).toEqual([mine.number]);
      expect(await found(other.agent.client, q), q).toEqual([theirs]);
    }
  });

  it("the migration's rewrite prefixes a vector written before it, keeping positions and joins", async () => {
    const tk = await open(w.alice.client, 'دسترسی ویپیان', '<p>وی پی ان وصل نمی‌شود، کد err-404</p>');
    const vectorText = async () =>
      (
        await t.deps.database.executeSql<{ v: string }>(
          'select search_public::text as v from tickets where workspace_id = $1 and number = $2',
          [w.workspaceId, tk.number],
        )
      ).rows[0].v;
    const before = await vectorText();
    expect(before).toContain(`'${w.workspaceId}:ویپیان'`);
    // As a ticket stored before 0031: the same vector without the prefix.
    await t.deps.database.executeSql(
      `update tickets set search_public = bare_lexemes(search_public) where workspace_id = $1 and number = $2`,
      [w.workspaceId, tk.number],
    );
    expect(await found(w.agent.client, 'نمیشود')).not.toContain(tk.number);
    const migration = readFileSync(
      new URL('../../src/db/migrations/0031_ticket_search_by_workspace.sql', import.meta.url),
      'utf8',
    );
    const rewrite = /UPDATE "tickets" SET[\s\S]*?(?=;--> statement-breakpoint)/.exec(migration)?.[0];
    expect(rewrite).toBeDefined();
    await t.deps.database.executeSql(`${rewrite} and workspace_id = $1 and number = $2`, [w.workspaceId, tk.number]);
    expect(await vectorText()).toBe(before);
    for (const q of ['نمیشود', 'ویپیان', '404', 'دسترسی'])
      expect(await found(w.agent.client, q), q).toContain(tk.number);
  });
});

describe('an agent without the department', () => {
  it('finds none of its tickets by number, text, word parts or snippet', async () => {
    const tk = await open(w.alice.client, 'پرینتر نمی‌شود', '<p>فاکتور zebrafinch ۷۷۳۱</p>');
    const billing = w.billingAgent.client;
    for (const q of [String(tk.number), `#${tk.number}`, fa(tk.number), 'نمیشود', 'zebrafinch', '7731', 'پرینتر'])
      expect(await found(billing, q), q).not.toContain(tk.number);
    expect(await found(w.agent.client, 'zebrafinch')).toContain(tk.number);
  });
});

describe('snippets', () => {
  it('are absent without q, short, plain text, from the latest matching message, never a note for a customer', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(30);
    const tk = await open(
      w.alice.client,
      'Scanner',
      `<p>${filler} the <b>hippogriff</b> &lt;script&gt;alert(1)&lt;/script&gt; ${filler}</p>`,
    );
    expect((await w.agent.client.get('tickets')).json().items[0].snippet).toBeUndefined();
    const first = (await list(w.alice.client, 'hippogriff')).items.find((i) => i.number === tk.number)!;
    expect(first.snippet!.text.length).toBeLessThanOrEqual(200);
    expect(marked(first)).toEqual(['hippogriff']);
    expect(first.snippet!.text).toContain('<script>'); // as text: the web app renders it as text
    expect(first.snippet!.text).not.toContain('<b>');

    const reply = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      body: '<p>The hippogriff answer for you</p>',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const note = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      kind: 'note',
      body: '<p>hippogriff secret staffonly remark</p>',
    });
    expect(note.statusCode, note.body).toBe(201);
    const forCustomer = (await list(w.alice.client, 'hippogriff')).items.find((i) => i.number === tk.number)!;
    expect(forCustomer.snippet!.text).toContain('answer for you');
    expect(forCustomer.snippet!.text).not.toContain('staffonly');
    const forAgent = (await list(w.agent.client, 'hippogriff')).items.find((i) => i.number === tk.number)!;
    expect(forAgent.snippet!.text).toContain('staffonly');
    // A customer never finds a ticket through a note's words, nor sees them.
    expect(await found(w.alice.client, 'staffonly')).not.toContain(tk.number);
  });
});

describe('embedded database (PGlite)', () => {
  it('runs the migration and the same searches', async () => {
    const e = await createTestApp('embedded');
    try {
      const ew = await ticketWorld(e);
      const tk = (await openTicket(ew.alice.client, {
        departmentId: ew.support.id,
        subject: 'وی‌پی‌ان',
        body: '<p>وصل نمی‌شود، فاکتور ۴۲۴۲</p>',
      })) as { number: number };
      for (const q of ['نمیشود', 'نمی شود', 'ویپیان', 'وی پی ان', '4242', String(tk.number)])
        expect(await found(ew.agent.client, q), q).toContain(tk.number);
      const item = (await list(ew.agent.client, 'نمیشود')).items.find((i) => i.number === tk.number);
      expect(marked(item)).toEqual(['نمی‌شود']);
    } finally {
      await e.close();
    }
  }, 120_000);
});
