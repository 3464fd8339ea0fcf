import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ticketTypes } from '../../../db/schema';
import type { ZCreateTicketType, ZTicketType, ZUpdateTicketType } from '../../../contracts/organisation';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { isStaff, requireActor, requirePermission } from '../../platform/http/access';
import { iso } from '../../platform/pagination';
import { audit } from '../audit';

type Row = typeof ticketTypes.$inferSelect;
const toType = (r: Row): z.infer<typeof ZTicketType> => ({
  id: String(r.id),
  name: r.name,
  description: r.description,
  active: r.active,
  position: r.position,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

/** C2: a short list (it is a catalogue, not data), ordered by position; customers see active ones. */
export async function listTicketTypes({ ctx }: { ctx: Ctx }) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(ticketTypes)
    .where(inWorkspace(ticketTypes, ctx, isStaff(actor) ? undefined : eq(ticketTypes.active, true)))
    .orderBy(asc(ticketTypes.position), asc(ticketTypes.name))
    .limit(500);
  return { items: rows.map(toType), total: rows.length, page: 1, pageSize: 500 };
}

async function assertFree(ctx: Ctx, name: string, exceptId?: number) {
  const [hit] = await ctx.db
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(
      inWorkspace(
        ticketTypes,
        ctx,
        sql`lower(${ticketTypes.name}) = ${name.toLowerCase()}`,
        exceptId ? sql`${ticketTypes.id} <> ${exceptId}` : undefined,
      ),
    );
  if (hit) throw InvalidField('name', 'validation.name_taken');
}

export async function createTicketType({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateTicketType> }) {
  requirePermission(ctx, 'catalog.manage');
  await assertFree(ctx, input.name);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(ticketTypes)
      .values({ workspaceId: tx.workspaceId, ...input, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, 'ticket_type.created', 'ticket_type', row.id, { name: row.name });
    return toType(row);
  });
}

export async function updateTicketType({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZUpdateTicketType>;
}) {
  requirePermission(ctx, 'catalog.manage');
  if (input.name) await assertFree(ctx, input.name, id);
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(ticketTypes)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(ticketTypes, tx, eq(ticketTypes.id, id)))
      .returning();
    if (!row) throw NotFound();
    await audit(tx, 'ticket_type.updated', 'ticket_type', id, input);
    return toType(row);
  });
}

export async function deleteTicketType({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'catalog.manage');
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(ticketTypes)
      .where(inWorkspace(ticketTypes, tx, eq(ticketTypes.id, id)))
      .returning();
    if (!row) throw NotFound();
    await audit(tx, 'ticket_type.deleted', 'ticket_type', id, { name: row.name });
  });
}
