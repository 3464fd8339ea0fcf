import { eq } from 'drizzle-orm';
import { subscriptions, workspaces } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { Conflict, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { clearSubscriptionCache } from '../cloud';
import type { OperatorIdentity } from './operator-auth';

interface Input {
  workspaceId: number;
  note?: string;
}

/**
 * `POST /operator/workspaces/:id/suspend` and `/resume`: the operator's suspension, kept on the
 * subscription (`suspended_at`, `suspension_note`); the cloud module's checkWorkspace refuses the
 * workspace's requests while it is set. Written to the workspace's own audit log with the operator's name.
 * A workspace without a subscription (made before cloud mode) cannot be suspended here: 409.
 */
export async function suspendWorkspace(args: { ctx: Ctx; operator: OperatorIdentity; input: Input }) {
  return setSuspension(args, true);
}

export async function resumeWorkspace(args: { ctx: Ctx; operator: OperatorIdentity; input: Input }) {
  return setSuspension(args, false);
}

async function setSuspension(
  { ctx, operator, input }: { ctx: Ctx; operator: OperatorIdentity; input: Input },
  suspend: boolean,
) {
  const now = ctx.deps.clock.now();
  await withTx({ ...ctx, workspaceId: input.workspaceId }, async (tx) => {
    const [ws] = await tx.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, input.workspaceId));
    if (!ws) throw NotFound('errors.workspace_not_found');
    const note = input.note?.trim() || null;
    const [row] = await tx.db
      .update(subscriptions)
      .set(
        suspend
          ? { suspendedAt: now, suspensionNote: note, updatedAt: now }
          : { suspendedAt: null, suspensionNote: null, updatedAt: now },
      )
      .where(eq(subscriptions.workspaceId, input.workspaceId))
      .returning({ workspaceId: subscriptions.workspaceId });
    if (!row) throw Conflict('errors.operator_no_subscription');
    await audit(tx, suspend ? 'workspace.suspended' : 'workspace.resumed', 'workspace', input.workspaceId, {
      operator: operator.username,
      ...(suspend ? { note } : {}),
    });
  });
  // This process sees the change at once; others within the cloud module's cache time (5 s).
  clearSubscriptionCache(ctx.deps, input.workspaceId);
  ctx.deps.log.info(
    { reqId: ctx.requestId, operator: operator.username, workspaceId: input.workspaceId },
    suspend ? 'operator suspended a workspace' : 'operator resumed a workspace',
  );
}
