import { ECDH } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { pushSubscriptions } from '../../../../db/schema';
import type { TCreatePushSubscription, TPushSubscription } from '../../../../contracts/push';
import { withTx, type AppDeps, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { InvalidField, NotFound } from '../../../platform/errors';
import { requireActor } from '../../../platform/http/access';
import { iso } from '../../../platform/pagination';
import { audit } from '../../audit';
import { vapidKeys } from './vapid';

/** A person's browsers at most; registering one more drops the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 20;
const t = pushSubscriptions;

/** The install's VAPID public key, which browsers subscribe with (public). */
export async function getPushKey({ ctx }: { ctx: Ctx }) {
  return { publicKey: (await vapidKeys(ctx.deps)).publicKey };
}

const hostOf = (endpoint: string) => {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
};

/**
 * Registers the caller's browser. The same endpoint registered again (by anyone: a shared browser
 * signed in as someone else) is one row, which moves to the caller with the new keys.
 */
export async function createPushSubscription({
  ctx,
  input,
  userAgent,
}: {
  ctx: Ctx;
  input: TCreatePushSubscription;
  userAgent?: string;
}): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  const url = new URL(input.endpoint);
  // Real push services are all https; http only for tests and private installs.
  if ((url.protocol !== 'https:' && !ctx.deps.config.allowPrivateNetworkTargets) || url.username || url.password)
    throw InvalidField('endpoint', 'validation.url');
  try {
    ECDH.convertKey(Buffer.from(input.keys.p256dh, 'base64url'), 'prime256v1');
  } catch {
    throw InvalidField('keys.p256dh', 'validation.format');
  }
  const now = ctx.deps.clock.now();
  return withTx(ctx, async (tx) => {
    const [before] = await tx.db
      .select({ workspaceId: t.workspaceId, userId: t.userId })
      .from(t)
      .where(eq(t.endpoint, input.endpoint));
    const same = sql`${t.workspaceId} = excluded.workspace_id and ${t.userId} = excluded.user_id`;
    const [row] = await tx.db
      .insert(t)
      .values({
        workspaceId: tx.workspaceId,
        userId: actor.id,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        userAgent: userAgent?.slice(0, 300) ?? null,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: t.endpoint,
        set: {
          workspaceId: sql`excluded.workspace_id`,
          userId: sql`excluded.user_id`,
          p256dh: sql`excluded.p256dh`,
          auth: sql`excluded.auth`,
          userAgent: sql`excluded.user_agent`,
          // The same person's browser again keeps its place; a moved one is new to its person.
          createdAt: sql`case when ${same} then ${t.createdAt} else excluded.created_at end`,
          lastSuccessAt: sql`case when ${same} and ${t.p256dh} = excluded.p256dh and ${t.auth} = excluded.auth then ${t.lastSuccessAt} end`,
        },
      })
      .returning({ id: t.id });
    const mine = inWorkspace(t, tx, eq(t.userId, actor.id));
    const beyond = tx.db
      .select({ id: t.id })
      .from(t)
      .where(mine)
      .orderBy(desc(t.createdAt), desc(t.id))
      .offset(MAX_PUSH_SUBSCRIPTIONS);
    const dropped = await tx.db
      .delete(t)
      .where(and(mine, inArray(t.id, beyond)))
      .returning({ id: t.id });
    if (!before || before.userId !== actor.id || before.workspaceId !== tx.workspaceId)
      await audit(tx, 'push_subscription.created', 'push_subscription', row.id, {
        host: url.host,
        ...(before ? { moved: true } : {}),
        ...(dropped.length ? { dropped: dropped.map((d) => String(d.id)) } : {}),
      });
    return { id: String(row.id) };
  });
}

/** The caller's own browsers, newest first (the profile page). */
export async function listPushSubscriptions({ ctx }: { ctx: Ctx }): Promise<{ items: TPushSubscription[] }> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(t)
    .where(inWorkspace(t, ctx, eq(t.userId, actor.id)))
    .orderBy(desc(t.createdAt), desc(t.id));
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      host: hostOf(r.endpoint),
      userAgent: r.userAgent,
      createdAt: iso(r.createdAt)!,
      lastSuccessAt: iso(r.lastSuccessAt),
    })),
  };
}

/** Removes one of the caller's own subscriptions; anyone else's is 404 like a missing one. */
export async function deletePushSubscription({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  const actor = requireActor(ctx);
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(t)
      .where(inWorkspace(t, tx, eq(t.id, id), eq(t.userId, actor.id)))
      .returning({ id: t.id, endpoint: t.endpoint });
    if (!row) throw NotFound();
    await audit(tx, 'push_subscription.deleted', 'push_subscription', row.id, { host: hostOf(row.endpoint) });
  });
}

/**
 * Forgets an endpoint the push service called gone (404/410), whoever's it is now: the system's
 * sender calls it across workspaces with the endpoint it sent to. Answers whether a row went.
 */
export async function deleteGoneSubscription(deps: Pick<AppDeps, 'database'>, endpoint: string): Promise<boolean> {
  const rows = await deps.database.db.delete(t).where(eq(t.endpoint, endpoint)).returning({ id: t.id });
  return rows.length > 0;
}

/** Notes a delivered push (the profile page shows when each browser last got one). */
export async function recordPushSuccess(deps: Pick<AppDeps, 'database' | 'clock'>, endpoint: string): Promise<void> {
  await deps.database.db.update(t).set({ lastSuccessAt: deps.clock.now() }).where(eq(t.endpoint, endpoint));
}
