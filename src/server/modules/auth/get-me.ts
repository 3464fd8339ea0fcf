import { eq, sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import type { z } from 'zod';
import type { ZMe } from '../../../contracts/auth';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { requireActor } from '../../platform/http/access';
import { NotFound } from '../../platform/errors';
import { findUser, userWithLinks } from '../people';
import { meTwoFactor } from './two-factor';

/** The signed-in person, its workspace and permissions, and the CSRF token for cookie calls. */
export async function getMe({ ctx, csrfToken }: { ctx: Ctx; csrfToken: string | null }): Promise<z.infer<typeof ZMe>> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  const [ws] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  return {
    user: await userWithLinks(ctx, row),
    workspace: { id: String(ws.id), slug: ws.slug, name: ws.name },
    permissions: [...actor.permissions].sort(),
    csrfToken,
    twoFactor: await meTwoFactor(ctx, row),
  };
}

/** The CSRF token of the session the request came with. */
export async function sessionCsrf(ctx: Ctx): Promise<string | null> {
  if (!ctx.actor?.sessionId) return null;
  const rows = await queryRows<{ csrf_token: string }>(
    ctx.db,
    sql`select csrf_token from sessions where id = ${ctx.actor.sessionId}`,
  );
  return rows[0]?.csrf_token ?? null;
}
