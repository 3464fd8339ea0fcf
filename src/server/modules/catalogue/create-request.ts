import { eq, sql } from 'drizzle-orm';
import { desks, users } from '../../../db/schema';
import type { TCreateRequest, TField, TWorkflow } from '../../../contracts/catalogue';
import type { TTicket } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, NotFound } from '../../platform/errors';
import { can } from '../../platform/http/access';
import { isStaffActor, openTicket, requireTicketAccess, ticketDetails } from '../tickets';
import { findDesk, findRequestType } from './catalogue.repo';
import { checkFormValues } from './form-values';
import { detailsHtml } from './request-details';
import { statusOf, TICKET_STATUS_OF } from './workflow';

type Priority = 'urgent' | 'high' | 'medium' | 'low';

/** The desk's next request number, under the desk row's lock until commit (gapless, like ticket numbers). */
async function nextDeskNumber(tx: Ctx, deskId: number): Promise<number> {
  const [row] = await tx.db
    .update(desks)
    .set({ lastNumber: sql`${desks.lastNumber} + 1` })
    .where(inWorkspace(desks, tx, eq(desks.id, deskId)))
    .returning({ n: desks.lastNumber });
  return row.n;
}

/**
 * E1, E4: a request of a request type — its form checked field by field, its values stored
 * and shown as the opening message, a key of its desk (SETIRAN-30), the workflow's initial
 * status. The caller is the requester.
 */
export async function createRequest({ ctx, input }: { ctx: Ctx; input: TCreateRequest }): Promise<TTicket> {
  const actor = requireTicketAccess(ctx);
  const staff = isStaffActor(actor);
  if (staff && !can(actor, 'tickets.create')) throw Forbidden();
  const rt = await findRequestType(ctx, input.requestTypeId);
  const desk = await findDesk(ctx, rt.deskId);
  if (!staff && (!rt.visible || !desk.visible)) throw NotFound('errors.request_type_not_found');
  const fields = rt.fields as TField[];
  const workflow = rt.workflow as TWorkflow;
  const values = await checkFormValues(ctx, fields, input.values);
  const priorityField = fields.find((f) => f.kind === 'priority' && values[f.key] !== undefined);
  const priority = (priorityField ? values[priorityField.key] : rt.defaultPriority) as Priority;
  const initial = statusOf(workflow, workflow.initial)!;
  const [me] = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(inWorkspace(users, ctx, eq(users.id, actor.id)));

  const { row, message } = await withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const status = TICKET_STATUS_OF[initial.category];
    const deskNumber = await nextDeskNumber(tx, desk.id);
    return openTicket(
      tx,
      {
        subject: input.subject || rt.name,
        departmentId: rt.departmentId ?? desk.departmentId,
        priority,
        status,
        requesterId: actor.id,
        createdById: actor.id,
        requesterEmail: me?.email?.toLowerCase() ?? null,
        lastCustomerReplyAt: now,
        deskId: desk.id,
        deskNumber,
        requestTypeId: rt.id,
        values,
        workflowStatus: initial.key,
      },
      {
        kind: 'reply',
        authorKind: staff ? 'agent' : 'customer',
        authorName: actor.name || actor.username,
        bodyHtml: detailsHtml(fields, values, ctx.locale),
        direction: input.direction,
        attachmentIds: input.attachmentIds,
      },
    );
  });
  return ticketDetails(ctx, row, { first: message });
}
