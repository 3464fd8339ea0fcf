import { desks } from '../../../db/schema';
import type { TCreateDesk, TDesk } from '../../../contracts/catalogue';
import { withTx, type Ctx } from '../../platform/context';
import { InvalidField } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { checkDeskDepartment, toDesk } from './catalogue.repo';

/** E1: a service desk; its key is unique in the workspace and prefixes its requests' keys. */
export async function createDesk({ ctx, input }: { ctx: Ctx; input: TCreateDesk }): Promise<TDesk> {
  requirePermission(ctx, 'catalog.manage');
  return withTx(ctx, async (tx) => {
    await checkDeskDepartment(tx, input.departmentId);
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(desks)
      .values({ ...input, workspaceId: tx.workspaceId, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw InvalidField('key', 'validation.desk_key_taken');
    await audit(tx, 'desk.created', 'desk', row.id, { key: row.key, name: row.name });
    return toDesk(row);
  });
}
