import { readdirSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../src/db/schema';
import { multipart } from '../helpers/images';
import { Client, createTestApp, type TestApp } from '../helpers/test-app';
import { ticketWorld } from '../helpers/tickets';

/**
 * Issue 12, point 3: uploads had neither a rate nor a quota — one customer wrote 40 × 5 MB in
 * seconds. Now 20 uploads per 10 minutes and 100 MB a day per person (per address for guests),
 * refused with a translated 429 and Retry-After.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;
const MB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
}, 60_000);
afterAll(() => t.close());

const pdf = (size = 0, tag = 'x') => {
  const head = Buffer.from(`%PDF-1.4\n% ${tag}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 6), 0x20), Buffer.from('%%EOF\n')]);
};
const upload = (c: Client, bytes: Buffer, extra: Record<string, unknown> = {}, url = 'uploads') => {
  const m = multipart('a.pdf', bytes);
  return c.post(url, m.payload, { ...extra, headers: m.headers });
};
const storedBy = async (userId: string | number) =>
  (
    await t.deps.database.db
      .select({ id: files.id })
      .from(files)
      .where(and(eq(files.workspaceId, w.workspaceId), eq(files.createdBy, Number(userId))))
  ).length;
const storedFiles = () => readdirSync(`${t.deps.config.dataDir}/files`, { recursive: true }).length;

describe('upload rate (issue 12)', () => {
  it('refuses the 21st upload within 10 minutes with a translated 429 and Retry-After, then allows again', async () => {
    const c = w.bob.client;
    for (let i = 0; i < 20; i++) expect((await upload(c, pdf(0, `n${i}`))).statusCode, `upload ${i + 1}`).toBe(201);
    const before = await storedBy(w.bob.id);

    c.s.lang = 'en';
    const refused = await upload(c, pdf(0, 'n21'));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.json().error.message).toMatch(/^Too many uploads\. Try again in \d+ second/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    c.s.lang = 'fa';
    expect((await upload(c, pdf(0, 'n22'))).json().error.message).toContain('بارگذاری');
    expect(await storedBy(w.bob.id)).toBe(before);

    // Another person is not affected; the same person may go on in the next window.
    expect((await upload(w.agent.client, pdf(0, 'agent'))).statusCode).toBe(201);
    t.clock.advance(600_000);
    expect((await upload(c, pdf(0, 'later'))).statusCode).toBe(201);
  });

  it('limits guests per address (20 per 10 minutes)', async () => {
    const guest = (ip: string) => ({ c: new Client(t, { slug: w.slug, lang: 'en' }), extra: { remoteAddress: ip } });
    const g = guest('10.9.0.1');
    for (let i = 0; i < 20; i++)
      expect((await upload(g.c, pdf(0, `g${i}`), g.extra, 'public/uploads')).statusCode, `upload ${i + 1}`).toBe(201);
    const refused = await upload(g.c, pdf(0, 'g21'), g.extra, 'public/uploads');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Too many uploads/);
    expect(refused.headers['retry-after']).toBeDefined();
    const other = guest('10.9.0.2');
    expect((await upload(other.c, pdf(0, 'other'), other.extra, 'public/uploads')).statusCode).toBe(201);
  });
});

describe('upload quota (issue 12)', () => {
  it('refuses the upload that would pass 100 MB a day, keeps none of its bytes, then refuses every further one', async () => {
    const c = w.alice.client;
    c.s.lang = 'en';
    // Members may send 10 MB files (the default): ten of just under 10 MB fit in 100 MB.
    const big = pdf(10 * MB - 8 * 1024);
    for (let i = 0; i < 10; i++) expect((await upload(c, big)).statusCode, `upload ${i + 1}`).toBe(201);
    const rows = await storedBy(w.alice.id);
    const onDisk = storedFiles();

    const over = await upload(c, big);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toMatch(/upload limit of 100 MB a day/);
    const retry = Number(over.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    expect(await storedBy(w.alice.id)).toBe(rows);
    expect(storedFiles()).toBe(onDisk);

    // What is left (80 KiB) may still be used: the refused upload did not count.
    expect((await upload(c, pdf(80 * 1024))).statusCode).toBe(201);
    // Used up: refused before anything is stored.
    c.s.lang = 'fa';
    const full = await upload(c, pdf(1024));
    expect(full.statusCode).toBe(429);
    expect(full.json().error.message).toContain('۱۰۰ مگابایت');
    expect(storedFiles()).toBe(onDisk + 1);

    // A new day, a new quota.
    t.clock.advance(retry * 1000);
    expect((await upload(c, pdf(1024))).statusCode).toBe(201);
  }, 60_000);
});
