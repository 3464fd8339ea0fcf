import { and, eq, inArray, isNull } from 'drizzle-orm';
import { files } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';

export const MAX_ATTACHMENTS = 3;

/** Members' uploads are named by their id; a guest's by `<id>.<claim token>`. */
export function parseUploadId(value: string): { id: number; token?: string } | null {
  const m = /^([1-9]\d{0,15})(?:\.([\w-]{20,100}))?$/.exec(value);
  return m ? { id: Number(m[1]), token: m[2] } : null;
}

/**
 * Links uploads to a message. Each must be an unlinked upload of this uploader (the member,
 * or the guest holding its claim token); anything else is refused and nothing is linked.
 */
export async function claimAttachments(
  ctx: Ctx,
  ids: string[],
  ticketId: number,
  messageId: number,
): Promise<number[]> {
  if (!ids.length) return [];
  if (ids.length > MAX_ATTACHMENTS)
    throw InvalidField('attachmentIds', 'validation.max_attachments', { max: MAX_ATTACHMENTS });
  const parsed = ids.map(parseUploadId);
  if (parsed.some((p) => !p) || new Set(parsed.map((p) => p!.id)).size !== ids.length)
    throw InvalidField('attachmentIds', 'validation.unknown_upload');
  const rows = await ctx.db
    .select({ id: files.id, createdBy: files.createdBy, claimHash: files.claimHash })
    .from(files)
    .where(
      inWorkspace(
        files,
        ctx,
        inArray(
          files.id,
          parsed.map((p) => p!.id),
        ),
        eq(files.purpose, 'attachment'),
        isNull(files.messageId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of parsed) {
    const row = byId.get(p!.id);
    const mine = ctx.actor
      ? row?.createdBy === ctx.actor.id && !p!.token
      : !!row && !!p!.token && row.claimHash === sha256(p!.token);
    if (!mine) throw InvalidField('attachmentIds', 'validation.unknown_upload');
  }
  const linked = parsed.map((p) => p!.id);
  await ctx.db
    .update(files)
    .set({ ticketId, messageId })
    .where(and(inWorkspace(files, ctx, inArray(files.id, linked), isNull(files.messageId))));
  return linked;
}
