import { asc, inArray, type SQL } from 'drizzle-orm';
import { files } from '../../../db/schema';
import type { TTicket } from '../../../contracts/tickets';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso } from '../../platform/pagination';
import { isStaffActor, type TicketRow } from './ticket-access';
import { lookupsFor, toListItem } from './ticket-mapper';
import { requestExtras } from '../catalogue';
import { attachmentsFrom, type MessageFile } from './message-files';
import { ticketSide } from './ticket-side';

export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`;

/** Attachments of many messages at once. */
export async function attachmentsOf(ctx: Ctx, messageIds: number[], url: (id: number) => string = attachmentUrl) {
  const map = new Map<number, TTicket['attachments']>();
  if (!messageIds.length) return map;
  const rows = await ctx.db
    .select({
      id: files.id,
      messageId: files.messageId,
      name: files.name,
      size: files.size,
      contentType: files.contentType,
    })
    .from(files)
    .where(inWorkspace(files, ctx, inArray(files.messageId, messageIds)))
    .orderBy(asc(files.id));
  const byMessage = new Map<number, MessageFile[]>();
  for (const r of rows) {
    const list = byMessage.get(r.messageId!) ?? [];
    list.push(r);
    byMessage.set(r.messageId!, list);
  }
  for (const [messageId, list] of byMessage) map.set(messageId, attachmentsFrom(list, url));
  return map;
}

/** D4: everything the ticket page shows about the ticket itself (the thread comes apart). */
export async function ticketDetails(
  ctx: Ctx,
  row: TicketRow,
  known: {
    first?: { id: number; bodyHtml: string; direction: 'rtl' | 'ltr' | 'auto'; files?: MessageFile[] };
    followers?: { id: number; name: string; username: string }[];
    /** Made by this request: it has no links and no survey answer yet, so none is read. */
    created?: boolean;
    /** A write to make in the same statement as the side data (the view log, getTicket). */
    alsoWrite?: SQL;
  } = {},
): Promise<TTicket> {
  const staff = isStaffActor(ctx.actor!);
  const [lookups, side, extras] = await inParallel(
    ctx,
    () => lookupsFor(ctx, [row]),
    () =>
      ticketSide(ctx, row, {
        staff,
        first: !known.first,
        people: !known.followers,
        created: known.created === true,
        alsoWrite: known.alsoWrite,
      }),
    () => requestExtras(ctx, row),
  );
  const first = known.first ?? side.first ?? undefined;
  const people = known.followers?.map((f) => ({ ...f, kind: 'follower', notify: null })) ?? side.people ?? [];
  const followers = people.filter((p) => p.kind === 'follower');
  const notifyMe = people.find((p) => p.kind === 'notify_pref')?.notify !== false;
  const attachments = !first
    ? []
    : first.files
      ? attachmentsFrom(first.files, attachmentUrl)
      : ((await attachmentsOf(ctx, [first.id])).get(first.id) ?? []);
  const type = row.typeId ? { id: String(row.typeId), name: lookups.types.get(row.typeId) ?? '' } : null;
  const now = ctx.deps.clock.now().getTime();
  return {
    ...toListItem(row, lookups),
    body: first?.bodyHtml ?? '',
    direction: first?.direction ?? 'auto',
    type,
    cc: row.cc,
    ...(staff ? { bcc: row.bcc, noteCount: row.noteCount } : {}),
    lastReplyAt: iso(row.lastAgentReplyAt),
    unansweredFor:
      row.waitingSince && row.status === 'active'
        ? Math.max(0, Math.floor((now - row.waitingSince.getTime()) / 1000))
        : null,
    followers: staff ? followers.map((f) => ({ id: String(f.id), name: f.name || f.username })) : [],
    notifyMe,
    attachments,
    closedAt: iso(row.closedAt),
    deletedAt: iso(row.deletedAt),
    ...extras,
    links: side.links,
    mergedInto: side.mergedInto,
    csat: side.csat,
  };
}
