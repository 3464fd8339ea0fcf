import { eq, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { users } from '../../../db/schema';
import type { TUser } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { IMAGE_TYPES, storeOnlyUpload, sendFile } from '../files';
import { userWithLinks } from './users.repo';

export const AVATAR_MAX_BYTES = 1024 * 1024;

/** Sets the signed-in person's avatar (A9): an image of at most 1 MiB. */
export async function setAvatar({
  ctx,
  parts,
}: {
  ctx: Ctx;
  parts: AsyncIterableIterator<MultipartFile>;
}): Promise<TUser> {
  const actor = requireActor(ctx);
  return withTx(ctx, async (tx) => {
    const stored = await storeOnlyUpload(tx, parts, {
      allowed: IMAGE_TYPES,
      maxBytes: AVATAR_MAX_BYTES,
      purpose: 'avatar',
    });
    const [row] = await tx.db
      .update(users)
      .set({ avatarFileId: stored.id, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, actor.id)))
      .returning();
    return userWithLinks(tx, row);
  });
}

export async function sendAvatar({ ctx, id, reply }: { ctx: Ctx; id: number; reply: FastifyReply }) {
  const [row] = await ctx.db
    .select({ fileId: users.avatarFileId })
    .from(users)
    .where(inWorkspace(users, ctx, eq(users.id, id), isNull(users.deletedAt)));
  if (!row) throw NotFound();
  return sendFile(ctx, row.fileId, reply, { inline: true, maxAge: 86400 });
}
