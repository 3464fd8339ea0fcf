import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { files } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { getOr } from '../../platform/storage';
import { INVISIBLE } from './sniffed-upload';

/** Streams a stored file of the caller's workspace, or 404. Callers check who may see it. */
export async function sendFile(
  ctx: Ctx,
  fileId: number | null,
  reply: FastifyReply,
  opts: { inline: boolean; maxAge?: number },
) {
  if (!fileId) throw NotFound();
  const [row] = await ctx.db
    .select()
    .from(files)
    .where(inWorkspace(files, ctx, eq(files.id, fileId)));
  if (!row) throw NotFound();
  const stream = await getOr(ctx.deps.storage, row.storageKey, () => NotFound());
  return reply
    .header('content-type', row.contentType)
    .header('content-length', String(row.size))
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(opts.inline ? 'inline' : 'attachment', row.name))
    .header('cache-control', opts.maxAge ? `private, max-age=${opts.maxAge}` : 'private, no-cache')
    .send(stream);
}

/**
 * `attachment; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding: `'()*` are escaped too,
 * which encodeURIComponent leaves). Names stored before names were cleaned lose their control
 * and bidi characters here as well.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const clean = name.replace(INVISIBLE, '').replace(/[\\/]/g, '_') || 'file';
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename*=UTF-8''${encoded}`;
}
