import { and, eq, ne } from 'drizzle-orm';
import { mailboxes } from '../../../../db/schema';
import type { TFetchMailboxes, TFetchQueued } from '../../../../contracts/mail';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { NotFound } from '../../../platform/errors';
import { requirePermission } from '../../../platform/http/access';
import { enqueueFetch } from './fetch.job';

/** F2 "refresh now": queues a fetch of one mailbox or of all the workspace's active inbound ones. */
export async function fetchNow({ ctx, input }: { ctx: Ctx; input: TFetchMailboxes }): Promise<TFetchQueued> {
  requirePermission(ctx, 'mailboxes.manage');
  const rows = await ctx.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(
      inWorkspace(
        mailboxes,
        ctx,
        and(eq(mailboxes.active, true), ne(mailboxes.inboundProtocol, 'none')),
        input.mailboxId ? eq(mailboxes.id, Number(input.mailboxId)) : undefined,
      ),
    )
    .orderBy(mailboxes.id);
  if (input.mailboxId && !rows.length) throw NotFound();
  for (const r of rows) await enqueueFetch(ctx.deps, ctx.workspaceId, r.id);
  return { queued: rows.map((r) => String(r.id)) };
}
