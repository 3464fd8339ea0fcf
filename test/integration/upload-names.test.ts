import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayName } from '../../src/server/modules/files';
import { contentDisposition } from '../../src/server/modules/files/send-file';
import { multipart, png } from '../helpers/images';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { ticketWorld } from '../helpers/tickets';

/**
 * Issue 12, point 4: an uploaded file's name can no longer carry an extension of another type
 * (`invoice.hta` with a PDF's bytes) nor invisible characters that change how it reads
 * (`photo\u202Egnp.js` shows as "photosj.png"). A different extension is replaced by the
 * sniffed type's: `invoice.hta` becomes `invoice.pdf`.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof ticketWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  w.alice.client.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 1),
  Buffer.from([0xff, 0xd9]),
]);
const text = Buffer.from('plain notes\nline two\n');

async function upload(c: Client, name: string, bytes: Buffer) {
  const m = multipart(name, bytes);
  const res = await c.post('uploads', m.payload, { headers: m.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; contentType: string };
}

describe('stored file names (issue 12)', () => {
  it('a name with another type’s extension gets the sniffed type’s, in the answer and the download', async () => {
    const up = await upload(w.alice.client, 'invoice.hta', pdf);
    expect(up).toMatchObject({ name: 'invoice.pdf', contentType: 'application/pdf' });
    const res = await w.alice.client.get(`attachments/${up.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''invoice.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toBe('application/pdf');
  });

  it('loses bidi overrides and ends in the sniffed extension', async () => {
    const up = await upload(w.alice.client, 'photo\u202Egnp.js', png());
    expect(up.name).toBe('photognp.png');
    const isolate = await upload(w.alice.client, 'cv\u2066\u200F\u202Bfdp\u2069.exe.pdf', pdf);
    expect(isolate.name).toBe('cvfdp.exe.pdf');
  });

  it('keeps Persian names, with their zero-width non-joiner, and encodes them per RFC 5987', async () => {
    const name = 'گزارش‌ماهانه (نهایی).pdf';
    const up = await upload(w.alice.client, name, pdf);
    expect(up.name).toBe(name);
    const res = await w.alice.client.get(`attachments/${up.id}`);
    const encoded = encodeURIComponent(name).replace('(', '%28').replace(')', '%29');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encoded}`);
  });

  it('text that would run when opened is stored as .txt; text extensions stay', async () => {
    expect((await upload(w.alice.client, 'macro.js', text)).name).toBe('macro.txt');
    expect((await upload(w.alice.client, 'page.hta', text)).name).toBe('page.txt');
    expect((await upload(w.alice.client, 'report.csv', text)).name).toBe('report.csv');
    expect((await upload(w.alice.client, 'photo.jpeg', jpeg)).name).toBe('photo.jpeg');
    expect((await upload(w.alice.client, 'scan', pdf)).name).toBe('scan.pdf');
  });

  it('names are cleaned of paths, controls and dots, and bounded', () => {
    expect(displayName('a\u0007b\u0000c\u200Bd\u2028.pdf', 'pdf')).toBe('abcd.pdf');
    expect(displayName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(displayName('C:\\Users\\me\\setup.msi', 'cfb')).toBe('setup.bin');
    expect(displayName('budget.xls', 'cfb')).toBe('budget.xls');
    expect(displayName('...', 'pdf')).toBe('file.pdf');
    expect(displayName('.hidden.PDF', 'pdf')).toBe('hidden.pdf');
    expect(displayName('invoice.HTA  ', 'pdf')).toBe('invoice.pdf');
    expect(displayName('نام.پی‌دی‌اف', 'pdf')).toBe('نام.پی‌دی‌اف.pdf');
    const long = displayName(`${'ب'.repeat(300)}.pdf`, 'pdf');
    expect(Array.from(long)).toHaveLength(120 + 4);
    expect(long.endsWith('ب.pdf')).toBe(true);
    // Old rows: the header drops what the name should not have carried.
    expect(contentDisposition('attachment', 'x\u202Efdp.exe')).toBe(`attachment; filename*=UTF-8''xfdp.exe`);
  });
});
