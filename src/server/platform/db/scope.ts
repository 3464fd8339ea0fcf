import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context';

/**
 * The workspace condition every repository query starts from. Repositories never take a
 * workspace id from input: it always comes from the actor's context.
 */
export function inWorkspace(
  table: { workspaceId: PgColumn },
  ctx: Pick<Ctx, 'workspaceId'>,
  ...more: (SQL | undefined)[]
): SQL {
  return and(eq(table.workspaceId, ctx.workspaceId), ...more)!;
}
