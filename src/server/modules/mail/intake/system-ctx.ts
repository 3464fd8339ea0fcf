import type { Actor, AppDeps, Ctx } from '../../../platform/context';

/** The context intake acts in: the system of one workspace, no request, optionally as a customer. */
export function systemCtx(deps: AppDeps, workspaceId: number, requestId = 'job:mail-intake'): Ctx {
  return { workspaceId, actor: null, db: deps.database.db, inTx: false, locale: 'fa', ip: '', requestId, deps };
}

/** A customer found by e-mail, acting through intake: no permissions beyond writing on its tickets. */
export function customerActor(u: { id: number; name: string; username: string }): Actor {
  return {
    id: u.id,
    role: 'customer',
    name: u.name,
    username: u.username,
    permissions: new Set(),
    departmentIds: [],
    ticketAccess: true,
    locale: 'fa',
    via: 'token',
  };
}
