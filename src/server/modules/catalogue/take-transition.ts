import type { TTakeTransition, TWorkflow, TField } from '../../../contracts/catalogue';
import type { TicketRef, TTicket } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { Invalid, type Msg } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { findVisibleTicket, isStaffActor, lockTicket, ticketDetails } from '../tickets';
import { applyTransition } from './apply-transition';
import { findRequestType } from './catalogue.repo';
import { mayTake, transitionOf } from './workflow';

/**
 * E2: a person takes a workflow transition. Refused with `invalid`, changing nothing, when the
 * ticket is not a request, the transition does not exist or does not start from the current
 * status, the caller is not among its `who`, or a needed comment or attachment is missing.
 */
export async function takeTransition({
  ctx,
  number,
  transitionId,
  input,
}: {
  ctx: Ctx;
  number: TicketRef;
  transitionId: string;
  input: TTakeTransition;
}): Promise<TTicket> {
  const actor = ctx.actor!;
  const pre = await findVisibleTicket(ctx, number);
  const bodyHtml = input.comment ? sanitizeRichText(input.comment, 'comment') : '';
  const row = await withTx(ctx, async (tx) => {
    const ticket = await lockTicket(tx, pre.id);
    if (!ticket.requestTypeId) throw Invalid({ transitionId: { key: 'validation.not_a_request' } });
    const rt = await findRequestType(tx, ticket.requestTypeId, { removed: true });
    const workflow = rt.workflow as TWorkflow;
    const t = transitionOf(workflow, transitionId);
    const errors: Record<string, Msg> = {};
    if (!t) errors.transitionId = { key: 'validation.unknown_transition' };
    else if (!t.from.includes(ticket.workflowStatus ?? ''))
      errors.transitionId = { key: 'validation.transition_not_from_here', params: { name: t.name } };
    else if (!mayTake(actor, ticket, t))
      errors.transitionId = { key: `validation.transition_who_${t.who}`, params: { name: t.name } };
    if (t && !errors.transitionId) {
      if (t.needsComment && !hasContent(bodyHtml)) errors.comment = { key: 'validation.transition_needs_comment' };
      if (t.needsAttachment && !input.attachmentIds.length)
        errors.attachmentIds = { key: 'validation.transition_needs_attachment' };
    }
    if (Object.keys(errors).length) throw Invalid(errors);
    return applyTransition(tx, ticket, { fields: rt.fields as TField[], workflow }, t!, {
      bodyHtml: hasContent(bodyHtml) ? bodyHtml : '',
      attachmentIds: input.attachmentIds,
      direction: input.direction,
      authorKind: isStaffActor(actor) ? 'agent' : 'customer',
      authorName: actor.name || actor.username,
    });
  });
  return ticketDetails(ctx, row);
}
