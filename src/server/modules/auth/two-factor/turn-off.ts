import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';

/** Clears everything two-factor of one account (inside the caller's transaction). */
export async function turnOff(tx: Ctx, userId: number): Promise<boolean> {
  const rows = await tx.db
    .update(users)
    .set({
      totpSecretSealed: null,
      totpPendingSealed: null,
      totpEnabledAt: null,
      totpLastStep: null,
      recoveryCodeHashes: [],
      updatedAt: tx.deps.clock.now(),
    })
    .where(inWorkspace(users, tx, eq(users.id, userId)))
    .returning({ id: users.id });
  return rows.length > 0;
}
