import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { hasContent, sanitizeRichTextOrText } from '../../../platform/html';
import { LOOP_HEADERS, UnparsableMail, type InboundAttachment, type ParsedInbound } from './parsed-inbound';
import { textToHtml } from './text-to-html';
import { trimQuoted } from './quote-trim';

export { UnparsableMail } from './parsed-inbound';
export type { ParsedInbound, InboundAttachment } from './parsed-inbound';

/**
 * Parses one raw RFC 822 message (no database, no network). Charsets (UTF-8, windows-1256, …),
 * RFC 2047 words and RFC 2231 file names are decoded by mailparser; the body comes out as
 * sanitised HTML. Throws UnparsableMail when no sender address can be found, so intake can
 * quarantine the message instead of retrying it forever.
 */
export async function parseMail(raw: Buffer): Promise<ParsedInbound> {
  if (!raw.length || !raw.toString('latin1').trim()) throw new UnparsableMail('empty');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      keepCidLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipHtmlToText: true,
    });
  } catch (err) {
    throw new UnparsableMail('parse-error', err instanceof Error ? err.message : String(err));
  }

  scrubNul(mail);
  const sender = addressesOf(mail.from)[0];
  const address = sender?.address?.trim().toLowerCase() ?? '';
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address)) throw new UnparsableMail('no-from', address || undefined);

  const rawHtml = typeof mail.html === 'string' && mail.html.trim() ? mail.html : textToHtml(mail.text ?? '');
  // Mail nobody can be asked to simplify: too complex HTML becomes text (bounded time either way).
  const html = sanitizeRichTextOrText(rawHtml);
  const trimmed = sanitizeRichTextOrText(trimQuoted(rawHtml));
  const replyHtml = hasContent(trimmed) || !hasContent(html) ? trimmed : html;

  return {
    messageId: mail.messageId?.trim() || null,
    inReplyTo: mail.inReplyTo?.trim() || null,
    references: referencesOf(mail.references),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    from: { address, name: (sender?.name ?? '').trim() },
    to: uniqueAddresses(mail.to),
    cc: uniqueAddresses(mail.cc),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    html,
    replyHtml,
    attachments: mail.attachments.map((a, i): InboundAttachment => {
      const contentId = a.contentId?.replace(/^<|>$/g, '').trim() || undefined;
      return {
        filename: safeFilename(a.filename, i),
        contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
        size: a.content.length,
        content: a.content,
        ...(contentId ? { contentId } : {}),
        inline: a.contentDisposition === 'inline' || a.related === true,
      };
    }),
    headers: loopHeaders(mail),
  };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return objects.flatMap((o) => flat(o.value));
}

function uniqueAddresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const all = addressesOf(field)
    .map((a) => a.address?.trim().toLowerCase() ?? '')
    .filter((a) => a.includes('@'));
  return [...new Set(all)];
}

function referencesOf(refs: string | string[] | undefined): string[] {
  const list = refs === undefined ? [] : Array.isArray(refs) ? refs : [refs];
  return list.flatMap((r) => r.split(/\s+/)).filter(Boolean);
}

/** A file name without directories or control characters; `attachment-N` when there is none. */
function safeFilename(name: string | undefined, index: number): string {
  const base = (name ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split(/[/\\]/)
    .pop()!
    .trim();
  return base && base !== '.' && base !== '..' ? base : `attachment-${index + 1}`;
}

function loopHeaders(mail: ParsedMail): Record<string, string> {
  const wanted = new Set<string>(LOOP_HEADERS);
  const out: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    const name = key.toLowerCase();
    if (!wanted.has(name) || name in out) continue;
    out[name] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return out;
}

/**
 * A NUL byte (U+0000) cannot be stored in PostgreSQL text; mail is the one input where it
 * turns up (a broken client, a hostile sender). Strip it from everything intake keeps.
 */
function scrubNul(mail: ParsedMail) {
  const clean = (v: string | undefined) => (v && v.includes('\u0000') ? v.replace(/\u0000/g, '') : v);
  mail.subject = clean(mail.subject);
  mail.messageId = clean(mail.messageId);
  mail.inReplyTo = clean(mail.inReplyTo);
  if (typeof mail.html === 'string') mail.html = clean(mail.html) as string;
  mail.text = clean(mail.text);
  if (Array.isArray(mail.references)) mail.references = mail.references.map((r) => clean(r)!);
  else mail.references = clean(mail.references);
  for (const field of [mail.from, mail.to, mail.cc].flat()) {
    for (const a of field?.value ?? []) {
      a.name = clean(a.name) ?? '';
      a.address = clean(a.address);
    }
  }
  for (const h of mail.headerLines) h.line = clean(h.line)!;
  for (const a of mail.attachments) a.filename = clean(a.filename);
}
