import { eq } from 'drizzle-orm';
import { cannedResponses } from '../../../db/schema';
import type { TCannedResponse, TUpdateCannedResponse } from '../../../contracts/canned-responses';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { audit } from '../audit';
import {
  assertMayWrite,
  assertShortcutFree,
  checkDepartments,
  cleanBody,
  findUsable,
  requireStaff,
  searchNormOf,
  shortcutOf,
  shortcutRace,
  toCanned,
} from './canned.repo';

/**
 * K6: only the fields sent change. A response the caller cannot use is 404; a shared one without
 * canned.manage is 403. Turning a shared response personal makes it the caller's own.
 */
export async function updateCannedResponse({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateCannedResponse;
}): Promise<TCannedResponse> {
  const actor = requireStaff(ctx);
  const body = input.body === undefined ? undefined : cleanBody(input.body);
  const write = withTx(ctx, async (tx) => {
    const cur = await findUsable(tx, id, { forUpdate: true });
    assertMayWrite(actor, cur.shared, cur.ownerId);
    const shared = input.shared ?? cur.shared;
    const ownerId = shared === cur.shared ? cur.ownerId : actor.id;
    assertMayWrite(actor, shared, ownerId);
    const shortcut = input.shortcut === undefined ? cur.shortcut : shortcutOf(input.shortcut);
    const departmentIds =
      input.departmentIds === undefined ? cur.departmentIds : await checkDepartments(tx, input.departmentIds);
    if (shortcut !== cur.shortcut || shared !== cur.shared || ownerId !== cur.ownerId)
      await assertShortcutFree(tx, shortcut, { shared, ownerId }, id);
    const title = input.title ?? cur.title;
    const html = body ?? cur.body;
    const [row] = await tx.db
      .update(cannedResponses)
      .set({
        title,
        body: html,
        shortcut,
        departmentIds,
        shared,
        ownerId,
        searchNorm: searchNormOf(title, shortcut, html),
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(cannedResponses, tx, eq(cannedResponses.id, id)))
      .returning();
    await audit(tx, 'canned_response.updated', 'canned_response', id, {
      fields: Object.keys(input).filter((k) => input[k as keyof TUpdateCannedResponse] !== undefined),
    });
    return toCanned(row, actor);
  });
  return write.catch((err: unknown) => {
    throw shortcutRace(err);
  });
}
