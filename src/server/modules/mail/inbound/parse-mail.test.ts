import { describe, expect, it } from 'vitest';
import { parseMail, UnparsableMail } from './parse-mail';
import { BASE, CRLF, bWord, qWord, raw, rawBytes, rfc2231, windows1256 } from './test-mails';

describe('parseMail', () => {
  it('reads the envelope fields and turns a text body into safe paragraphs', async () => {
    const p = await parseMail(
      raw(
        [
          'From: "Ali Rezaei" <Ali.Rezaei@Example.COM>',
          'To: Support <support@pishkhan.test>, other@x.test',
          'Cc: Boss <BOSS@x.test>, other@x.test',
          'Subject: Printer broken',
          'Date: Tue, 01 Oct 2024 10:00:00 +0000',
          'Message-ID: <abc@example.com>',
          'In-Reply-To: <prev@pishkhan.test>',
          'References: <root@pishkhan.test>',
          ' <prev@pishkhan.test>',
          'Content-Type: text/plain; charset=utf-8',
        ],
        ['Hello <team> & co', 'second line', '', 'new paragraph'],
      ),
    );
    expect(p.messageId).toBe('<abc@example.com>');
    expect(p.inReplyTo).toBe('<prev@pishkhan.test>');
    expect(p.references).toEqual(['<root@pishkhan.test>', '<prev@pishkhan.test>']);
    expect(p.subject).toBe('Printer broken');
    expect(p.from).toEqual({ address: 'ali.rezaei@example.com', name: 'Ali Rezaei' });
    expect(p.to).toEqual(['support@pishkhan.test', 'other@x.test']);
    expect(p.cc).toEqual(['boss@x.test', 'other@x.test']);
    expect(p.date?.toISOString()).toBe('2024-10-01T10:00:00.000Z');
    expect(p.html).toBe('<p>Hello &lt;team&gt; &amp; co<br />second line</p><p>new paragraph</p>');
    expect(p.attachments).toEqual([]);
  });

  it('decodes a base64 RFC 2047 Persian subject and sender name', async () => {
    const p = await parseMail(
      raw([`From: ${bWord('علی رضایی')} <ali@example.com>`, 'To: s@p.test', `Subject: ${bWord('مشکل در چاپگر')}`], 'x'),
    );
    expect(p.subject).toBe('مشکل در چاپگر');
    expect(p.from.name).toBe('علی رضایی');
  });

  it('decodes a Q-encoded RFC 2047 Persian subject and sender name', async () => {
    const p = await parseMail(
      raw([`From: ${qWord('مریم')} <maryam@example.com>`, 'To: s@p.test', `Subject: ${qWord('سلام دنیا')}`], 'x'),
    );
    expect(p.subject).toBe('سلام دنیا');
    expect(p.from.name).toBe('مریم');
  });

  it('decodes a UTF-8 quoted-printable Persian body', async () => {
    const qp = [...Buffer.from('سلام، وقت بخیر', 'utf8')]
      .map((b) => (b < 128 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase()}`))
      .join('');
    const p = await parseMail(
      raw([...BASE, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable'], qp),
    );
    expect(p.html).toBe('<p>سلام، وقت بخیر</p>');
  });

  it('decodes a windows-1256 body', async () => {
    // windows-1256 has گ چ پ ژ ک and ZWNJ, but only the Arabic yeh (ي) and no Persian digits.
    const text = 'سلام. چاپگر طبقه دوم خراب است؛ لطفاً زود درست کنند. مژده: فايل‌ها رسيد';
    const body = windows1256(text);
    expect(body.length).toBe([...text].length); // single-byte code page, really not UTF-8
    const p = await parseMail(
      rawBytes(
        [...BASE, 'Subject: test', 'Content-Type: text/plain; charset=windows-1256', 'Content-Transfer-Encoding: 8bit'],
        body,
      ),
    );
    expect(p.html).toBe(`<p>${text}</p>`);
  });

  it('decodes a windows-1256 HTML body declared in the MIME part', async () => {
    const body = windows1256('<p dir="rtl">درخواست شماره 12</p>');
    const p = await parseMail(
      rawBytes([...BASE, 'Content-Type: text/html; charset="windows-1256"', 'Content-Transfer-Encoding: 8bit'], body),
    );
    expect(p.html).toBe('<p dir="rtl">درخواست شماره 12</p>');
  });

  it('removes scripts, handlers and javascript: links from HTML bodies', async () => {
    const p = await parseMail(
      raw(
        [...BASE, 'Content-Type: text/html; charset=utf-8'],
        '<div onclick="steal()">سلام<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src="x" onerror="bad()"></div>',
      ),
    );
    expect(p.html).not.toMatch(/script|onclick|onerror|javascript|alert/i);
    expect(p.html).toContain('سلام');
  });

  it('keeps a Persian attachment file name (RFC 2231) and an inline image with its Content-ID', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const name = 'فاکتور خرید.pdf';
    const p = await parseMail(
      raw(
        [...BASE, 'Subject: files', 'Content-Type: multipart/mixed; boundary="MIX"'],
        [
          '--MIX',
          'Content-Type: multipart/related; boundary="REL"',
          '',
          '--REL',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>تصویر: <img src="cid:logo@x"></p>',
          '--REL',
          'Content-Type: image/png',
          'Content-ID: <logo@x>',
          'Content-Disposition: inline; filename="logo.png"',
          'Content-Transfer-Encoding: base64',
          '',
          png.toString('base64'),
          '--REL--',
          '--MIX',
          'Content-Type: application/pdf',
          `Content-Disposition: attachment; filename*=${rfc2231(name)}`,
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4 test').toString('base64'),
          '--MIX--',
          '',
        ],
      ),
    );
    expect(p.html).toBe('<p>تصویر: <img src="cid:logo@x" /></p>');
    const [img, pdf] = p.attachments;
    expect(img).toMatchObject({
      filename: 'logo.png',
      contentType: 'image/png',
      contentId: 'logo@x',
      inline: true,
      size: png.length,
    });
    expect(img.content.equals(png)).toBe(true);
    expect(pdf).toMatchObject({ filename: name, contentType: 'application/pdf', inline: false, size: 13 });
    expect(pdf.contentId).toBeUndefined();
    expect(pdf.content.toString()).toBe('%PDF-1.4 test');
  });

  it('gives nameless attachments a name and strips directories', async () => {
    const p = await parseMail(
      raw(
        [...BASE, 'Content-Type: multipart/mixed; boundary="B"'],
        [
          '--B',
          'Content-Type: text/plain',
          '',
          'hi',
          '--B',
          'Content-Type: application/octet-stream',
          'Content-Disposition: attachment',
          '',
          'data',
          '--B',
          'Content-Type: text/csv',
          'Content-Disposition: attachment; filename="../../etc/passwd"',
          '',
          'a,b',
          '--B--',
          '',
        ],
      ),
    );
    expect(p.attachments.map((a) => a.filename)).toEqual(['attachment-1', 'passwd']);
  });

  it('trims quoted history into replyHtml and keeps the full body in html', async () => {
    const p = await parseMail(
      raw(
        [...BASE, 'Content-Type: text/html; charset=utf-8'],
        '<div>ممنون، حل شد.</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Support wrote:</div><blockquote class="gmail_quote">old text</blockquote></div>',
      ),
    );
    expect(p.replyHtml).toBe('<div>ممنون، حل شد.</div>');
    expect(p.html).toContain('old text');
  });

  it('exposes loop-detection headers unfolded', async () => {
    const p = await parseMail(
      raw(
        [
          ...BASE,
          'Auto-Submitted: auto-replied',
          'Content-Type: multipart/report;',
          ' report-type=delivery-status; boundary="R"',
          'X-Other: 1',
        ],
        ['--R', 'Content-Type: text/plain', '', 'bounce', '--R--'],
      ),
    );
    expect(p.headers['auto-submitted']).toBe('auto-replied');
    expect(p.headers['content-type']).toBe('multipart/report; report-type=delivery-status; boundary="R"');
    expect(p.headers['x-other']).toBeUndefined();
  });

  it.each([
    ['empty input', Buffer.alloc(0), 'empty'],
    ['whitespace', Buffer.from(`  ${CRLF}${CRLF}`), 'empty'],
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x13, 0x37, 0xfe, 0x80]), 'no-from'],
    ['no From header', raw(['To: a@b.test', 'Subject: x'], 'body'), 'no-from'],
    ['From without an address', raw(['From: just a name', 'Subject: x'], 'body'), 'no-from'],
  ])('throws UnparsableMail for %s', async (_, input, reason) => {
    const err = await parseMail(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnparsableMail);
    expect((err as UnparsableMail).reason).toBe(reason);
  });

  it('strips NUL bytes, which PostgreSQL text cannot hold', async () => {
    const p = await parseMail(
      raw(
        [
          'From: Ali\u0000 <ali@example.com>',
          'Subject: a\u0000b',
          'Message-ID: <x\u0000y@example.com>',
          'Content-Type: text/plain; charset=utf-8',
        ],
        'bo\u0000dy',
      ),
    );
    expect(p.subject).toBe('ab');
    expect(p.messageId).toBe('<xy@example.com>');
    expect(p.from.name).toBe('Ali');
    expect(p.html).toContain('body');
    expect(JSON.stringify(p)).not.toContain('\\u0000');
  });
});
