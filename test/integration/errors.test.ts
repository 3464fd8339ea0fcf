import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, png } from '../helpers/images';
import { ADMIN_PASSWORD, Client, createTestApp, newWorkspace, signIn, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: Client;
let en: Client;

beforeAll(async () => {
  t = await createTestApp();
  const { slug } = await newWorkspace(t);
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  en = new Client(t, { ...admin.s, lang: 'en-US,en;q=0.9' });
});
afterAll(() => t.close());

const noLeak = (body: string) => {
  expect(body).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+|select |insert into|violates|stack/i);
};

describe('error shape', () => {
  it('an oversized body is 413 too_large and stores nothing', async () => {
    const res = await admin.post('departments', { name: 'x', description: 'a'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
    expect((await admin.get('departments?q=x')).json().total).toBe(0);
  });

  it('bad JSON is 400 with a translated message', async () => {
    const res = await en.req('POST', 'departments', '{"name": "x",', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'invalid', message: 'The request body is not valid JSON.' });
    noLeak(res.body);
  });

  it('wrong types give a message per field, in Persian by default and English on request', async () => {
    const body = { name: 42, usage: 'everyone', active: 'yes', agentIds: 'x' };
    const fa = await admin.post('departments', body);
    expect(fa.statusCode).toBe(400);
    expect(fa.json().error.code).toBe('invalid');
    expect(fa.json().error.message).toBe('برخی از فیلدها معتبر نیستند.');
    expect(fa.json().error.fields).toEqual({
      name: 'باید متن باشد.',
      usage: 'باید یکی از این‌ها باشد: all, members, internal.',
      active: 'باید درست یا نادرست باشد.',
      agentIds: 'باید فهرست باشد.',
    });
    const e = await en.post('departments', body);
    expect(e.json().error.fields.name).toBe('Must be text.');
    const missing = await en.post('users', { role: 'agent' });
    expect(missing.json().error.fields.username).toBe('This field is required.');
    // A missing or empty id is "required" too, not "not valid" (the web form sends '' for "none chosen").
    for (const departmentId of [undefined, '']) {
      const noDept = await en.post('tickets', { subject: 's', body: 'b', departmentId });
      expect(noDept.json().error.fields.departmentId).toBe('This field is required.');
    }
    expect(
      (await en.post('tickets', { subject: 's', body: 'b', departmentId: 'x1' })).json().error.fields.departmentId,
    ).not.toBe('This field is required.');
    const mobile = await en.post('users', { role: 'customer', username: 'okname', mobile: '0912' });
    expect(mobile.json().error.fields.mobile).toMatch(/Iranian mobile/);
    const tooLong = await admin.post('tags', { name: 'x'.repeat(51) });
    expect(tooLong.json().error.fields.name).toBe('حداکثر ۵۰ نویسه.');
  });

  it('unknown ids, malformed ids and unknown routes are 404', async () => {
    for (const url of ['users/999999999', 'departments/abc', 'departments/-1', 'departments/1e5']) {
      const res = await en.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const route = await en.get('no-such-thing');
    expect(route.statusCode).toBe(404);
    expect(route.json().error.message).toBe('There is no such address in the API.');
  });

  it('a wrong content type is 415, an empty JSON body is 400', async () => {
    const res = await en.req('POST', 'departments', 'name=x', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    const empty = await en.req('POST', 'departments', '', { headers: { 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
  });

  it('a multipart body cut short or with another boundary is 400, for every upload door', async () => {
    const good = multipart('a.png', png(4, 4), 'image/png');
    const other = multipart('a.png', png(4, 4), 'image/png').headers;
    const cut = good.payload.subarray(0, good.payload.length - 20);
    for (const url of ['uploads', 'kb/images', 'tickets/import']) {
      for (const [payload, headers] of [
        [good.payload, other],
        [cut, good.headers],
      ] as const) {
        const res = await en.req('POST', url, payload, { headers });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code).toBe('invalid');
        expect(res.json().error.message).toMatch(/multipart form/);
        noLeak(res.body);
      }
    }
    expect(t.logs.join('')).not.toMatch(/Unexpected end of multipart data.*unhandled error/);
  });

  it('an unexpected failure is a generic 500 with no stack or SQL, and is logged', async () => {
    // A second app whose database goes away under it: every query now throws.
    const broken = await createTestApp();
    const { slug } = await newWorkspace(broken);
    const c = await signIn(broken, slug, 'admin', ADMIN_PASSWORD);
    await broken.deps.jobs.stop();
    await broken.deps.database.close();
    const res = await new Client(broken, { ...c.s, lang: 'en' }).get('tags');
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toEqual({
      code: 'internal',
      message: 'Something went wrong on the server. Please try again.',
    });
    noLeak(res.body);
    expect(broken.logs.some((l) => l.includes('unhandled error'))).toBe(true);
    await broken.app.close();
  });
});
