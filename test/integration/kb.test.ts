import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, png } from '../helpers/images';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * Issue 17 (H1–H3) through the API: the capability rule, visibility (hidden and internal never
 * public — in lists, search, suggestions, pages or the sitemap), sanitising against an XSS
 * corpus with the advanced editor's markup kept, votes and views, Persian-aware search,
 * suggestions and the deflection numbers, images, permissions and another workspace.
 */
let t: TestApp;
let slug: string;
let admin: Client;
let guest: Client;
let agent: Client;
let customer: Client;
let other: Client;
let otherSlug: string;
let dept: { id: string };
let group: { id: string };
let sub: { id: string };
let plain: { id: string };

const START = new Date('2026-12-09T06:30:00Z');
const article = async (over: Record<string, unknown>) => {
  const res = await admin.post('kb/articles', {
    groupId: group.id,
    title: 'مقاله',
    body: '<p>متن</p>',
    visible: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const publicSlugs = async (q = '') =>
  (await guest.get(`public/kb/articles?pageSize=100${q ? `&q=${encodeURIComponent(q)}` : ''}`))
    .json()
    .items.map((a: { slug: string }) => a.slug);
const suggestSlugs = async (q: string, session?: string) =>
  (await guest.get(`public/kb/suggest?q=${encodeURIComponent(q)}${session ? `&session=${session}` : ''}`))
    .json()
    .items.map((a: { slug: string }) => a.slug);

beforeAll(async () => {
  t = await createTestApp('postgres');
  t.clock.set(START);
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  guest = new Client(t, { slug });
  dept = (await admin.post('departments', { name: 'پشتیبانی' })).json();
  agent = (await makeUser(t, admin, slug, { role: 'agent', departmentIds: [dept.id] })).client;
  customer = (await makeUser(t, admin, slug, { role: 'customer' })).client;
  group = (await admin.post('kb/groups', { name: 'راهنمای ارسال تیکت', kb: true })).json();
  sub = (await admin.post('kb/groups', { name: 'نوع‌های تیکت', parentId: group.id })).json();
  plain = (await admin.post('kb/groups', { name: 'بدون پایگاه دانش', kb: false })).json();
  ({ slug: otherSlug } = await newWorkspace(t));
  other = await signIn(t, otherSlug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('groups and the capability rule (H1)', () => {
  it('only a group with the knowledge-base capability holds articles; refusals are translated and change nothing', async () => {
    const en = new Client(t, { ...admin.s, lang: 'en' });
    const refused = await en.post('kb/articles', { groupId: plain.id, title: 'x', body: '<p>x</p>' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.groupId).toMatch(/knowledge-base capability/);
    const fa = await admin.post('kb/articles', { groupId: plain.id, title: 'x', body: '<p>x</p>' });
    expect(fa.json().error.fields.groupId).toBe('این گروه امکان پایگاه دانش ندارد و نمی‌تواند مقاله داشته باشد.');
    expect((await admin.get('kb/articles')).json().total).toBe(0);

    const a = await article({ groupId: sub.id, title: 'حذف شدنی' });
    const off = await admin.patch(`kb/groups/${sub.id}`, { kb: false });
    expect(off.statusCode).toBe(409);
    expect((await admin.get(`kb/groups?parentId=${group.id}`)).json().items[0]).toMatchObject({
      kb: true,
      articles: 1,
    });
    expect((await admin.del(`kb/groups/${sub.id}`)).statusCode).toBe(409);
    expect((await admin.del(`kb/groups/${group.id}`)).statusCode).toBe(409); // it has a subgroup
    expect((await admin.del(`kb/articles/${a.id}`)).statusCode).toBe(204);
  });

  it('groups are two levels deep; a PATCH changes only what it sends', async () => {
    const deep = await admin.post('kb/groups', { name: 'عمیق', parentId: sub.id });
    expect(deep.statusCode).toBe(400);
    expect(Object.keys(deep.json().error.fields)).toEqual(['parentId']);
    const self = await admin.patch(`kb/groups/${group.id}`, { parentId: plain.id });
    expect(self.json().error.fields.parentId).toBeDefined(); // it has subgroups
    const moved = await admin.patch(`kb/groups/${plain.id}`, { position: 5 });
    expect(moved.json()).toMatchObject({ name: 'بدون پایگاه دانش', kb: false, position: 5, visible: true });
    const list = (await admin.get('kb/groups')).json();
    expect(list.items.map((g: { id: string }) => g.id)).toEqual([group.id, plain.id, sub.id]);
  });

  it('images: PNG kept with a public, unguessable URL; SVG refused; a group shows its image', async () => {
    const m = multipart('logo.png', png(4, 4), 'image/png');
    const up = await admin.post('kb/images', m.payload, { headers: m.headers });
    expect(up.statusCode, up.body).toBe(201);
    const { id, url } = up.json();
    expect(url).toMatch(new RegExp(`^/api/v1/public/kb/images/${id}\\?v=[0-9a-f]{16}$`));
    const img = await guest.get(url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await guest.get(`public/kb/images/${id}?v=0000000000000000`)).statusCode).toBe(404);
    expect((await guest.get(`public/kb/images/${id}`)).statusCode).toBe(404);
    const svg = multipart('x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect((await admin.post('kb/images', svg.payload, { headers: svg.headers })).statusCode).toBe(415);
    const withImage = await admin.patch(`kb/groups/${group.id}`, { imageId: id });
    expect(withImage.json().imageUrl).toBe(url);
    const pub = (await guest.get('public/kb/groups')).json().items;
    expect(pub.find((g: { id: string }) => g.id === group.id).imageUrl).toBe(url);
    // Another workspace's image cannot be borrowed.
    expect((await other.post('kb/groups', { name: 'x', imageId: id })).statusCode).toBe(400);
  });
});

describe('visibility (H3): hidden and internal never public', () => {
  it('in no list, search, suggestion, page or sitemap — staff see them all', async () => {
    const shown = await article({ title: 'راهنمای تنظیم چاپگر شبکه', body: '<p>چاپگر طبقه سوم</p>' });
    const hidden = await article({ title: 'چاپگر پنهان', visible: false });
    const internal = await article({ title: 'چاپگر داخلی کارشناسان', internal: true });
    const hiddenGroup = (await admin.post('kb/groups', { name: 'گروه پنهان', visible: false })).json();
    const inHidden = await article({ groupId: hiddenGroup.id, title: 'چاپگر در گروه پنهان' });
    const subOfHidden = (await admin.post('kb/groups', { name: 'زیرگروه', parentId: hiddenGroup.id })).json();
    const inSubOfHidden = await article({ groupId: subOfHidden.id, title: 'چاپگر در زیرگروه پنهان' });
    const secret = [hidden, internal, inHidden, inSubOfHidden].map((a) => a.slug);

    expect(await publicSlugs()).toContain(shown.slug);
    for (const list of [await publicSlugs(), await publicSlugs('چاپگر'), await suggestSlugs('چاپگر')])
      for (const s of secret) expect(list).not.toContain(s);
    expect(await suggestSlugs('چاپگر')).toEqual([shown.slug]);
    for (const s of secret)
      expect((await guest.get(`public/kb/articles/${encodeURIComponent(s)}`)).statusCode, s).toBe(404);
    const groups = (await guest.get('public/kb/groups')).json().items.map((g: { id: string }) => g.id);
    expect(groups).not.toContain(hiddenGroup.id);
    expect(groups).not.toContain(subOfHidden.id);
    const sitemap = await guest.get('public/kb/sitemap.xml');
    expect(sitemap.headers['content-type']).toMatch(/application\/xml/);
    expect(sitemap.body).toContain(`/help/articles/${encodeURIComponent(shown.slug)}`);
    for (const s of secret) expect(sitemap.body).not.toContain(encodeURIComponent(s));
    expect(sitemap.body).not.toContain(`/help/groups/${hiddenGroup.id}<`);
    const root = await t.app.inject({ method: 'GET', url: '/sitemap.xml', headers: { 'x-workspace': slug } });
    expect(root.statusCode).toBe(200);
    expect(root.body).toBe(sitemap.body);

    // Staff see everything, agents read internal articles; customers and guests don't reach the staff API.
    const staffList = (await agent.get('kb/articles?q=چاپگر')).json();
    expect(staffList.items.map((a: { slug: string }) => a.slug).sort()).toEqual(
      [shown, ...[hidden, internal, inHidden, inSubOfHidden]].map((a) => a.slug).sort(),
    );
    expect((await agent.get(`kb/articles/${internal.id}`)).json().internal).toBe(true);
    expect((await customer.get('kb/articles')).statusCode).toBe(403);
    expect((await guest.get('kb/articles')).statusCode).toBe(401);
    expect((await agent.post('kb/articles', { groupId: group.id, title: 'x' })).statusCode).toBe(403);
    // Turning visibility on publishes it; turning the group off hides its articles again.
    await admin.patch(`kb/articles/${hidden.id}`, { visible: true });
    expect(await publicSlugs('پنهان')).toEqual([hidden.slug]);
    await admin.patch(`kb/articles/${hidden.id}`, { visible: false });
  });
});

describe('sanitising (H2)', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg onload=alert(1)><script>alert(1)</script></svg>',
    '<style>body{display:none}</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<span style="font-family: expression(alert(1))">x</span>',
    '<span style="font-family: url(https://evil.example/x)">x</span>',
    '<span style="font-size: calc(100vw)">x</span>',
    '<p onclick="alert(1)">x</p>',
    '<form action="https://evil.example"><input name=q></form>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="//evil.example">protocol-relative</a>',
    '<code class="language-js evil">x</code>',
  ];
  it('removes every dangerous part; keeps headings, lists, tables, code, fonts, sizes and direction per block', async () => {
    const kept =
      '<h2 dir="rtl">سرفصل</h2><ul><li>یک</li></ul><ol start="2"><li>دو</li></ol>' +
      '<p dir="ltr" style="text-align: left"><span style="font-family: Vazirmatn, Tahoma; font-size: 18px">Hello</span></p>' +
      '<table><colgroup><col style="width: 120px"></colgroup><tbody><tr><th>ستون</th><td colspan="2">خانه</td></tr></tbody></table>' +
      '<pre><code class="language-bash">npm start</code></pre><p><img src="/api/v1/public/kb/images/1?v=abc" alt="تصویر"></p>';
    const a = await article({ title: 'آزمون پاک‌سازی', body: payloads.join('\n') + kept });
    const body: string = a.body;
    expect(body).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<input/i);
    expect(body).not.toMatch(/\son\w+\s*=/i);
    expect(body).not.toMatch(/javascript:|data:image\/svg|url\(|expression|calc\(|evil/i);
    for (const part of [
      '<h2 dir="rtl">سرفصل</h2>',
      '<ol start="2">',
      '<p dir="ltr" style="text-align:left"><span style="font-family:Vazirmatn, Tahoma;font-size:18px">Hello</span></p>',
      '<col style="width:120px" />',
      '<td colspan="2">خانه</td>',
      '<code class="language-bash">npm start</code>',
      '<img src="/api/v1/public/kb/images/1?v=abc" alt="تصویر" />',
    ])
      expect(body).toContain(part);
    const tooBig = await admin.post('kb/articles', { groupId: group.id, title: 'x', body: '<p>x</p>'.repeat(80_000) });
    expect(tooBig.statusCode).toBe(400);
  });
});

describe('views and votes', () => {
  it('a page view counts; one vote per visitor per article, moved when changed', async () => {
    const a = await article({ title: 'رأی‌گیری' });
    const path = `public/kb/articles/${encodeURIComponent(a.slug)}`;
    expect((await guest.get(path)).json()).toMatchObject({ views: 1, myVote: null });
    expect((await guest.get(path)).json().views).toBe(2);
    const v1 = await guest.post(`${path}/feedback`, { helpful: true });
    expect(v1.json()).toEqual({ helpful: 1, notHelpful: 0, myVote: 'helpful' });
    const cookie = v1.cookies.find((c) => c.name === 'pk_kbv')!;
    expect(cookie.httpOnly).toBe(true);
    const visitor = { headers: { cookie: `pk_kbv=${cookie.value}` } };
    expect((await guest.post(`${path}/feedback`, { helpful: true }, visitor)).json()).toMatchObject({ helpful: 1 });
    expect((await guest.post(`${path}/feedback`, { helpful: false }, visitor)).json()).toEqual({
      helpful: 0,
      notHelpful: 1,
      myVote: 'notHelpful',
    });
    expect((await guest.get(path, visitor)).json().myVote).toBe('notHelpful');
    // Another visitor, and a signed-in person by account.
    await guest.post(`${path}/feedback`, { helpful: true });
    expect((await customer.post(`${path}/feedback`, { helpful: true })).json()).toMatchObject({ helpful: 2 });
    expect((await customer.post(`${path}/feedback`, { helpful: true })).json()).toMatchObject({ helpful: 2 });
    expect((await admin.get(`kb/articles/${a.id}`)).json()).toMatchObject({ views: 3, helpful: 2, notHelpful: 1 });
    expect((await guest.post(`${path}/feedback`, { helpful: 'yes' })).statusCode).toBe(400);
  });
});

describe('Persian-aware search (same normalisation as ticket search)', () => {
  it('ي/ی, ك/ک, digit scripts, ZWNJ or space or nothing between word parts, prefixes; marks the words', async () => {
    const a = await article({
      title: 'تنظیمات کامپیوتر',
      summary: 'چگونه رمز ۱۲۳ را عوض کنیم',
      keywords: ['شبکه', 'وای‌فای'],
      body: '<p>اگر اتصال برقرار نمی‌شود، کابل را بررسی کنید.</p>',
    });
    for (const q of [
      'تنظيمات',
      'كامپيوتر',
      'کامپی',
      'رمز 123',
      'رمز ١٢٣',
      'نمی شود',
      'نمیشود',
      'نمی‌شود',
      'شبكه',
      'وای فای',
    ])
      expect(await publicSlugs(q), q).toContain(a.slug);
    expect(await publicSlugs('نرم‌افزار')).not.toContain(a.slug);
    const found = (await guest.get(`public/kb/articles?q=${encodeURIComponent('كامپيوتر نمیشود')}`)).json();
    expect(found.total).toBe(1);
    const hit = found.items[0];
    expect(hit.slug).toBe(a.slug);
    expect(hit.titleMarks).toEqual([[8, 16]]);
    expect(hit.snippet.text).toContain('نمی‌شود');
    const [s, e] = hit.snippet.marks[0];
    expect(hit.snippet.text.slice(s, e)).toBe('نمی‌شود');
    // The title ranks first: an article that only mentions the word in its text comes after.
    const mention = await article({ title: 'مقاله دیگر', body: '<p>درباره تنظیمات هم هست</p>' });
    expect((await publicSlugs('تنظیمات')).slice(0, 2)).toEqual([a.slug, mention.slug]);
    const page2 = (await guest.get(`public/kb/articles?pageSize=1&page=2&q=${encodeURIComponent('تنظیمات')}`)).json();
    expect(page2).toMatchObject({ total: 2, page: 2 });
    expect(page2.items.map((i: { slug: string }) => i.slug)).toEqual([mention.slug]);
    const past = (await guest.get(`public/kb/articles?pageSize=1&page=9&q=${encodeURIComponent('تنظیمات')}`)).json();
    expect(past).toMatchObject({ total: 2, items: [] });
  });

  it('Persian slugs: made from the title, -2 when taken, found in any spelling; a custom slug is checked', async () => {
    const a = await article({ title: 'راهنمای ثبت نام' });
    const b = await article({ title: 'راهنمای ثبت نام' });
    expect(a.slug).toBe('راهنمای-ثبت-نام');
    expect(b.slug).toBe('راهنمای-ثبت-نام-2');
    const arabic = encodeURIComponent('راهنماي-ثبت-نام');
    expect((await guest.get(`public/kb/articles/${arabic}`)).json().title).toBe('راهنمای ثبت نام');
    const custom = await admin.patch(`kb/articles/${b.id}`, { slug: 'sign-up-2' });
    expect(custom.json().slug).toBe('sign-up-2');
    expect((await admin.patch(`kb/articles/${a.id}`, { slug: 'sign-up-2' })).json().error.fields.slug).toBe(
      'مقالهٔ دیگری همین نشانی را دارد.',
    );
    expect((await admin.patch(`kb/articles/${a.id}`, { slug: 'bad slug!' })).statusCode).toBe(400);
    // A new title keeps the address.
    expect((await admin.patch(`kb/articles/${a.id}`, { title: 'ثبت‌نام' })).json().slug).toBe('راهنمای-ثبت-نام');
  });
});

describe('suggestions and deflection (H3)', () => {
  it('up to 5 suggestions; shown, opened, sent and avoided are counted per form', async () => {
    for (let i = 0; i < 7; i++) await article({ title: `بازنشانی گذرواژه روش ${i + 1}` });
    expect(await suggestSlugs('با')).toEqual([]); // too short
    // A subject that grows past the article's words keeps suggesting it.
    const printer = await article({
      title: 'راهنمای تنظیم چاپگر شبکه',
      body: '<table><tr><td>مدل</td><td>درگاه</td></tr></table>',
    });
    expect(await suggestSlugs('چاپگر شبكه چاپ نمی‌کند')).toContain(printer.slug);
    const cells = (await guest.get(`public/kb/articles?q=${encodeURIComponent('درگاه')}`)).json().items;
    expect(cells.find((a: { slug: string }) => a.slug === printer.slug).snippet.text).toContain('مدل درگاه');
    expect(await suggestSlugs('گذرواژه باز')).toHaveLength(5);
    const sent = randomUUID();
    const avoided = randomUUID();
    const ignored = randomUUID();
    const [first] = await suggestSlugs('بازنشانی گذرو', sent);
    await suggestSlugs('بازنشانی گذرواژه', sent); // the same form typing on
    await suggestSlugs('بازنشانی گذرو', avoided);
    await suggestSlugs('گذرواژه', ignored);
    await suggestSlugs('هیچ‌چیز-نامربوط', randomUUID()); // nothing shown: not counted
    expect((await guest.get(`public/kb/articles/${encodeURIComponent(first)}?suggestion=${sent}`)).statusCode).toBe(
      200,
    );
    expect((await guest.get(`public/kb/articles/${encodeURIComponent(first)}?suggestion=${avoided}`)).statusCode).toBe(
      200,
    );
    const ticket = await customer.post('tickets', {
      subject: 'بازنشانی گذرواژه',
      body: '<p>باز هم نشد</p>',
      departmentId: dept.id,
      kbSession: sent,
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const guestTicket = await guest.post('public/tickets', {
      name: 'مهمان',
      email: 'guest@example.com',
      subject: 'گذرواژه',
      body: '<p>سلام</p>',
      departmentId: dept.id,
      kbSession: ignored,
    });
    expect(guestTicket.statusCode, guestTicket.body).toBe(201);
    const now = (await admin.get('kb/deflection')).json();
    expect(now).toMatchObject({ shown: 3, opened: 2, ticketsSent: 1, ticketsAvoided: 0 });
    expect(now.topArticles[0]).toMatchObject({ slug: first, opened: 2 });
    t.clock.set(new Date(START.getTime() + 61 * 60_000));
    expect((await admin.get('kb/deflection')).json()).toMatchObject({
      shown: 3,
      opened: 2,
      ticketsSent: 1,
      ticketsAvoided: 1,
    });
    expect((await admin.get('kb/deflection?from=2026-12-10&to=2026-12-11')).json().shown).toBe(0);
    expect((await agent.get('kb/deflection')).statusCode).toBe(403);
    expect((await guest.get('public/kb/suggest?q=x&session=not-a-uuid')).statusCode).toBe(400);
  });
});

describe('another workspace', () => {
  it('sees none of it and changes none of it', async () => {
    const a = (await admin.get('kb/articles?pageSize=1')).json().items[0];
    expect((await other.get('kb/articles')).json().total).toBe(0);
    expect((await other.get('kb/groups')).json().total).toBe(0);
    expect((await other.get(`kb/articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.patch(`kb/articles/${a.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await other.del(`kb/articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.patch(`kb/groups/${group.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await other.del(`kb/groups/${group.id}`)).statusCode).toBe(404);
    expect((await other.post('kb/articles', { groupId: group.id, title: 'x' })).statusCode).toBe(400);
    expect((await other.post('kb/groups', { name: 'x', parentId: group.id })).statusCode).toBe(400);
    const otherGuest = new Client(t, { slug: otherSlug });
    expect((await otherGuest.get('public/kb/articles')).json().total).toBe(0);
    expect((await otherGuest.get(`public/kb/articles/${encodeURIComponent(a.slug)}`)).statusCode).toBe(404);
    expect((await otherGuest.get('public/kb/suggest?q=گذرواژه')).json().items).toEqual([]);
    expect((await otherGuest.get('public/kb/sitemap.xml')).body).not.toContain('/help/articles/');
    expect((await admin.get(`kb/articles/${a.id}`)).json().title).toBe(a.title);
  });
});

describe('the help centre is a public door', () => {
  it('limits reads per address with a translated 429 and Retry-After', async () => {
    const small = await createTestApp('postgres', { PUBLIC_READS_PER_MINUTE: '3' });
    try {
      const { slug: s } = await newWorkspace(small);
      const visitor = new Client(small, { slug: s });
      for (let i = 0; i < 3; i++) expect((await visitor.get('public/kb/suggest?q=چاپگر')).statusCode).toBe(200);
      const refused = await visitor.get('public/kb/articles?q=چاپگر');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
