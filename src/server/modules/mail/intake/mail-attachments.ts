import { fileTypeFromBuffer } from 'file-type';
import { Readable } from 'node:stream';
import { files } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { t, type Locale } from '../../../platform/i18n';
import { ATTACHMENT_TYPES, displayName, TEXT_PLAIN } from '../../files';
import type { InboundAttachment } from '../inbound/parsed-inbound';

export const MB = 1024 * 1024;

export interface StoredMailFile {
  storageKey: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  /** The part's Content-ID, when the body shows it inline (`cid:`). */
  contentId?: string;
}
export interface RefusedMailFile {
  name: string;
  size: number;
  reason: 'too_large' | 'type';
}

/**
 * Puts a mail's attachments into the file storage like uploads: the type is taken from the
 * bytes and must be one uploads accept, the size within `maxBytes`. Returns what was stored
 * and what was refused; the caller links the stored ones (`linkMailFiles`) in its transaction.
 */
export async function storeMailAttachments(ctx: Ctx, list: InboundAttachment[], maxBytes: number) {
  const stored: StoredMailFile[] = [];
  const refused: RefusedMailFile[] = [];
  for (const a of list) {
    const name = a.filename || 'file';
    if (a.size > maxBytes || a.content.length > maxBytes) {
      refused.push({ name, size: a.content.length, reason: 'too_large' });
      continue;
    }
    const sniffed = await fileTypeFromBuffer(a.content);
    const mime = sniffed?.mime ?? (isText(a.content) ? TEXT_PLAIN : undefined);
    if (!mime || !ATTACHMENT_TYPES.has(mime)) {
      refused.push({ name, size: a.content.length, reason: 'type' });
      continue;
    }
    const obj = await ctx.deps.storage.put(Readable.from([a.content]), { maxBytes });
    stored.push({
      storageKey: obj.key,
      name: displayName(name, sniffed?.ext ?? 'txt'),
      size: obj.size,
      contentType: mime,
      sha256: obj.sha256,
      ...(a.contentId ? { contentId: a.contentId } : {}),
    });
  }
  return { stored, refused };
}

/** One sentence per attachment that was not kept: for the internal note and the answer to the sender. */
export function refusedLines(locale: Locale, refused: RefusedMailFile[], maxMb: number): string[] {
  return refused.map((f) =>
    f.reason === 'too_large'
      ? t(locale, 'mail.intake.attachment_too_large', { name: f.name, size: (f.size / MB).toFixed(1), max: maxMb })
      : t(locale, 'mail.intake.attachment_refused_type', { name: f.name }),
  );
}

/** Rows for stored files, linked to their ticket and message; returns Content-ID → file id. */
export async function linkMailFiles(
  ctx: Ctx,
  stored: StoredMailFile[],
  ticketId: number,
  messageId: number,
): Promise<Map<string, number>> {
  const byCid = new Map<string, number>();
  if (!stored.length) return byCid;
  const now = ctx.deps.clock.now();
  const rows = await ctx.db
    .insert(files)
    .values(
      stored.map((f) => ({
        workspaceId: ctx.workspaceId,
        storageKey: f.storageKey,
        name: f.name,
        size: f.size,
        contentType: f.contentType,
        sha256: f.sha256,
        purpose: 'attachment',
        ticketId,
        messageId,
        createdBy: ctx.actor?.id ?? null,
        createdAt: now,
      })),
    )
    .returning({ id: files.id, storageKey: files.storageKey });
  for (const f of stored) {
    const row = rows.find((r) => r.storageKey === f.storageKey);
    if (f.contentId && row) byCid.set(f.contentId.toLowerCase(), row.id);
  }
  return byCid;
}

/**
 * Inline images (`<img src="cid:…">`) point at their stored attachment afterwards; a cid with
 * no stored part (refused, or never sent) is dropped rather than left as a broken reference.
 */
export function rewriteCidLinks(html: string, byCid: Map<string, number>, url: (id: number) => string): string {
  if (!html.includes('cid:')) return html;
  return html.replace(/<img\b[^>]*\bsrc="cid:([^"]*)"[^>]*>/gi, (tag, cid: string) => {
    const id = byCid.get(safeDecode(cid).replace(/^<|>$/g, '').trim().toLowerCase());
    return id === undefined ? '' : tag.replace(/src="cid:[^"]*"/i, `src="${url(id)}"`);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Removes stored bytes when the import that needed them failed. */
export async function dropStored(ctx: Ctx, stored: StoredMailFile[]) {
  await Promise.all(stored.map((f) => ctx.deps.storage.delete(f.storageKey).catch(() => undefined)));
}

function isText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }
  return !/<(html|svg|script|!doctype)/i.test(buf.subarray(0, 1024).toString('utf8'));
}
