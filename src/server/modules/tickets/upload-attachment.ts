import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import type { ZUpload } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { getSettings } from '../settings';
import { ATTACHMENT_TYPES, storeOnlyUpload, type FileRow } from '../files';
import { isStaffActor } from './ticket-access';
import { admitUpload } from './upload-limits';

export type TUpload = z.infer<typeof ZUpload>;
export const MB = 1024 * 1024;

export const toUpload = (row: FileRow, id = String(row.id)): TUpload => ({
  id,
  name: row.name,
  size: row.size,
  contentType: row.contentType,
});

/**
 * C6: a member's attachment, uploaded before the message that carries it. It stays unlinked
 * (and visible only to its uploader) until a message claims it.
 */
export async function uploadAttachment({
  ctx,
  parts,
}: {
  ctx: Ctx;
  parts: AsyncIterator<MultipartFile>;
}): Promise<TUpload> {
  const actor = requireActor(ctx);
  const s = await getSettings(ctx);
  // Refused before the body is read: Node discards an unread request body after the answer.
  if (!s.attachmentsEnabled) throw Forbidden('errors.attachments_disabled');
  // Staff may send what the system-wide limit (J1) allows when it is above the members' one (J2).
  const mb = isStaffActor(actor) ? Math.max(s.memberMaxUploadMb, s.maxUploadMb) : s.memberMaxUploadMb;
  const maxBytes = Math.floor(mb * MB);
  const charge = await admitUpload(ctx, `user:${actor.id}`, maxBytes);
  const row = await storeOnlyUpload(ctx, parts, { allowed: ATTACHMENT_TYPES, maxBytes, purpose: 'attachment', charge });
  return toUpload(row);
}
