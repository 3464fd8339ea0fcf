import { cannedResponses } from '../../../db/schema';
import type { TCannedResponse, TCreateCannedResponse } from '../../../contracts/canned-responses';
import { withTx, type Ctx } from '../../platform/context';
import { audit } from '../audit';
import {
  assertMayWrite,
  assertShortcutFree,
  checkDepartments,
  cleanBody,
  requireStaff,
  searchNormOf,
  shortcutOf,
  shortcutRace,
  toCanned,
} from './canned.repo';

/** K6: a shared response (admins, canned.manage) or one of the caller's own. */
export async function createCannedResponse({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateCannedResponse;
}): Promise<TCannedResponse> {
  const actor = requireStaff(ctx);
  assertMayWrite(actor, input.shared, actor.id);
  const body = cleanBody(input.body);
  const shortcut = shortcutOf(input.shortcut);
  const write = withTx(ctx, async (tx) => {
    const departmentIds = await checkDepartments(tx, input.departmentIds);
    await assertShortcutFree(tx, shortcut, { shared: input.shared, ownerId: actor.id });
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(cannedResponses)
      .values({
        workspaceId: tx.workspaceId,
        title: input.title,
        body,
        shortcut,
        departmentIds,
        shared: input.shared,
        ownerId: actor.id,
        searchNorm: searchNormOf(input.title, shortcut, body),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'canned_response.created', 'canned_response', row.id, { title: row.title, shared: row.shared });
    return toCanned(row, actor);
  });
  return write.catch((err: unknown) => {
    throw shortcutRace(err);
  });
}
