import type { TTransition, TWorkflow, TWorkflowStatus } from '../../../contracts/catalogue';
import type { TStatus } from '../../../contracts/tickets';
import type { Actor } from '../../platform/context';
import { can } from '../../platform/http/access';

/** The ticket status a workflow status's category stands for (lists, queues and SLAs read it). */
export const TICKET_STATUS_OF: Record<TWorkflowStatus['category'], TStatus> = {
  open: 'active',
  pending: 'pending',
  closed: 'closed',
};

export const statusOf = (w: TWorkflow, key: string | null) => w.statuses.find((s) => s.key === key);
export const transitionOf = (w: TWorkflow, id: string) => w.transitions.find((t) => t.id === id);

/** What a ticket needs for the "who may take it" rule. */
export interface WhoTicket {
  requesterId: number | null;
  departmentId: number;
}

/**
 * E2: who may take a transition. `requester`: the requester, or a customer the request is
 * shared with (a customer who can see the request at all is one of those); `agent`: staff who
 * may reply on it; `department`: staff of the request's current department (admins too). The
 * caller has already checked that the actor can see the ticket.
 */
export function mayTake(actor: Actor, ticket: WhoTicket, t: TTransition): boolean {
  const staff = actor.role === 'admin' || actor.role === 'agent';
  switch (t.who) {
    case 'requester':
      return actor.role === 'customer' || actor.id === ticket.requesterId;
    case 'agent':
      return staff && can(actor, 'tickets.reply');
    case 'department':
      return staff && (actor.role === 'admin' || actor.departmentIds.includes(ticket.departmentId));
  }
}

/** The transitions this actor may take now, in the workflow's order. */
export function transitionsFor(
  actor: Actor,
  ticket: WhoTicket & { workflowStatus: string | null; status: TStatus },
  w: TWorkflow,
): TTransition[] {
  if (ticket.status === 'locked') return [];
  return w.transitions.filter((t) => t.from.includes(ticket.workflowStatus ?? '') && mayTake(actor, ticket, t));
}
