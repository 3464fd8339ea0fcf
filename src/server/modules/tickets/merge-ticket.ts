import { eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TicketRef, TTicket } from '../../../contracts/tickets';
import type { TMergeTicket } from '../../../contracts/ticket-merge';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, Conflict, Forbidden, InvalidField } from '../../platform/errors';
import { escapeHtml } from '../../platform/html';
import { can } from '../../platform/http/access';
import { t } from '../../platform/i18n';
import { audit } from '../audit';
import { moveIntoTarget } from './merge-moves';
import { findVisibleTicket, isStaffActor, TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { ticketDetails } from './ticket-details';
import { announce, logTicketEvent } from './ticket-events';
import { appendMessage, lockTicket, TicketLocked } from './write/append-message';
import { changeTicket } from './write/change-ticket';
import { rebuildSearch } from './write/search-index';

/** Staff who may edit tickets (tickets.edit) and see both; anyone else 403. */
export function requireTicketEditor(ctx: Ctx) {
  const actor = ctx.actor;
  if (!actor || !isStaffActor(actor) || !can(actor, 'tickets.edit')) throw Forbidden();
  return actor;
}

/** The other ticket named in a body: one the caller cannot see is an invalid field, not a 404. */
export async function otherTicket(ctx: Ctx, number: number, field: string, key: string): Promise<TicketRow> {
  try {
    return await findVisibleTicket(ctx, number, { includeDeleted: true });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw InvalidField(field, key);
    throw e;
  }
}

/** What forbids merging `source` into `target` (checked before and again under the row locks). */
function checkMerge(source: TicketRow, target: TicketRow) {
  if (source.id === target.id) throw InvalidField('into', 'validation.merge_into_itself');
  if (source.mergedIntoId) throw Conflict('errors.ticket_already_merged');
  if (source.deletedAt) throw Conflict('errors.ticket_deleted');
  if (target.deletedAt) throw Conflict('errors.merge_target_deleted');
  if (target.mergedIntoId) throw Conflict('errors.merge_target_merged');
  // An internal thread must not reach a requester, nor a requester's thread vanish into an internal one.
  if (source.internal !== target.internal) throw InvalidField('into', 'validation.merge_internal_mismatch');
  if (source.status === 'locked' || target.status === 'locked') throw TicketLocked();
}

/**
 * K9: merges ticket `number` into `input.into`, in one transaction holding both rows (locked in
 * id order, so two opposite merges cannot deadlock): the thread, attachments, event log,
 * participants and links move to the target (merge-moves.ts); the source is closed pointing at
 * the target; both get an event, the target a system note; both changes are announced. Answers
 * the target as it now is.
 */
export async function mergeTicket({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: TicketRef;
  input: TMergeTicket;
}): Promise<TTicket> {
  requireTicketEditor(ctx);
  const pre = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const preTarget = await otherTicket(ctx, input.into, 'into', 'validation.merge_target_unknown');
  checkMerge(pre, preTarget);

  return withTx(ctx, async (tx) => {
    const [lo, hi] = pre.id < preTarget.id ? [pre.id, preTarget.id] : [preTarget.id, pre.id];
    const first = await lockTicket(tx, lo);
    const second = await lockTicket(tx, hi);
    const source = first.id === pre.id ? first : second;
    const target = first.id === pre.id ? second : first;
    checkMerge(source, target);

    let merged = await moveIntoTarget(tx, source, target);
    const [emptied] = (await tx.db
      .update(tickets)
      .set({ mergedIntoId: target.id, messageCount: 0, noteCount: 0, waitingSince: null })
      .where(inWorkspace(tickets, tx, eq(tickets.id, source.id)))
      .returning(TICKET_COLUMNS)) as TicketRow[];
    await rebuildSearch(tx, emptied, { public: true, notes: true });
    await logTicketEvent(tx, source.id, 'merged_into', { number: target.number });
    // Closing writes its own event and announces the source (its requester hears it closed).
    const closed = await changeTicket(tx, emptied, { status: 'closed' });
    if (!closed.changed) await announce(tx, emptied, 'ticket.updated');

    await logTicketEvent(tx, target.id, 'merged_from', { number: source.number });
    const note = t(tx.locale, 'tickets.merge.note', { number: source.number, subject: source.subject });
    ({ row: merged } = await appendMessage({ ...tx, actor: null }, merged, {
      kind: 'note',
      by: 'system',
      announce: false,
      authorKind: 'system',
      authorName: '',
      bodyHtml: `<p dir="auto">${escapeHtml(note)}</p>`,
      direction: 'auto',
    }));
    await announce(tx, merged, 'ticket.updated');
    await audit(tx, 'ticket.merged', 'ticket', source.id, { number: source.number, into: target.number });
    return ticketDetails(tx, merged);
  });
}
