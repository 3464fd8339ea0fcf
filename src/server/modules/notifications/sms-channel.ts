import { sql } from 'drizzle-orm';
import { withTx, type Ctx } from '../../platform/context';
import { chargeSms, refundSms } from '../billing';
import { MAX_ATTEMPTS, type DeliveryRow, type Outcome } from './delivery-types';
import { smsClientFor } from './sms-client';
import { smsParts } from './sms/parts';
import { sendingAccount } from './sms-settings';

/**
 * One SMS (G3, I2): paid from the credit before it goes (parts × price; with charging on and
 * the balance short it is skipped `no_credit`), sent through the workspace's gateway or the
 * platform's, refunded when the vendor refuses it or it is given up. Paid once: a retry finds
 * the price recorded and does not charge again.
 */
export async function sendSmsDelivery(ctx: Ctx, row: DeliveryRow, opts: { code?: boolean } = {}): Promise<Outcome> {
  const p = row.payload;
  if (p.kind !== 'sms') return { status: 'failed', reason: 'unreadable' };
  const { parts } = smsParts(p.text);
  if (row.price === null) {
    const paid = await withTx(ctx, async (tx) => {
      const c = await chargeSms(tx, {
        deliveryId: row.id,
        parts,
        reference: row.ticketNumber ? `#${row.ticketNumber}` : null,
        code: opts.code,
      });
      if (c.reason !== 'no_credit')
        await tx.db.execute(sql`update deliveries set parts = ${parts}, price = ${c.price} where id = ${row.id}`);
      return c;
    });
    if (paid.reason === 'no_credit') {
      await ctx.db.execute(sql`update deliveries set parts = ${parts}, price = ${paid.price} where id = ${row.id}`);
      return { status: 'skipped', reason: 'no_credit' };
    }
  }
  const account = await sendingAccount(ctx);
  const client = smsClientFor(ctx, account);
  const r = await client.send(row.to, p.text);
  if (r.ok) return { status: 'sent', provider: account.provider, providerRef: r.providerRef };
  if (r.retryable && row.attempts < MAX_ATTEMPTS) return { status: 'retry', reason: r.code };
  await refundSms(ctx, { deliveryId: row.id });
  return { status: 'failed', reason: r.code };
}
