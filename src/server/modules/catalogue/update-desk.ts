import { and, eq, ne } from 'drizzle-orm';
import { desks } from '../../../db/schema';
import type { TDesk, TUpdateDesk } from '../../../contracts/catalogue';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { checkDeskDepartment, deskHasRequests, findDesk, toDesk } from './catalogue.repo';

/**
 * Changes a desk. Its key may change only while it has no requests: keys already given out
 * (SETIRAN-30 in mails and SMS) must keep finding their requests.
 */
export async function updateDesk({ ctx, id, input }: { ctx: Ctx; id: number; input: TUpdateDesk }): Promise<TDesk> {
  requirePermission(ctx, 'catalog.manage');
  return withTx(ctx, async (tx) => {
    const before = await findDesk(tx, id);
    if (input.departmentId) await checkDeskDepartment(tx, input.departmentId);
    if (input.key && input.key !== before.key) {
      if (await deskHasRequests(tx, id)) throw InvalidField('key', 'validation.desk_key_in_use');
      const [taken] = await tx.db
        .select({ id: desks.id })
        .from(desks)
        .where(inWorkspace(desks, tx, and(eq(desks.key, input.key), ne(desks.id, id))));
      if (taken) throw InvalidField('key', 'validation.desk_key_taken');
    }
    const [row] = await tx.db
      .update(desks)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(desks, tx, eq(desks.id, id)))
      .returning();
    await audit(tx, 'desk.updated', 'desk', id, { fields: Object.keys(input) });
    return toDesk(row);
  });
}
