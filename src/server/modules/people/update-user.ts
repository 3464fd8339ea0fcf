import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TUpdateUser, TUser } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { hashPassword } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { assertWithinLimit } from '../cloud';
import { defaultAccessLevelId } from './default-levels';
import { assertCanAssignLevel, assertCanManageRole, assertCanManageUser } from './manage-rules';
import {
  assertNotLastAdmin,
  checkUnique,
  checkUserRefs,
  findUser,
  replaceDepartments,
  replaceGroups,
  userWithLinks,
} from './users.repo';
import { forgetActors } from '../../platform/auth/actor-cache';
import { endSessionsAndTokens } from './revoke-access';
import { awayColumns } from './away';

export async function updateUser({ ctx, input, id }: { ctx: Ctx; input: TUpdateUser; id: number }): Promise<TUser> {
  const current = await findUser(ctx, id);
  if (!current) throw NotFound();
  await assertCanManageUser(ctx, current);
  const role = input.role ?? current.role;
  if (role !== current.role) assertCanManageRole(ctx, role);
  if (ctx.actor!.id === id && input.role && input.role !== current.role)
    throw InvalidField('role', 'validation.cannot_change_own_role');
  if (ctx.actor!.id === id && input.active === false) throw InvalidField('active', 'validation.cannot_disable_self');
  if (input.password && current.directoryId) throw InvalidField('password', 'validation.directory_password');
  await checkUserRefs(ctx, input, role);
  await checkUnique(ctx, input, id);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  // Issue 20: an admin may switch "away" on or off for someone (staff only).
  const awaySet = await awayColumns(ctx, { ...current, role }, input);
  // Someone who becomes an agent without a level named gets the workspace's default one.
  const accessLevelId =
    role === 'agent' && current.role !== 'agent' && input.accessLevelId === undefined
      ? await defaultAccessLevelId(ctx)
      : input.accessLevelId;
  // A level given (or changed) must hold nothing beyond what the actor holds.
  if (role === 'agent' && accessLevelId !== undefined) await assertCanAssignLevel(ctx, accessLevelId);

  const out = await withTx(ctx, async (tx) => {
    const losingAdmin = current.role === 'admin' && (role !== 'admin' || input.active === false);
    if (losingAdmin) await assertNotLastAdmin(tx, id, role !== 'admin' ? 'role' : 'active');
    // Cloud mode: reactivating someone, or making a customer staff (or staff a customer), takes a
    // place under the plan's limit of what they become.
    const counted = (r: string, active: boolean) => (!active ? null : r === 'customer' ? 'customers' : 'agents');
    const after = counted(role, input.active ?? current.active);
    if (after && after !== counted(current.role, current.active)) await assertWithinLimit(tx, after);
    const [row] = await tx.db
      .update(users)
      .set({
        role,
        username: input.username,
        email: input.email === undefined ? undefined : input.email,
        alternateEmails: input.alternateEmails?.filter((e) => e !== (input.email ?? current.email)),
        mobile: input.mobile === undefined ? undefined : input.mobile,
        name: input.name,
        passwordHash,
        ticketAccess: input.ticketAccess,
        active: input.active,
        accessLevelId: role === 'agent' ? accessLevelId : null,
        orgUnitId: input.orgUnitId,
        signature: input.signature,
        locale: input.locale,
        ...awaySet,
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(users, tx, eq(users.id, id)))
      .returning();
    if (role === 'customer') await replaceDepartments(tx, id, []);
    else if (input.departmentIds) await replaceDepartments(tx, id, input.departmentIds);
    if (input.groupIds) await replaceGroups(tx, id, input.groupIds);
    // A changed password, a deactivation or a role change ends the account's sessions and tokens.
    if (passwordHash || input.active === false || role !== current.role) await endSessionsAndTokens(tx, id);
    const changed = Object.keys(input).filter((k) => k !== 'password');
    await audit(tx, 'user.updated', 'user', id, { fields: changed, passwordChanged: !!passwordHash });
    return userWithLinks(tx, row);
  });
  forgetActors(ctx.deps, id);
  return out;
}
