import type { Role } from '../../../contracts/permissions';
import type { Actor } from '../../platform/context';
import { seesAllDepartments, type LiveEvent } from '../tickets';

/**
 * Who is on the other end of a live connection, frozen at connect time: group and department
 * memberships are not re-read per event (that would be a query per connection per event). A
 * reconnect — which every connection does at the latest after its maximum age — refreshes them.
 */
export interface LiveViewer {
  workspaceId: number;
  userId: number;
  role: Role;
  seesAll: boolean;
  ticketAccess: boolean;
  departmentIds: ReadonlySet<number>;
  groupIds: ReadonlySet<number>;
}

export function viewerOf(workspaceId: number, actor: Actor, groupIds: number[]): LiveViewer {
  return {
    workspaceId,
    userId: actor.id,
    role: actor.role,
    seesAll: actor.role !== 'customer' && seesAllDepartments(actor),
    ticketAccess: actor.ticketAccess,
    departmentIds: new Set(actor.departmentIds),
    groupIds: new Set(groupIds),
  };
}

/**
 * Whether this viewer may learn that the event happened. Mirrors visibleTo() in
 * ticket-access.ts, on the fields the event carries; the API applies the full rules when the
 * client refetches, so this only has to never say yes where visibleTo says no.
 */
export function mayReceive(v: LiveViewer, e: LiveEvent): boolean {
  if (e.w !== v.workspaceId) return false;
  // A notification is its addressees' alone, whatever the ticket.
  if (e.u) return e.u.includes(v.userId);
  if (v.role === 'customer') {
    // Delivery of a reply by mail is shown to staff only (the message's `delivery`).
    if (!v.ticketAccess || e.i || e.k === 'note' || e.type === 'message.delivery') return false;
    return e.r === v.userId || (e.g !== null && v.groupIds.has(e.g)) || e.p.includes(v.userId);
  }
  if (v.seesAll) return true;
  return v.departmentIds.has(e.d) || e.a.includes(v.userId) || e.r === v.userId || e.p.includes(v.userId);
}
