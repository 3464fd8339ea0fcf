import type { MultipartFile } from '@fastify/multipart';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { accessLevels, departments } from '../../../db/schema';
import type { ZPublicSettings, ZSettingsPatch, ZSettingsResponse } from '../../../contracts/settings';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { IMAGE_TYPES, storeOnlyUpload } from '../files';
import { getSettings, readSettings, writeSettings, type StoredSettings } from './settings.repo';

export const ATTACHMENTS_PER_MESSAGE = 3;
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

const fileUrl = (path: string, id: number | null) => (id ? `/api/v1/public/${path}?v=${id}` : null);

function toResponse(s: StoredSettings): z.infer<typeof ZSettingsResponse> {
  const { logoFileId, loginImageFileId, ...rest } = s;
  return { ...rest, logoUrl: fileUrl('logo', logoFileId), loginImageUrl: fileUrl('login-image', loginImageFileId) };
}

export async function getAllSettings({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx, 'settings.manage');
  return toResponse(await readSettings(ctx.db, ctx.workspaceId));
}

/** J1/J2: merges the given fields into the stored document; the audit row lists what changed. */
export async function updateSettings({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZSettingsPatch> }) {
  requirePermission(ctx, 'settings.manage');
  if (input.defaultAccessLevelId) {
    const [level] = await ctx.db
      .select({ id: accessLevels.id })
      .from(accessLevels)
      .where(inWorkspace(accessLevels, ctx, eq(accessLevels.id, Number(input.defaultAccessLevelId))));
    if (!level) throw InvalidField('defaultAccessLevelId', 'validation.unknown_access_level');
  }
  return withTx(ctx, async (tx) => {
    const current = await readSettings(tx.db, tx.workspaceId);
    const next: StoredSettings = {
      ...current,
      ...input,
      contact: { ...current.contact, ...(input.contact ?? {}) },
      csat: { ...current.csat, ...(input.csat ?? {}) },
    } as StoredSettings;
    await writeSettings(tx, next);
    await audit(tx, 'settings.updated', 'settings', null, { fields: Object.keys(input) });
    return toResponse(next);
  });
}

/** Logo or login-page image: images only (type from the bytes), at most 2 MiB. */
export async function setSettingsImage({
  ctx,
  parts,
  which,
}: {
  ctx: Ctx;
  parts: AsyncIterableIterator<MultipartFile>;
  which: 'logo' | 'loginImage';
}) {
  requirePermission(ctx, 'settings.manage');
  return withTx(ctx, async (tx) => {
    const stored = await storeOnlyUpload(tx, parts, {
      allowed: IMAGE_TYPES,
      maxBytes: IMAGE_MAX_BYTES,
      purpose: which === 'logo' ? 'logo' : 'login_image',
    });
    const current = await readSettings(tx.db, tx.workspaceId);
    const next = { ...current, [which === 'logo' ? 'logoFileId' : 'loginImageFileId']: stored.id };
    await writeSettings(tx, next);
    await audit(tx, `settings.${which}_changed`, 'settings', null, { fileId: stored.id });
    return toResponse(next);
  });
}

export async function clearSettingsImage({ ctx, which }: { ctx: Ctx; which: 'logo' | 'loginImage' }) {
  requirePermission(ctx, 'settings.manage');
  return withTx(ctx, async (tx) => {
    const current = await readSettings(tx.db, tx.workspaceId);
    const next = { ...current, [which === 'logo' ? 'logoFileId' : 'loginImageFileId']: null };
    await writeSettings(tx, next);
    await audit(tx, `settings.${which}_removed`, 'settings', null);
    return toResponse(next);
  });
}

/** What anyone may read before signing in: title, images, banner, which forms are open. */
export async function getPublicSettings({ ctx }: { ctx: Ctx }): Promise<z.infer<typeof ZPublicSettings>> {
  const s = await getSettings(ctx);
  return {
    title: s.title,
    logoUrl: fileUrl('logo', s.logoFileId),
    loginImageUrl: fileUrl('login-image', s.loginImageFileId),
    announcement: s.announcement,
    suspended: s.suspended,
    suspensionMessage: s.suspended ? s.suspensionMessage : '',
    contact: s.contact,
    defaultLocale: s.defaultLocale,
    persianDigits: s.persianDigits,
    passwordResetUrl: s.passwordResetUrl,
    timeZone: s.timeZone,
    forms: {
      guestTickets: s.guestFormEnabled,
      guestAttachments: s.guestFormEnabled && s.guestAttachmentsEnabled && s.attachmentsEnabled,
      registration: s.customersCanRegister,
    },
    limits: {
      memberMaxUploadMb: s.memberMaxUploadMb,
      guestMaxUploadMb: s.guestMaxUploadMb,
      attachmentsPerMessage: ATTACHMENTS_PER_MESSAGE,
    },
  };
}

/** Departments a guest may write to: active, visible and open to everyone (B4). */
export async function listPublicDepartments({ ctx }: { ctx: Ctx }) {
  const rows = await ctx.db
    .select({
      id: departments.id,
      name: departments.name,
      description: departments.description,
      usage: departments.usage,
    })
    .from(departments)
    .where(
      inWorkspace(
        departments,
        ctx,
        and(
          eq(departments.active, true),
          eq(departments.visible, true),
          eq(departments.usage, 'all'),
          ne(departments.usage, 'internal'),
        ),
      ),
    )
    .orderBy(asc(departments.name))
    .limit(500);
  return { items: rows.map((r) => ({ ...r, id: String(r.id) })) };
}
