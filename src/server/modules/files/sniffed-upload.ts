import type { MultipartFile } from '@fastify/multipart';
import { fileTypeStream } from 'file-type';
import type { Readable } from 'node:stream';
import { files } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { InvalidField, UnsupportedMedia } from '../../platform/errors';

export type FileRow = typeof files.$inferSelect;

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Streams an uploaded file into storage. Its type is taken from its bytes (never from the
 * client's name or header) and must be in `allowed`; it may not exceed `maxBytes`. The stored
 * key is generated; the client's file name is kept only as a display name.
 */
export async function storeUpload(
  ctx: Ctx,
  file: MultipartFile | undefined,
  opts: { allowed: Set<string>; maxBytes: number; purpose: string },
): Promise<FileRow> {
  if (!file) throw InvalidField('file', 'validation.file_required');
  // file-type's overloads pick the web-stream variant for a Busboy stream; it is a Node Readable.
  const typed = (await fileTypeStream(file.file as never, { sampleSize: 4100 })) as unknown as Readable & { fileType?: { mime: string; ext: string } };
  const mime = typed.fileType?.mime;
  if (!mime || !opts.allowed.has(mime)) {
    file.file.resume(); // drain the rest so the connection can be reused
    throw UnsupportedMedia('errors.file_type_not_allowed');
  }
  const stored = await ctx.deps.storage.put(typed, { maxBytes: opts.maxBytes });
  const [row] = await ctx.db
    .insert(files)
    .values({
      workspaceId: ctx.workspaceId,
      storageKey: stored.key,
      name: displayName(file.filename, typed.fileType!.ext),
      size: stored.size,
      contentType: mime,
      sha256: stored.sha256,
      purpose: opts.purpose,
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.deps.clock.now(),
    })
    .returning();
  return row;
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
