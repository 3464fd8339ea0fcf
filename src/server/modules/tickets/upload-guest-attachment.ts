import type { MultipartFile } from '@fastify/multipart';
import type { Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { Forbidden } from '../../platform/errors';
import { hitRateLimit } from '../../platform/rate-limit';
import { getSettings } from '../settings/settings.repo';
import { ATTACHMENT_TYPES, storeOnlyUpload } from '../files/sniffed-upload';
import { asGuest, guestUploadsOpen } from './guest-access';
import { MB, toUpload, type TUpload } from './upload-attachment';

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
  await hitRateLimit(guest, `guest-upload:ip:${guest.ip}`, 30, 600);
  const token = randomToken(24);
  const row = await storeOnlyUpload(guest, parts, {
    allowed: ATTACHMENT_TYPES,
    maxBytes: Math.floor(s.guestMaxUploadMb * MB),
    purpose: 'attachment',
    claimHash: sha256(token),
  });
  return toUpload(row, `${row.id}.${token}`);
}
