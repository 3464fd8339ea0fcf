import type { MultipartFile } from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { files } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { IMAGE_TYPES, sendFile, storeOnlyUpload } from '../files';
import { kbImageUrl } from './kb.repo';

export const KB_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * An image for a group or inside an article (H1, H2): PNG, JPEG, WebP or GIF by its bytes, at
 * most 2 MiB. Its URL is public (the help centre shows it) but unguessable (content hash).
 */
export async function uploadKbImage({ ctx, parts }: { ctx: Ctx; parts: AsyncIterableIterator<MultipartFile> }) {
  requirePermission(ctx, 'kb.manage');
  const stored = await storeOnlyUpload(ctx, parts, {
    allowed: IMAGE_TYPES,
    maxBytes: KB_IMAGE_MAX_BYTES,
    purpose: 'kb_image',
  });
  return { id: String(stored.id), url: kbImageUrl(stored.id, stored.sha256) };
}

/** Serves a knowledge-base image when `v` is the start of its hash; cached long (the URL changes with the bytes). */
export async function sendKbImage({ ctx, id, v, reply }: { ctx: Ctx; id: number; v: string; reply: FastifyReply }) {
  const [f] = await ctx.db
    .select({ sha256: files.sha256 })
    .from(files)
    .where(and(eq(files.workspaceId, ctx.workspaceId), eq(files.id, id), eq(files.purpose, 'kb_image')));
  if (!f || v.length !== 16 || !f.sha256.startsWith(v)) throw NotFound();
  return sendFile(ctx, id, reply, { inline: true, maxAge: 31_536_000 });
}
