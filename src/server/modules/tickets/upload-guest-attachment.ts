import type { MultipartFile } from '@fastify/multipart';
import type { Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { Forbidden } from '../../platform/errors';
import { getSettings } from '../settings';
import { ATTACHMENT_TYPES, storeOnlyUpload } from '../files';
import { asGuest, guestUploadsOpen } from './guest-access';
import { MB, toUpload, type TUpload } from './upload-attachment';
import { admitUpload } from './upload-limits';

/**
 * C6/F4: a guest's attachment. Guests have no account, so the upload is theirs by a claim
 * token returned once in its id (`<fileId>.<token>`); only its hash is stored.
 */
export async function uploadGuestAttachment({
  ctx,
  parts,
}: {
  ctx: Ctx;
  parts: AsyncIterator<MultipartFile>;
}): Promise<TUpload> {
  const guest = asGuest(ctx);
  const s = await getSettings(guest);
  // Refused before the body is read: Node discards an unread request body after the answer.
  if (!guestUploadsOpen(s)) throw Forbidden('errors.guest_attachments_closed');
  const maxBytes = Math.floor(s.guestMaxUploadMb * MB);
  const charge = await admitUpload(guest, `ip:${guest.ip}`, maxBytes);
  const token = randomToken(24);
  const row = await storeOnlyUpload(guest, parts, {
    allowed: ATTACHMENT_TYPES,
    maxBytes,
    purpose: 'attachment',
    claimHash: sha256(token),
    charge,
  });
  return toUpload(row, `${row.id}.${token}`);
}
