import { and, eq, sql } from 'drizzle-orm';
import { creditAccounts } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { getPlatformSettings } from '../cloud';
import { addEntry, readAccount } from './credit.repo';
import { afterCharge } from './low-balance';

export interface ChargeSmsInput {
  /** The `deliveries` row the SMS is recorded in (a refund names it again). */
  deliveryId: number;
  /** SMS parts of the message (1 or more); the price is parts × pricePerSms. */
  parts: number;
  /** Shown in the ledger (e.g. the event that sent it). */
  reference?: string | null;
  /** A one-time sign-in code, the admin's link or a plan reminder: free when the account says codes are exempt, always in cloud mode. */
  code?: boolean;
}

export interface ChargeSmsResult {
  /** Whether the credit was debited. */
  charged: boolean;
  /** parts × pricePerSms, also when nothing was debited (charging off), for the delivery record. */
  price: number;
  /** Only with charging on: the balance did not cover the price; nothing was written. */
  reason?: 'no_credit';
  /** The balance after the call. */
  balance: number;
}

/**
 * Pays for one SMS from the workspace's credit (I2), in the caller's transaction if any.
 *
 * With charging on, ONE conditional statement debits the account only while the balance covers
 * the price (`balance >= price`, under the row's lock, so parallel charges can never overdraw
 * it — and the CHECK constraint would refuse it anyway), then the ledger row goes in; when the
 * balance falls short nothing is written and the answer is `no_credit`. With charging off
 * (self-hosted default) nothing is debited and the SMS is never refused: the price is answered
 * so the caller can record it.
 */
export async function chargeSms(ctx: Ctx, input: ChargeSmsInput): Promise<ChargeSmsResult> {
  const { parts, deliveryId } = input;
  if (!Number.isSafeInteger(parts) || parts < 1) throw new Error(`chargeSms: parts must be a whole number ≥ 1`);
  return withTx(ctx, async (tx) => {
    // Cloud mode: the platform's own messages (codes, the admin's link, plan reminders) are the
    // operator's cost, and every other SMS is paid — the workspace cannot switch charging off.
    const cloud = tx.deps.config.cloud.enabled;
    if (input.code) {
      const account = await readAccount(tx);
      if (cloud || account.codesExempt) return { charged: false, price: 0, balance: account.balance };
    }
    // Cloud mode: every workspace pays the operator's price (platform_settings.smsPrice), not its account's.
    const unit = tx.deps.config.cloud.enabled ? (await getPlatformSettings(tx.db)).smsPrice : null;
    const price = unit === null ? sql`${creditAccounts.pricePerSms} * ${parts}` : sql`${unit * parts}::bigint`;
    const [debited] = await tx.db
      .update(creditAccounts)
      .set({ balance: sql`${creditAccounts.balance} - ${price}`, updatedAt: tx.deps.clock.now() })
      .where(
        and(
          eq(creditAccounts.workspaceId, tx.workspaceId),
          cloud ? sql`true` : eq(creditAccounts.charging, true),
          sql`${creditAccounts.balance} >= ${price}`,
        ),
      )
      .returning();
    if (!debited) {
      // Charging off, or the balance does not cover it (or no account yet: made here, charging off).
      const account = await readAccount(tx);
      const result = { charged: false, price: (unit ?? account.pricePerSms) * parts, balance: account.balance };
      return account.charging || cloud ? { ...result, reason: 'no_credit' as const } : result;
    }
    const charged = (unit ?? debited.pricePerSms) * parts;
    await addEntry(tx, {
      kind: 'sms',
      amount: -charged,
      balanceAfter: debited.balance,
      reference: input.reference ?? null,
      deliveryId,
    });
    await afterCharge(tx, debited);
    return { charged: true, price: charged, balance: debited.balance };
  });
}
