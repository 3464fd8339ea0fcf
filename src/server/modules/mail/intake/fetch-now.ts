import { and, eq, inArray, ne } from 'drizzle-orm';
import { mailboxes } from '../../../../db/schema';
import type { TFetchMailboxes, TFetchQueued } from '../../../../contracts/mail';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { NotFound } from '../../../platform/errors';
import { can, requireActor } from '../../../platform/http/access';
import { getSettings } from '../../settings';
import { seesAllDepartments } from '../../tickets';
import { enqueueFetch } from './fetch.job';

/**
 * F1/F2 "refresh list": queues a fetch of one mailbox or of all active inbound ones. Mailbox
 * managers reach every mailbox; other staff refresh every department's mailbox when the
 * workspace fetches all departments (`fetchAllDepartments`), else only their own departments'.
 * A mailbox out of reach is the same 404 as a missing one.
 */
export async function fetchNow({ ctx, input }: { ctx: Ctx; input: TFetchMailboxes }): Promise<TFetchQueued> {
  const actor = requireActor(ctx);
  const everything =
    can(actor, 'mailboxes.manage') || seesAllDepartments(actor) || (await getSettings(ctx)).fetchAllDepartments;
  if (!everything && !actor.departmentIds.length) return input.mailboxId ? Promise.reject(NotFound()) : { queued: [] };
  const rows = await ctx.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(
      inWorkspace(
        mailboxes,
        ctx,
        and(eq(mailboxes.active, true), ne(mailboxes.inboundProtocol, 'none')),
        input.mailboxId ? eq(mailboxes.id, input.mailboxId) : undefined,
        everything ? undefined : inArray(mailboxes.departmentId, actor.departmentIds),
      ),
    )
    .orderBy(mailboxes.id);
  if (input.mailboxId && !rows.length) throw NotFound();
  for (const r of rows) await enqueueFetch(ctx.deps, ctx.workspaceId, r.id);
  return { queued: rows.map((r) => String(r.id)) };
}
