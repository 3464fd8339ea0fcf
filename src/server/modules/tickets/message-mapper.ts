import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { messages, users } from '../../../db/schema';
import type { TDelivery, TMessage } from '../../../contracts/tickets';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso } from '../../platform/pagination';
import { attachmentsOf, attachmentUrl } from './ticket-details';
import type { MessageRow } from './write/message-row';

/** Maps messages with their authors and attachments: three queries for any number of messages. */
export async function toMessages(
  ctx: Ctx,
  rows: MessageRow[],
  opts: { staff: boolean; attachmentUrl?: (id: number) => string },
): Promise<TMessage[]> {
  const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is number => x !== null))];
  const [authors, attachments] = await inParallel(
    ctx,
    () =>
      authorIds.length
        ? ctx.db
            .select({ id: users.id, avatarFileId: users.avatarFileId, role: users.role })
            .from(users)
            .where(inWorkspace(users, ctx, inArray(users.id, authorIds)))
        : Promise.resolve([]),
    () =>
      attachmentsOf(
        ctx,
        rows.map((r) => r.id),
        opts.attachmentUrl ?? attachmentUrl,
      ),
  );
  const byId = new Map(authors.map((a) => [a.id, a]));
  return rows.map((r) => {
    const a = r.authorId ? byId.get(r.authorId) : undefined;
    return {
      id: String(r.id),
      kind: r.kind,
      author: {
        id: r.authorId === null ? null : String(r.authorId),
        name: r.authorName,
        level:
          r.authorKind === 'customer'
            ? 'member'
            : r.authorKind === 'agent'
              ? 'agent'
              : r.authorKind === 'guest'
                ? 'guest'
                : 'system',
        avatarUrl: a?.avatarFileId ? `/api/v1/users/${a.id}/avatar?v=${a.avatarFileId}` : null,
      },
      body: r.bodyHtml,
      direction: r.direction,
      cc: r.cc,
      ...(opts.staff ? { bcc: r.bcc, delivery: deliveryOf(r) } : {}),
      attachments: attachments.get(r.id) ?? [],
      createdAt: iso(r.createdAt)!,
      editedAt: iso(r.editedAt),
      transition: (r.transition as TMessage['transition']) ?? null,
    };
  });
}

function deliveryOf(r: MessageRow): TDelivery | null {
  // 'sending' (an attempt holds the message, mail/outbound/send-reply.job.ts) is still queued to the API.
  const status = r.deliveryStatus === 'sending' ? 'queued' : r.deliveryStatus;
  if (status !== 'queued' && status !== 'sent' && status !== 'failed') return null;
  return { status, error: r.deliveryError, attempts: r.deliveryAttempts, at: iso(r.deliveryAt) };
}

/** The thread of a ticket in order; notes only for staff. */
export async function threadOf(
  ctx: Ctx,
  ticketId: number,
  opts: { staff: boolean; afterId?: number; notFromUserId?: number },
) {
  const conds: (SQL | undefined)[] = [eq(messages.ticketId, ticketId)];
  if (!opts.staff) conds.push(eq(messages.kind, 'reply'));
  if (opts.afterId) conds.push(gt(messages.id, opts.afterId));
  if (opts.notFromUserId) conds.push(or(sql`${messages.authorId} is null`, ne(messages.authorId, opts.notFromUserId)));
  return ctx.db
    .select()
    .from(messages)
    .where(and(inWorkspace(messages, ctx), ...conds))
    .orderBy(asc(messages.id))
    .limit(2000);
}
