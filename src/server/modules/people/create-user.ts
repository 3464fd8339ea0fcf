import { users } from '../../../db/schema';
import type { TCreateUser, TUser } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { hashPassword } from '../../platform/crypto';
import { audit } from '../audit';
import { assertWithinLimit } from '../cloud';
import { defaultAccessLevelId } from './default-levels';
import { assertCanAssignLevel, assertCanManageRole } from './manage-rules';
import { checkUnique, checkUserRefs, replaceDepartments, replaceGroups, userWithLinks } from './users.repo';

export async function createUser({ ctx, input }: { ctx: Ctx; input: TCreateUser }): Promise<TUser> {
  assertCanManageRole(ctx, input.role);
  await checkUserRefs(ctx, input, input.role);
  await checkUnique(ctx, input);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.deps.clock.now();
  // An agent created without naming a level gets the workspace's default one (null names none).
  const accessLevelId =
    input.role !== 'agent'
      ? null
      : input.accessLevelId === undefined
        ? await defaultAccessLevelId(ctx)
        : input.accessLevelId;
  // Nobody makes an agent with rights they do not hold themselves.
  if (input.role === 'agent') await assertCanAssignLevel(ctx, accessLevelId);
  return withTx(ctx, async (tx) => {
    // Cloud mode: an active person counts against the plan (admins and agents alike, or customers).
    if (input.active) await assertWithinLimit(tx, input.role === 'customer' ? 'customers' : 'agents');
    const [row] = await tx.db
      .insert(users)
      .values({
        workspaceId: tx.workspaceId,
        role: input.role,
        username: input.username,
        email: input.email ?? null,
        alternateEmails: input.alternateEmails.filter((e) => e !== input.email),
        mobile: input.mobile ?? null,
        name: input.name,
        passwordHash,
        ticketAccess: input.ticketAccess,
        active: input.active,
        accessLevelId,
        orgUnitId: input.orgUnitId ?? null,
        signature: input.signature,
        locale: input.locale,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.role !== 'customer') await replaceDepartments(tx, row.id, input.departmentIds);
    await replaceGroups(tx, row.id, input.groupIds);
    await audit(tx, 'user.created', 'user', row.id, { role: input.role, username: input.username });
    return userWithLinks(tx, row);
  });
}
