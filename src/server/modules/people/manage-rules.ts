import type { Role } from '../../../contracts/permissions';
import type { Ctx } from '../../platform/context';
import { can, requireActor } from '../../platform/http/access';
import { Forbidden } from '../../platform/errors';

/**
 * Who may manage whom: customers need customers.manage (or users.manage), agents need
 * users.manage, and only an admin creates, changes or removes an admin.
 */
export function assertCanManageRole(ctx: Ctx, role: Role) {
  const actor = requireActor(ctx);
  if (role === 'admin' && actor.role !== 'admin') throw Forbidden();
  if (role === 'agent' && !can(actor, 'users.manage')) throw Forbidden();
  if (role === 'customer' && !can(actor, 'users.manage') && !can(actor, 'customers.manage')) throw Forbidden();
}
