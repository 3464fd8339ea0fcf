import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { files, messages, ticketParticipants, users } from '../../../db/schema';
import type { TTicket } from '../../../contracts/tickets';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso } from '../../platform/pagination';
import { isStaffActor, type TicketRow } from './ticket-access';
import { lookupsFor, toListItem } from './ticket-mapper';
import { requestExtras } from '../catalogue';
import { csatOfTicket } from '../csat';
import { mergeExtras } from './ticket-links';

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
  for (const r of rows) {
    const list = map.get(r.messageId!) ?? [];
    list.push({ id: String(r.id), name: r.name, size: r.size, contentType: r.contentType, url: url(r.id) });
    map.set(r.messageId!, list);
  }
  return map;
}

/** A message's attachment as a statement reads it along with the message (filesOfMessage). */
export interface MessageFile {
  id: number;
  name: string;
  size: number;
  contentType: string;
}

/**
 * A message's attachments as a column of the statement that reads the message (json, in upload
 * order): the message and its files in one round trip. `from` names the message's relation in
 * that statement, written out in full: a subquery's fields would be rendered bare, and inside
 * this subquery a bare "id" is the file's own.
 */
export const filesOfMessage = (from: 'messages' | 'first') => {
  const m = sql.identifier(from);
  return sql<MessageFile[]>`(select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size,
    'contentType', f.content_type) order by f.id), '[]'::json)
    from files f where f.workspace_id = ${m}.workspace_id and f.message_id = ${m}.id)`;
};

export const attachmentsFrom = (files: MessageFile[], url: (id: number) => string): TTicket['attachments'] =>
  files.map((f) => ({
    id: String(f.id),
    name: f.name,
    size: Number(f.size),
    contentType: f.contentType,
    url: url(f.id),
  }));

/**
 * The ticket's first reply with its attachments. The reply is found first (a subquery): with the
 * attachments' subquery beside `order by id limit 1` the planner preferred walking every message
 * in id order to sorting the ticket's few (0.5 s at a million tickets instead of 0.05 ms).
 */
function firstReplyOf(ctx: Ctx, ticketId: number) {
  const first = ctx.db
    .select({
      id: messages.id,
      workspaceId: messages.workspaceId,
      bodyHtml: messages.bodyHtml,
      direction: messages.direction,
    })
    .from(messages)
    .where(inWorkspace(messages, ctx, eq(messages.ticketId, ticketId), eq(messages.kind, 'reply')))
    .orderBy(asc(messages.id))
    .limit(1)
    .as('first');
  return ctx.db
    .select({ id: first.id, bodyHtml: first.bodyHtml, direction: first.direction, files: filesOfMessage('first') })
    .from(first);
}

/** D4: everything the ticket page shows about the ticket itself (the thread comes apart). */
export async function ticketDetails(
  ctx: Ctx,
  row: TicketRow,
  known: {
    first?: { id: number; bodyHtml: string; direction: 'rtl' | 'ltr' | 'auto'; files?: MessageFile[] };
    followers?: { id: number; name: string; username: string }[];
  } = {},
): Promise<TTicket> {
  const staff = isStaffActor(ctx.actor!);
  const [lookups, [first], people, extras, merge, csat] = await inParallel(
    ctx,
    () => lookupsFor(ctx, [row]),
    async () => (known.first ? [known.first] : firstReplyOf(ctx, row.id)),
    async () =>
      known.followers
        ? known.followers.map((f) => ({ ...f, kind: 'follower', notify: null }))
        : ctx.db
            .select({
              id: users.id,
              name: users.name,
              username: users.username,
              kind: ticketParticipants.kind,
              notify: ticketParticipants.notify,
            })
            .from(ticketParticipants)
            .innerJoin(users, eq(users.id, ticketParticipants.userId))
            .where(
              inWorkspace(
                ticketParticipants,
                ctx,
                eq(ticketParticipants.ticketId, row.id),
                or(
                  eq(ticketParticipants.kind, 'follower'),
                  // The reader's own "don't notify me" (C23) comes with the same query.
                  and(eq(ticketParticipants.kind, 'notify_pref'), eq(ticketParticipants.userId, ctx.actor!.id)),
                ),
              ),
            ),
    () => requestExtras(ctx, row),
    () => mergeExtras(ctx, row, staff),
    () => csatOfTicket(ctx, row, staff),
  );
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
    ...merge,
    csat,
  };
}
