import type { MultipartFile } from '@fastify/multipart';
import { fileTypeStream } from 'file-type';
import { pipeline, Transform, type Readable } from 'node:stream';
import { files } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { InvalidField, TooLarge, UnsupportedMedia } from '../../platform/errors';

export type FileRow = typeof files.$inferSelect;

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** Plain text has no magic bytes: a file of no detected type is stored as this if it is UTF-8 text. */
export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** C6: PDF, Office (legacy .doc/.xls/.ppt are all `x-cfb` to file-type), images, ZIP, RAR and plain text. */
export const ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
  ...IMAGE_TYPES,
  'application/zip',
  'application/x-rar-compressed',
  TEXT_PLAIN,
]);

interface StoreOptions {
  allowed: Set<string>;
  maxBytes: number;
  purpose: string;
  /** sha256 of the token a guest claims the upload with. */
  claimHash?: string;
  /**
   * Called with the stored size before the row is written (an upload quota); when it throws,
   * the stored bytes are removed and the error is the answer.
   */
  charge?: (bytes: number) => Promise<void>;
}

/**
 * Stores the only file of a request (`request.files()`): a request carrying a second file is
 * refused with 413 and keeps nothing, rather than silently dropping the extra file.
 */
export async function storeOnlyUpload(
  ctx: Ctx,
  parts: AsyncIterator<MultipartFile>,
  opts: StoreOptions,
): Promise<FileRow> {
  const first = await parts.next();
  return storeUpload(ctx, first.done ? undefined : first.value, { ...opts, rest: parts });
}

/**
 * Streams an uploaded file into storage. Its type is taken from its bytes (never from the
 * client's name or header) and must be in `allowed`; it may not exceed `maxBytes`. The stored
 * key is generated; the client's file name is kept only as a display name.
 */
export async function storeUpload(
  ctx: Ctx,
  file: MultipartFile | undefined,
  opts: StoreOptions & { rest?: AsyncIterator<MultipartFile> },
): Promise<FileRow> {
  if (!file) throw InvalidField('file', 'validation.file_required');
  const typed = await sniff(file);
  const asText = !typed.fileType && opts.allowed.has(TEXT_PLAIN);
  const mime = asText ? TEXT_PLAIN : typed.fileType?.mime;
  if (!mime || !opts.allowed.has(mime)) {
    file.file.resume(); // drain the rest so the connection can be reused
    throw UnsupportedMedia('errors.file_type_not_allowed');
  }
  // Text is checked while it streams into storage; a failed check removes what was written.
  const stored = await ctx.deps.storage.put(asText ? pipeline(typed, textGuard(), () => {}) : typed, {
    maxBytes: opts.maxBytes,
  });
  if (opts.rest) {
    // Reading on raises the parser's file limit, or yields the extra file itself.
    const more = await opts.rest.next().catch(async (e: unknown) => {
      await ctx.deps.storage.delete(stored.key);
      throw e;
    });
    if (!more.done) {
      more.value.file.resume();
      await ctx.deps.storage.delete(stored.key);
      throw TooLarge('errors.too_many_files');
    }
  }
  if (opts.charge) {
    await opts.charge(stored.size).catch(async (e: unknown) => {
      await ctx.deps.storage.delete(stored.key);
      throw e;
    });
  }
  const [row] = await ctx.db
    .insert(files)
    .values({
      workspaceId: ctx.workspaceId,
      storageKey: stored.key,
      name: displayName(file.filename, asText ? 'txt' : typed.fileType!.ext),
      size: stored.size,
      contentType: mime,
      sha256: stored.sha256,
      purpose: opts.purpose,
      createdBy: ctx.actor?.id ?? null,
      claimHash: opts.claimHash ?? null,
      createdAt: ctx.deps.clock.now(),
    })
    .returning();
  return row;
}

type Typed = Readable & { fileType?: { mime: string; ext: string } };

/**
 * The file's stream with its detected type. file-type waits for 'readable', which a stream that
 * already ended empty never emits (it goes straight to 'end'): that case is caught here.
 */
async function sniff(file: MultipartFile): Promise<Typed> {
  const source = file.file as Readable & { bytesRead?: number };
  if (source.errored) throw source.errored;
  let onEnd = () => {};
  let onError = (_e: Error) => {};
  const empty = new Promise<null>((resolve) => {
    onEnd = () => {
      if (!source.bytesRead) resolve(null);
    };
    source.once('end', onEnd);
  });
  // A body cut short errors the part's stream; file-type would wait for bytes that never come.
  const failed = new Promise<never>((_, reject) => {
    onError = (e) => reject(e);
    source.once('error', onError);
  });
  try {
    // file-type's overloads pick the web-stream variant for a Busboy stream; it is a Node Readable.
    const typed = await Promise.race([
      fileTypeStream(source as never, { sampleSize: 4100 }) as unknown as Promise<Typed>,
      empty,
      failed,
    ]);
    if (!typed) throw InvalidField('file', 'validation.file_empty');
    return typed;
  } finally {
    source.off('end', onEnd);
    source.off('error', onError);
  }
}

/**
 * The extensions a stored file's name may end in, by the extension file-type gives its sniffed
 * type (`txt` for plain text); the first is given when the name ends in none of them. A legacy
 * Office file (CFB) that is not named .doc/.xls/.ppt/.msg — an .msi is CFB too — becomes .bin.
 */
const NAME_EXTENSIONS: Record<string, string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  cfb: ['bin', 'doc', 'xls', 'ppt', 'msg'],
  png: ['png'],
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  webp: ['webp'],
  gif: ['gif'],
  zip: ['zip'],
  rar: ['rar'],
  // Text that would run when opened (.js, .hta, .bat, .ps1, .html…) is saved as .txt.
  txt: ['txt', 'log', 'csv', 'md', 'text'],
};

/**
 * Invisible characters that change how a name reads: C0/C1 controls, bidi marks, embeddings,
 * overrides and isolates (`invoice\u202Efdp.exe` shows as "invoiceexe.pdf"), line and
 * paragraph separators, zero-width space, word joiners, BOM, interlinear annotations and tag
 * characters. ZWNJ and ZWJ (U+200C/D) stay: Persian writing needs them.
 */
export const INVISIBLE =
  /[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;
const MAX_STEM = 120;

/**
 * A safe display name for a stored file: no path, no control or bidi characters, no characters
 * Windows refuses, bounded length, and an extension that matches the sniffed type `ext`: a
 * different extension is replaced (`invoice.hta` with PDF bytes becomes `invoice.pdf`), a name
 * without one gets it. Letters of any script are kept.
 */
export function displayName(name: string | undefined, ext: string): string {
  const allowed = NAME_EXTENSIONS[ext] ?? [/^[a-z0-9]{1,10}$/.test(ext) ? ext : 'bin'];
  const base = tidy(
    (name ?? '')
      .split(/[\\/]/)
      .pop()!
      .replace(INVISIBLE, '')
      .replace(/[<>:"|?*]/g, ''),
  );
  const m = /^(.+)\.([^.]{1,16})$/.exec(base);
  const own = m?.[2].toLowerCase();
  let stem = base;
  let suffix = allowed[0];
  if (m && own && allowed.includes(own)) [stem, suffix] = [m[1], own];
  else if (m && /^[a-z0-9]+$/.test(own!)) stem = m[1]; // another type's extension: replaced
  stem = tidy(Array.from(stem).slice(0, MAX_STEM).join(''));
  return `${stem || 'file'}.${suffix}`;
}

/** Whitespace runs become one space; no leading dots (hidden files) nor trailing dots or spaces. */
const tidy = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');

/**
 * Passes UTF-8 text without NUL bytes through and fails on anything else. Markup that a
 * browser would render (HTML, SVG) is refused too, although downloads are served as text/plain
 * attachments with nosniff: an attachment should never be a page of this origin.
 */
function textGuard(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  let size = 0;
  const refuse = () => UnsupportedMedia('errors.file_type_not_allowed');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      try {
        if (chunk.includes(0)) return cb(refuse());
        const text = decoder.decode(chunk, { stream: true });
        if (head.length < 1024) {
          head += text;
          if (MARKUP.test(head.slice(0, 1024))) return cb(refuse());
        }
      } catch {
        return cb(refuse()); // not valid UTF-8
      }
      cb(null, chunk);
    },
    flush(cb) {
      try {
        decoder.decode(); // a sequence cut off at the end is not text either
      } catch {
        return cb(refuse());
      }
      cb(size === 0 ? InvalidField('file', 'validation.file_empty') : null);
    },
  });
}

const MARKUP = /<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed)\b/i;
