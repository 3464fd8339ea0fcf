import type { TField, TTransition, TWorkflow } from '../../../contracts/catalogue';
import type { Ctx } from '../../platform/context';
import { changeTicket, TicketLocked, type TicketRow } from '../tickets';
import type { StoredValues } from './form-values';
import { statusOf, TICKET_STATUS_OF } from './workflow';
import { notifiedDepartments, queueRequesterSms, transferChanges } from './workflow-actions';
import { restartWorkflowTimers } from './workflow-timers';

export interface StepInput {
  /** Sanitised comment HTML, or '' for none. */
  bodyHtml: string;
  attachmentIds: string[];
  direction: 'rtl' | 'ltr' | 'auto';
  /** Whose side takes it: a person (customer or staff) or the system (a timer's expiry). */
  authorKind: 'customer' | 'agent' | 'system';
  authorName: string;
}

/**
 * E2, E3, E5: takes a transition on a ticket the caller locked, already checked as allowed:
 * the step goes into the thread (its comment and attachments, rendered as «status changed to
 * …») and the event log; the ticket moves to the new workflow status and the ticket status of
 * its category; `transfer` actions move it; `notify` actions tell departments; `sms` actions
 * text the requester; the workflow timers start over.
 */
export async function applyTransition(
  tx: Ctx,
  ticket: TicketRow,
  rt: { fields: TField[]; workflow: TWorkflow },
  t: TTransition,
  step: StepInput,
): Promise<TicketRow> {
  if (ticket.status === 'locked') throw TicketLocked();
  const from = statusOf(rt.workflow, ticket.workflowStatus);
  const to = statusOf(rt.workflow, t.to)!;
  const record = {
    id: t.id,
    name: t.name,
    from: ticket.workflowStatus ?? '',
    to: to.key,
    toName: to.name,
    customerLabel: to.customerLabel || to.name,
  };
  const values = (ticket.values ?? {}) as StoredValues;
  // The step's entry in the thread goes in with the change: one new version of the row.
  const { row } = await changeTicket(
    tx,
    ticket,
    {
      status: TICKET_STATUS_OF[to.category],
      ...transferChanges(t.actions),
      transition: {
        to: to.key,
        event: {
          transitionId: t.id,
          name: t.name,
          from: from?.key ?? null,
          fromName: from?.name ?? null,
          to: to.key,
          toName: to.name,
        },
      },
      notifyDepartments: notifiedDepartments(t.actions),
    },
    {
      withMessage: {
        kind: 'reply',
        authorKind: step.authorKind,
        authorName: step.authorName,
        bodyHtml: step.bodyHtml,
        direction: step.direction,
        attachmentIds: step.attachmentIds,
        transition: record,
      },
    },
  );
  await queueRequesterSms(tx, row, t.actions, rt.fields, values);
  await restartWorkflowTimers(tx, row, t);
  return row;
}
