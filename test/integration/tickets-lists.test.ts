import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;
const n: Record<string, number> = {};

const nums = async (
  c: { get: (u: string) => Promise<{ statusCode: number; body: string; json(): { items: { number: number }[] } }> },
  q: string,
) => {
  const res = await c.get(`tickets?pageSize=100&${q}`);
  if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
  return res.json().items.map((i) => i.number);
};

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  t.clock.advance(1000);
  n.old = (
    await openTicket(w.alice.client, {
      departmentId: w.support.id,
      subject: 'كامپيوتر روشن نمي‌شود',
      body: '<p>از ديروز صفحه سياه است ۱۴۰۳</p>',
      priority: 'low',
    })
  ).number;
  t.clock.advance(60_000);
  n.mid = (
    await openTicket(w.bob.client, {
      departmentId: w.support.id,
      subject: 'Email quota exceeded',
      body: '<p>My mailbox is full since Monday</p>',
      priority: 'urgent',
    })
  ).number;
  t.clock.advance(60_000);
  n.billing = (
    await openTicket(w.alice.client, {
      departmentId: w.billing.id,
      subject: 'فاکتور شارژ پیامک',
      body: '<p>مبلغ ۵۰۰۰۰ تومان</p>',
      priority: 'high',
    })
  ).number;
  t.clock.advance(60_000);
  n.pinned = (
    await openTicket(w.agent.client, {
      departmentId: w.support.id,
      requesterId: w.alice.id,
      subject: 'Planned maintenance',
      body: 'Read me',
      pinned: true,
      tags: ['vpn'],
      status: 'active',
    })
  ).number;
  t.clock.advance(60_000);
  n.answered = (
    await openTicket(w.bob.client, {
      departmentId: w.support.id,
      subject: 'VPN does not connect',
      body: '<p>Error 809 from home</p>',
    })
  ).number;
  await w.agent.client.post(`tickets/${n.answered}/messages`, { body: 'Try the new profile' });
});
afterAll(() => t.close());

describe('agent queue (D1, D7)', () => {
  it('pinned first, then longest waiting; waiting time, message count and requester level are shown', async () => {
    const res = (await w.agent.client.get('tickets?status=active&status=pending&pageSize=100')).json();
    expect(res.items.map((i: { number: number }) => i.number)).toEqual([n.pinned, n.old, n.mid, n.answered]);
    const old = res.items.find((i: { number: number }) => i.number === n.old);
    expect(old.waitingSince).not.toBeNull();
    expect(old.messageCount).toBe(1);
    expect(old.requester).toMatchObject({ name: 'Alice', level: 'member' });
    expect(res.items.find((i: { number: number }) => i.number === n.answered).waitingSince).toBeNull();
    const page = (await w.agent.client.get(`tickets/${n.old}`)).json();
    expect(page.unansweredFor).toBeGreaterThanOrEqual(240);
    expect(await nums(w.agent.client, 'pinnedFirst=false&sort=waiting&status=active')).toEqual([
      n.old,
      n.mid,
      n.pinned,
    ]);
  });

  it('filters combine: status, priority, department, assignee, requester, tag, e-mail, dates', async () => {
    expect(await nums(w.admin, 'status=pending')).toEqual([n.answered]);
    expect(await nums(w.admin, 'priority=urgent,high&sort=number')).toEqual([n.mid, n.billing]);
    expect(await nums(w.admin, `departmentId=${w.billing.id}`)).toEqual([n.billing]);
    expect(await nums(w.admin, `requesterId=${w.bob.id}&sort=number`)).toEqual([n.mid, n.answered]);
    expect(await nums(w.admin, 'tag=VPN')).toEqual([n.pinned]);
    expect(await nums(w.admin, 'tag=nope')).toEqual([]);
    expect(await nums(w.admin, `email=${encodeURIComponent('bob-')}&sort=number`)).toEqual([n.mid, n.answered]);
    await w.agent.client.post(`tickets/${n.mid}/assign-to-me`);
    expect(await nums(w.agent.client, 'assigneeId=me')).toEqual([n.mid]);
    expect(await nums(w.admin, `assigneeId=none&departmentId=${w.support.id}&sort=number`)).toEqual([
      n.pinned,
      n.old,
      n.answered,
    ]);
    expect(await nums(w.admin, `assigneeId=none&departmentId=${w.support.id}&sort=number&pinnedFirst=false`)).toEqual([
      n.old,
      n.pinned,
      n.answered,
    ]);
    const created = (await w.admin.get(`tickets/${n.billing}`)).json().createdAt;
    expect(await nums(w.admin, `createdFrom=${encodeURIComponent(created)}&sort=number&pinnedFirst=false`)).toEqual([
      n.billing,
      n.pinned,
      n.answered,
    ]);
    expect(
      await nums(
        w.admin,
        `createdTo=${encodeURIComponent(new Date(Date.parse(created) - 1).toISOString())}&sort=number`,
      ),
    ).toEqual([n.old, n.mid]);
    expect(await nums(w.admin, 'status=active&priority=low&q=کامپیوتر')).toEqual([n.old]);
  });

  it('sorts by number, subject, created, updated, priority, status, department, e-mail', async () => {
    const all = [n.old, n.mid, n.billing, n.pinned, n.answered];
    expect(await nums(w.admin, 'pinnedFirst=false&sort=number')).toEqual(all);
    expect(await nums(w.admin, 'pinnedFirst=false&sort=-number')).toEqual([...all].reverse());
    expect(await nums(w.admin, 'pinnedFirst=false&sort=-created')).toEqual([...all].reverse());
    expect((await nums(w.admin, 'pinnedFirst=false&sort=priority'))[0]).toBe(n.mid);
    expect((await nums(w.admin, 'pinnedFirst=false&sort=department'))[0]).toBe(n.billing);
    expect((await nums(w.admin, 'pinnedFirst=false&sort=status')).at(-1)).toBe(n.answered);
    const subjects = (await w.admin.get('tickets?pinnedFirst=false&sort=subject'))
      .json()
      .items.map((i: { subject: string }) => i.subject.toLowerCase());
    expect(subjects).toEqual([...subjects].sort());
    expect((await nums(w.admin, 'pinnedFirst=false&sort=email')).slice(0, 2).sort()).toEqual([n.old, n.billing].sort());
    t.clock.advance(1000);
    await w.agent.client.patch(`tickets/${n.old}`, { priority: 'medium' });
    expect((await nums(w.admin, 'pinnedFirst=false&sort=-updated'))[0]).toBe(n.old);
  });

  it('pages with a hard maximum', async () => {
    const p1 = (await w.admin.get('tickets?pageSize=2&page=1&sort=number&pinnedFirst=false')).json();
    const p3 = (await w.admin.get('tickets?pageSize=2&page=3&sort=number&pinnedFirst=false')).json();
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.items.map((i: { number: number }) => i.number)).toEqual([n.old, n.mid]);
    expect(p3.items.map((i: { number: number }) => i.number)).toEqual([n.answered]);
    expect((await w.admin.get('tickets?pageSize=500')).statusCode).toBe(400);
    expect((await w.admin.get('tickets?status=opened')).statusCode).toBe(400);
  });
});

describe('customer “my tickets” (D3)', () => {
  it('shows only its own, with filters, search and sort', async () => {
    expect(await nums(w.alice.client, 'sort=number')).toEqual([n.pinned, n.old, n.billing]);
    expect(await nums(w.alice.client, 'sort=number&pinnedFirst=false')).toEqual([n.old, n.billing, n.pinned]);
    expect(await nums(w.alice.client, `departmentId=${w.billing.id}`)).toEqual([n.billing]);
    expect(await nums(w.alice.client, 'q=فاکتور')).toEqual([n.billing]);
    expect(await nums(w.alice.client, 'q=Email')).toEqual([]);
    expect(await nums(w.alice.client, `q=%23${n.mid}`)).toEqual([]);
    expect(await nums(w.alice.client, `q=${n.billing}`)).toEqual([n.billing]);
    expect(await nums(w.alice.client, 'includeDeleted=true&sort=number&pinnedFirst=false')).toEqual([
      n.old,
      n.billing,
      n.pinned,
    ]);
  });
});

describe('search (D6): Persian and English, folded the same at index and query time', () => {
  it('finds Persian text whatever the spelling of ی, ک, digits and ZWNJ', async () => {
    // Indexed with Arabic ي/ك and a ZWNJ; searched with Persian ی/ک, with spaces, with Arabic-Indic digits.
    expect(await nums(w.admin, 'q=کامپیوتر')).toEqual([n.old]);
    expect(await nums(w.admin, 'q=كامپيوتر')).toEqual([n.old]);
    expect(await nums(w.admin, `q=${encodeURIComponent('نمی شود')}`)).toEqual([n.old]);
    expect(await nums(w.admin, `q=${encodeURIComponent('نمی‌شود')}`)).toEqual([n.old]);
    // A bare number asks for ticket 1403 (there is none) and for every ticket whose text holds it.
    expect(await nums(w.admin, 'q=1403')).toEqual([n.old]);
    expect(await nums(w.admin, `q=${encodeURIComponent('سیاه ۱۴۰۳')}`)).toEqual([n.old]);
    expect(await nums(w.admin, `q=${encodeURIComponent('سياه ١٤٠٣')}`)).toEqual([n.old]);
    expect(await nums(w.admin, 'q=کامپی')).toEqual([n.old]); // a prefix
  });

  it('finds English words in subjects and messages, phrases, prefixes, and numbers as tickets', async () => {
    expect(await nums(w.admin, 'q=mailbox')).toEqual([n.mid]);
    expect(await nums(w.admin, 'q=MAILBOX%20full')).toEqual([n.mid]);
    expect(await nums(w.admin, 'q=quota')).toEqual([n.mid]);
    expect(await nums(w.admin, 'q=profile')).toEqual([n.answered]); // in the agent's reply
    expect(await nums(w.admin, 'q=conn')).toEqual([n.answered]);
    expect(await nums(w.admin, `q=%23${n.mid}`)).toEqual([n.mid]);
    expect(await nums(w.admin, `q=${n.mid}`)).toEqual([n.mid]);
    expect(
      await nums(
        w.admin,
        `q=${encodeURIComponent('#' + String(n.mid).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]))}`,
      ),
    ).toEqual([n.mid]);
    expect(await nums(w.admin, 'q=zebra')).toEqual([]);
  });
});
