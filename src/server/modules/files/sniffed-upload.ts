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
  let onEnd = () => {};
  const empty = new Promise<null>((resolve) => {
    onEnd = () => {
      if (!source.bytesRead) resolve(null);
    };
    source.once('end', onEnd);
  });
  try {
    // file-type's overloads pick the web-stream variant for a Busboy stream; it is a Node Readable.
    const typed = await Promise.race([
      fileTypeStream(source as never, { sampleSize: 4100 }) as unknown as Promise<Typed>,
      empty,
    ]);
    if (!typed) throw InvalidField('file', 'validation.file_empty');
    return typed;
  } finally {
    source.off('end', onEnd);
  }
}

/** A safe display name: no path, no control characters, bounded length, the right extension. */
export function displayName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .slice(0, 200);
  if (!base) return `file.${ext}`;
  return base;
}

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
