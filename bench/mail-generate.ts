/**
 * Realistic inbound mail for the intake benchmark (bench/mail-intake.ts): Persian and English,
 * RFC 2047 subjects and names, base64 / quoted-printable / 8bit bodies, some HTML, replies that
 * thread by In-Reply-To, References or `[#n]`, small attachments, auto-replies, a few duplicates
 * and unparsable mails — each with the outcome intake must reach, so the run can be verified.
 */
import { readFileSync } from 'node:fs';
import { bWord, CRLF, qWord } from '../src/server/modules/mail/inbound/test-mails';
import { DOMAINS, EN_FIRST, EN_LAST, FA_FIRST, FA_LAST } from './seed/names';
import { Rng } from './seed/random';

export type Outcome = 'ticket' | 'reply' | 'ignored' | 'duplicate' | 'quarantined';
export type Lang = 'fa' | 'en';

export interface MailPerson {
  name: string;
  email: string;
  lang: Lang;
  customer: boolean;
}

export interface GeneratedMails {
  raws: Buffer[];
  expected: Record<Outcome, number> & { customerTickets: number; files: number };
  mix: {
    persian: number;
    html: number;
    attachments: number;
    fromCustomers: number;
    byReference: number;
    bySubject: number;
    bytes: number;
  };
}

const words = (lang: Lang) =>
  readFileSync(new URL(`./words/${lang}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    // A word with '#' or digits could make a subject look like a ticket number.
    .filter((w) => w && !/[#\d۰-۹[\]]/.test(w));
const WORDS = { fa: words('fa'), en: words('en') };

/** The workspace's customers whose mail intake must find (lower-case primary addresses). */
export function makeCustomers(count: number, seed: number): MailPerson[] {
  const rng = new Rng(seed, 'mail-customers');
  return Array.from({ length: count }, (_, i) => person(rng, `c${i}`, true));
}

function person(rng: Rng, tag: string, customer: boolean): MailPerson {
  if (rng.chance(0.7)) {
    const [fa, la] = rng.pick(FA_FIRST);
    const [fb, lb] = rng.pick(FA_LAST);
    return { name: `${fa} ${fb}`, email: `${la}.${lb}.${tag}@${rng.pick(DOMAINS)}`, lang: 'fa', customer };
  }
  const f = rng.pick(EN_FIRST);
  const l = rng.pick(EN_LAST);
  return { name: `${cap(f)} ${cap(l)}`, email: `${f}.${l}.${tag}@${rng.pick(DOMAINS)}`, lang: 'en', customer };
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface Built {
  messageId: string;
  subject: string;
  from: MailPerson;
  refs: string[];
  raw: Buffer;
  /** The new text (no quote), for a later answer to quote. */
  text: string;
  html: boolean;
  attachment: boolean;
}
interface Sent extends Built {
  /** The ticket number this mail opened or joined (numbers start at 1 in a fresh workspace). */
  ticket: number;
}

/**
 * N mails in delivery order. Shares: ~10% replies (most by In-Reply-To, some by References
 * alone, some by `[#n]` from the requester), 5% with an attachment, ~25% HTML, 1% auto-replies,
 * 0.5% exact duplicates (same Message-ID), 0.2% without a sender; 40% from customers.
 */
export function generateMails(n: number, customers: MailPerson[], seed: number): GeneratedMails {
  const rng = new Rng(seed, 'mail-intake');
  const guests = Array.from({ length: Math.max(50, Math.floor(n / 4)) }, (_, i) => person(rng, `g${i}`, false));
  const expected: GeneratedMails['expected'] = {
    ticket: 0,
    reply: 0,
    ignored: 0,
    duplicate: 0,
    quarantined: 0,
    customerTickets: 0,
    files: 0,
  };
  const mix: GeneratedMails['mix'] = {
    persian: 0,
    html: 0,
    attachments: 0,
    fromCustomers: 0,
    byReference: 0,
    bySubject: 0,
    bytes: 0,
  };
  const sent: Sent[] = []; // imported mails a later one may answer or repeat
  const raws: Buffer[] = [];
  const day = Date.UTC(2026, 10, 1);

  const taken = (mail: Built) => {
    mix.bytes += mail.raw.length;
    if (mail.from.lang === 'fa') mix.persian++;
    if (mail.html) mix.html++;
    if (mail.attachment) mix.attachments++;
    if (mail.from.customer) mix.fromCustomers++;
  };
  for (let i = 0; i < n; i++) {
    const date = new Date(day + i * 7_000).toUTCString().replace('GMT', '+0000');
    const roll = rng.next();
    let raw: Buffer;
    if (roll < 0.002) {
      raw = Buffer.from(
        [
          `Subject: ${sentence(rng, 'en', 3, 6)}`,
          `Message-ID: <bad${i}@nowhere.example>`,
          `Date: ${date}`,
          '',
          'no sender at all',
          '',
        ].join(CRLF),
      );
      mix.bytes += raw.length;
      expected.quarantined++;
    } else if (roll < 0.007 && sent.length) {
      const again = rng.pick(sent);
      taken(again);
      raw = again.raw;
      expected.duplicate++;
    } else if (roll < 0.017) {
      const mail = build(rng, i, date, rng.pick(guests), {
        subject: `Automatic reply: ${sentence(rng, 'en', 2, 5)}`,
        extra: ['Auto-Submitted: auto-replied'],
      });
      taken(mail);
      raw = mail.raw;
      expected.ignored++;
    } else if (roll < 0.117 && sent.length) {
      // Most answers come soon after what they answer, often in the same fetch batch.
      const parent = rng.chance(0.3)
        ? sent[Math.max(0, sent.length - 1 - rng.int(0, 20))]
        : sent[Math.max(0, sent.length - 1 - rng.int(0, 500))];
      const how = rng.next();
      const subject = `Re: ${parent.subject}`;
      let mail: Built;
      if (how < 0.8) {
        mail = build(rng, i, date, parent.from, {
          subject,
          inReplyTo: parent.messageId,
          refs: [...parent.refs, parent.messageId].slice(-5),
          quote: parent,
        });
      } else if (how < 0.9) {
        mail = build(rng, i, date, parent.from, {
          subject,
          refs: [...parent.refs, parent.messageId].slice(-5),
          quote: parent,
        });
        mix.byReference++;
      } else {
        // Only the number: joins because the requester writes it.
        mail = build(rng, i, date, parent.from, { subject: `Re: [#${parent.ticket}] ${parent.subject}` });
        mix.bySubject++;
      }
      sent.push({ ...mail, ticket: parent.ticket });
      taken(mail);
      raw = mail.raw;
      expected.reply++;
      if (mail.attachment) expected.files++;
    } else {
      const from = rng.chance(0.4) ? rng.pick(customers) : rng.pick(guests);
      const mail = build(rng, i, date, from, { subject: sentence(rng, from.lang, 3, 9, true) });
      expected.ticket++;
      if (from.customer) expected.customerTickets++;
      if (mail.attachment) expected.files++;
      sent.push({ ...mail, ticket: expected.ticket });
      taken(mail);
      raw = mail.raw;
    }
    raws.push(raw);
  }
  return { raws, expected, mix };
}

function sentence(rng: Rng, lang: Lang, min: number, max: number, title = false): string {
  const list = WORDS[lang];
  const out = Array.from({ length: rng.int(min, max) }, () => rng.pick(list));
  if (title && lang === 'en') out[0] = cap(out[0]);
  return out.join(' ');
}

function paragraphs(rng: Rng, lang: Lang): string[] {
  const end = lang === 'fa' ? ['.', '؟', '.'] : ['.', '?', '.'];
  return Array.from({ length: rng.int(1, 4) }, () =>
    Array.from({ length: rng.int(1, 4) }, () => {
      const s = sentence(rng, lang, 5, 18);
      return (lang === 'en' ? cap(s) : s) + rng.pick(end);
    }).join(' '),
  );
}

interface Spec {
  subject: string;
  inReplyTo?: string;
  refs?: string[];
  quote?: Built;
  extra?: string[];
}

/** One mail: headers with encoded words where needed, then a plain, HTML or mixed body. */
function build(rng: Rng, i: number, date: string, from: MailPerson, spec: Spec): Built {
  const lang = from.lang;
  const messageId = `b${i}.${rng.int(1e6, 9e6)}@${from.email.split('@')[1]}`;
  const ascii = /^[\x20-\x7e]*$/.test(spec.subject);
  const subjectHeader = ascii
    ? spec.subject
    : spec.subject.replace(
        /^((?:Re: )?(?:\[#\d+\] )?)(.*)$/,
        (_, pre: string, rest: string) => pre + (rng.chance(0.7) ? bWord(rest) : qWord(rest)),
      );
  const name = /^[\x20-\x7e]*$/.test(from.name) ? `"${from.name}"` : bWord(from.name);
  const headers = [
    `From: ${name} <${rng.chance(0.05) ? from.email.toUpperCase() : from.email}>`,
    'To: Support <support@bench.pishkhan.test>',
    `Subject: ${subjectHeader}`,
    `Date: ${date}`,
    `Message-ID: <${messageId}>`,
    ...(spec.inReplyTo ? [`In-Reply-To: <${spec.inReplyTo}>`] : []),
    ...(spec.refs?.length ? [`References: ${spec.refs.map((r) => `<${r}>`).join(' ')}`] : []),
    ...(spec.extra ?? []),
    'MIME-Version: 1.0',
  ];
  const paras = paragraphs(rng, lang);
  const quoted = spec.quote ? quoteOf(spec.quote, lang) : [];
  const text = [...paras, ...quoted].join(`${CRLF}${CRLF}`);
  const htmlRoll = rng.next();
  let body: { headers: string[]; lines: string[] };
  if (htmlRoll < 0.2) body = alternative(rng, text, html(paras, quoted, lang));
  else if (htmlRoll < 0.25) body = htmlOnly(html(paras, quoted, lang));
  else body = plain(rng, text, lang);
  const attachment = rng.chance(0.05);
  if (attachment) body = withAttachment(rng, body);
  const raw = Buffer.from([...headers, ...body.headers, '', ...body.lines, ''].join(CRLF), 'utf8');
  const subject = spec.subject.replace(/^Re: (\[#\d+\] )?/, '');
  return {
    messageId,
    subject,
    from,
    refs: spec.refs ?? [],
    raw,
    text: paras.join(' '),
    html: htmlRoll < 0.25,
    attachment,
  };
}

/** The quoted history a mail client appends under an answer. */
function quoteOf(parent: Built, lang: Lang): string[] {
  const intro =
    lang === 'fa'
      ? `در تاریخ ۱۰ آبان ۱۴۰۵، ${parent.from.name} <${parent.from.email}> نوشت:`
      : `On Sat, 1 Nov 2026 at 10:00, ${parent.from.name} <${parent.from.email}> wrote:`;
  return [intro, ...(parent.text.match(/.{1,70}(\s|$)/gu) ?? [parent.text]).map((l) => `> ${l.trim()}`)];
}

function html(paras: string[], quoted: string[], lang: Lang): string {
  const dir = lang === 'fa' ? 'rtl' : 'ltr';
  const q = quoted.length
    ? `<div class="gmail_quote">${quoted[0]}<blockquote>${quoted.slice(1).join('<br>')}</blockquote></div>`
    : '';
  return `<html><head><style>p{margin:0}</style></head><body><div dir="${dir}">${paras.map((p) => `<p>${p}</p>`).join('')}</div>${q}</body></html>`;
}

function plain(rng: Rng, text: string, lang: Lang) {
  const cte =
    lang === 'en'
      ? rng.chance(0.7)
        ? '7bit'
        : 'quoted-printable'
      : rng.pick(['base64', 'base64', 'quoted-printable', '8bit']);
  return {
    headers: ['Content-Type: text/plain; charset=utf-8', `Content-Transfer-Encoding: ${cte}`],
    lines: [encode(text, cte)],
  };
}

function htmlOnly(markup: string) {
  return {
    headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    lines: [encode(markup, 'quoted-printable')],
  };
}

function alternative(rng: Rng, text: string, markup: string) {
  const b = `alt-${rng.int(1e8, 9e8)}`;
  return {
    headers: [`Content-Type: multipart/alternative; boundary="${b}"`],
    lines: [
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      encode(text, 'base64'),
      `--${b}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      encode(markup, 'quoted-printable'),
      `--${b}--`,
    ],
  };
}

/** A 1×1 PNG: a type uploads accept, sniffed from its bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function withAttachment(rng: Rng, inner: { headers: string[]; lines: string[] }) {
  const b = `mix-${rng.int(1e8, 9e8)}`;
  const png = rng.chance(0.5);
  const content = png
    ? PNG
    : Buffer.from(
        Array.from(
          { length: rng.int(5, 40) },
          (_, k) => `2026-11-01 10:${String(k % 60).padStart(2, '0')} INFO step ${k} ok`,
        ).join('\n'),
      );
  const name = png ? 'screenshot.png' : 'log.txt';
  return {
    headers: [`Content-Type: multipart/mixed; boundary="${b}"`],
    lines: [
      `--${b}`,
      ...inner.headers,
      '',
      ...inner.lines,
      `--${b}`,
      `Content-Type: ${png ? 'image/png' : 'text/plain'}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      encode(content, 'base64'),
      `--${b}--`,
    ],
  };
}

function encode(data: string | Buffer, cte: string): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (cte === 'base64') return bytes.toString('base64').replace(/(.{76})/g, `$1${CRLF}`);
  if (cte === 'quoted-printable') return quotedPrintable(bytes);
  return bytes.toString('utf8');
}

/** RFC 2045 quoted-printable of UTF-8 text with CRLF line ends kept as hard breaks. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('utf8').split(/\r?\n/)) {
    let out = '';
    let width = 0;
    const buf = Buffer.from(line, 'utf8');
    for (let k = 0; k < buf.length; k++) {
      const c = buf[k];
      const last = k === buf.length - 1;
      const token =
        (c >= 33 && c <= 126 && c !== 61) || (c === 32 && !last)
          ? String.fromCharCode(c)
          : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + token.length > 75) {
        out += `=${CRLF}`;
        width = 0;
      }
      out += token;
      width += token.length;
    }
    lines.push(out);
  }
  return lines.join(CRLF);
}
