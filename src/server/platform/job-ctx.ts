import type { AppDeps, Ctx } from './context';

/** The context a job acts in: the system of one workspace, no request, no actor. */
export const jobCtx = (deps: AppDeps, workspaceId: number, requestId: string): Ctx => ({
  workspaceId,
  actor: null,
  db: deps.database.db,
  inTx: false,
  locale: 'fa',
  ip: '',
  requestId,
  deps,
});
