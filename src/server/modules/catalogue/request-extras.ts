import type { TField, TWorkflow } from '../../../contracts/catalogue';
import type { TTicket } from '../../../contracts/tickets';
import { inParallel, type Ctx } from '../../platform/context';
import type { TicketRow } from '../tickets';
import { findRequestType } from './catalogue.repo';
import { transitionsFor } from './workflow';
import { timersOf } from './workflow-timers';

/**
 * What the ticket page shows of a desk request besides the ticket (E1–E3): the form's fields and
 * values, the transitions the reader may take now, and the running timers. Nothing for other tickets.
 */
export async function requestExtras(
  ctx: Ctx,
  row: TicketRow,
): Promise<Pick<TTicket, 'values' | 'fields' | 'availableTransitions' | 'timers'>> {
  if (!row.requestTypeId) return {};
  const [rt, timers] = await inParallel(
    ctx,
    () => findRequestType(ctx, row.requestTypeId!, { removed: true }),
    () => timersOf(ctx, row.id),
  );
  const workflow = rt.workflow as TWorkflow;
  const actor = ctx.actor;
  return {
    values: (row.values as Record<string, unknown>) ?? {},
    fields: rt.fields as TField[],
    availableTransitions: actor
      ? transitionsFor(actor, row, workflow).map((t) => ({
          id: t.id,
          name: t.name,
          to: t.to,
          needsComment: t.needsComment,
          needsAttachment: t.needsAttachment,
        }))
      : [],
    timers,
  };
}
