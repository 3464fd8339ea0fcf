import { eq, sql } from 'drizzle-orm';
import { signups } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

/** The `signups` table is the platform's (no workspace yet): queries go by mobile or id. */
export type SignupRow = typeof signups.$inferSelect;

/** The open sign-up of a mobile, locked for the verifying transaction (parallel guesses queue). */
export async function lockSignup(tx: Ctx, mobile: string): Promise<SignupRow | null> {
  const [row] = await tx.db.select().from(signups).where(eq(signups.mobile, mobile)).for('update');
  return row ?? null;
}

export async function deleteSignup(tx: Ctx, id: number) {
  await tx.db.delete(signups).where(eq(signups.id, id));
}

export async function countWrongGuess(tx: Ctx, id: number) {
  await tx.db
    .update(signups)
    .set({ attempts: sql`${signups.attempts} + 1` })
    .where(eq(signups.id, id));
}
