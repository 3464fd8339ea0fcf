import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../../db/schema';
import type { TUpdateMe, ZChangePassword, ZMeUpdated } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { hashPassword, verifyPassword } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { issueContactCode, pendingContacts } from './contact-change';
import { endSessionsAndTokens } from './revoke-access';
import { checkUnique, findUser, userWithLinks, type UserRow } from './users.repo';
import { forgetActors } from '../../platform/auth/actor-cache';
import { awayColumns } from './away';

/**
 * Proves the person knows its password before a change that could take the account over.
 * An account without a password (signed up by SMS code) has nothing to prove with.
 */
async function checkCurrentPassword(ctx: Ctx, row: UserRow, given: string | undefined) {
  if (!row.passwordHash) return;
  if (!given) throw InvalidField('currentPassword', 'validation.current_password_required');
  await hitRateLimit(ctx, `password:user:${row.id}`, 10, 600);
  if (!(await verifyPassword(given, row.passwordHash)))
    throw InvalidField('currentPassword', 'validation.current_password');
}

/**
 * "My settings" (A9): name, signature and language change at once. A new e-mail or mobile needs
 * the current password and is only stored as pending, with a code sent to it
 * (`POST /me/verify-contact` applies it); clearing one needs the password too. A new password
 * needs the current one and ends the other sessions and every API token of the account.
 */
export async function updateMe({ ctx, input }: { ctx: Ctx; input: TUpdateMe }): Promise<z.infer<typeof ZMeUpdated>> {
  const actor = requireActor(ctx);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  const {
    currentPassword,
    newPassword: np,
    password: pw,
    email,
    mobile,
    away,
    awayUntil,
    substituteId,
    ...plain
  } = input;
  const newPassword = np ?? pw;
  // A5: a directory account's password is the directory's; a local one would never be used.
  if (newPassword && row.directoryId)
    throw InvalidField(np ? 'newPassword' : 'password', 'validation.directory_password');
  const emailChanged = email !== undefined && email !== row.email;
  const mobileChanged = mobile !== undefined && mobile !== row.mobile;
  if (emailChanged || mobileChanged || newPassword) await checkCurrentPassword(ctx, row, currentPassword);
  await checkUnique(ctx, { email: emailChanged ? email : null, mobile: mobileChanged ? mobile : null }, actor.id);
  // Sending codes is rate-limited per person: each one is a mail or an SMS.
  if ((emailChanged && email) || (mobileChanged && mobile))
    await hitRateLimit(ctx, `contact:user:${actor.id}`, 5, 3600);
  // Issue 20: the "away" switch, its end and the substitute (staff only; checked before writing).
  const awaySet = await awayColumns(ctx, row, { away, awayUntil, substituteId });
  const passwordHash = newPassword ? await hashPassword(newPassword) : undefined;

  const out = await withTx(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({
        ...plain,
        ...awaySet,
        // Removing an address needs no proof of a new one; a new one waits for its code.
        email: emailChanged && email === null ? null : undefined,
        mobile: mobileChanged && mobile === null ? null : undefined,
        passwordHash,
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(users, tx, eq(users.id, actor.id)))
      .returning();
    if (!updated) throw NotFound();
    if (emailChanged && email) await issueContactCode(tx, actor.id, 'email', email);
    if (mobileChanged && mobile) await issueContactCode(tx, actor.id, 'mobile', mobile);
    if (passwordHash) {
      await endSessionsAndTokens(tx, actor.id, actor.sessionId);
      await audit(tx, 'user.password_changed', 'user', actor.id);
    }
    const fields = Object.keys(input).filter((k) => !['currentPassword', 'newPassword', 'password'].includes(k));
    if (fields.length) await audit(tx, 'user.profile_updated', 'user', actor.id, { fields });
    return { ...(await userWithLinks(tx, updated)), pendingContacts: await pendingContacts(tx, actor.id) };
  });
  forgetActors(ctx.deps, actor.id);
  return out;
}

/**
 * Changes one's own password after checking the current one; the other sessions end and the
 * account's API tokens are revoked (the session making the change stays).
 */
export async function changePassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZChangePassword>;
}): Promise<void> {
  const actor = requireActor(ctx);
  await hitRateLimit(ctx, `password:user:${actor.id}`, 10, 600);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (row.directoryId) throw InvalidField('newPassword', 'validation.directory_password');
  if (!(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw InvalidField('currentPassword', 'validation.current_password');
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, actor.id)));
    await endSessionsAndTokens(tx, actor.id, actor.sessionId);
    await audit(tx, 'user.password_changed', 'user', actor.id);
  });
  forgetActors(ctx.deps, actor.id);
}
