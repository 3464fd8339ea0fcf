import { describe, expect, it } from 'vitest';
import { composeNotice, composeReply, referencesOf } from './compose';
import { addressOf, formatFrom } from './sender';

const base = {
  number: 42,
  subject: 'Re: [#42] چاپگر',
  from: '"Support" <support@x.test>',
  to: 'ali@example.com',
  cc: ['a@x.test'],
  bcc: ['b@x.test'],
  bodyHtml: '<p>سلام</p>',
  footer: 'Ticket #42',
  messageId: 'out-1@x.test',
  thread: [] as string[],
  attachments: [],
  dir: 'rtl' as const,
  opening: false,
};

describe('composeReply', () => {
  it('puts the ticket number in the subject once and threads under the latest mail', () => {
    const m = composeReply({ ...base, thread: ['root@c', 'mid@c', 'last@c'] });
    expect(m.subject).toBe('Re: [#42] چاپگر');
    expect(m.messageId).toBe('<out-1@x.test>');
    expect(m.inReplyTo).toBe('<last@c>');
    expect(m.references).toEqual(['<root@c>', '<mid@c>', '<last@c>']);
    expect(m.html).toContain('<div dir="rtl"><p>سلام</p></div>');
    expect(m.text).toContain('سلام');
    expect(m.text).toContain('Ticket #42');
    expect(m.headers).toMatchObject({ 'X-Pishkhan-Ticket': '42' });
  });

  it('an opening message has no Re:, a first reply no In-Reply-To', () => {
    expect(composeReply({ ...base, subject: 'Laptop', opening: true }).subject).toBe('[#42] Laptop');
    const m = composeReply(base);
    expect(m.inReplyTo).toBeUndefined();
    expect(m.references).toEqual([]);
  });

  it('keeps the root and the latest references of a long thread', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}@c`);
    const refs = referencesOf(ids);
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('m0@c');
    expect(refs.at(-1)).toBe('m49@c');
  });

  it('escapes the footer', () => {
    expect(composeReply({ ...base, footer: '<script>x</script>' }).html).not.toContain('<script>');
  });
});

describe('composeNotice', () => {
  it('is marked auto-replied so that no robot answers it', () => {
    const n = composeNotice({
      number: 7,
      subject: 'big file',
      from: 'a@x',
      to: 'g@y',
      text: 'line one\n\nline <two>',
      messageId: 'n1@x',
      inReplyTo: 'in@y',
    });
    expect(n.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied' });
    expect(n.subject).toBe('Re: [#7] big file');
    expect(n.inReplyTo).toBe('<in@y>');
    expect(n.html).toContain('line &lt;two&gt;');
  });
});

describe('sender names', () => {
  it('quotes display names and reads addresses back', () => {
    expect(formatFrom('پشتیبانی, فنی', 'a@b.c')).toBe('"پشتیبانی, فنی" <a@b.c>');
    expect(formatFrom('  ', 'a@b.c')).toBe('a@b.c');
    expect(formatFrom('Evil"\r\nBcc: x', 'a@b.c')).toBe('"EvilBcc: x" <a@b.c>');
    expect(addressOf('Pishkhan <no-reply@localhost>')).toBe('no-reply@localhost');
    expect(addressOf('x@y.z')).toBe('x@y.z');
  });
});
