import { sql } from 'drizzle-orm';
import { deliveries } from '../../../db/schema';
import type { TSmsTestResult } from '../../../contracts/sms';
import { withTx, type Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { t } from '../../platform/i18n';
import { chargeSms, refundSms } from '../billing';
import { getSettings } from '../settings';
import { smsClientFor } from './sms-client';
import { smsParts } from './sms/parts';
import { sendingAccount } from './sms-settings';

/**
 * POST /sms-gateway/test `{ mobile }` (admin): one message through the workspace's gateway, now,
 * answering what the vendor said — recorded in the deliveries log and paid like any SMS (I2).
 */
export async function testSms({ ctx, input }: { ctx: Ctx; input: { mobile: string } }): Promise<TSmsTestResult> {
  const actor = requirePermission(ctx, 'settings.manage');
  const ws = await getSettings(ctx);
  const text = t(ctx.locale, 'notify.sms.test', { workspace: ws.title });
  const { parts } = smsParts(text);
  const now = ctx.deps.clock.now();
  const made = await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(deliveries)
      .values({
        workspaceId: tx.workspaceId,
        channel: 'sms',
        userId: actor.id,
        to: input.mobile,
        event: 'test',
        status: 'queued',
        attempts: 1,
        parts,
        createdAt: now,
      })
      .returning({ id: deliveries.id });
    const paid = await chargeSms(tx, { deliveryId: Number(row.id), parts, reference: 'test' });
    await tx.db.execute(sql`update deliveries set price = ${paid.price} where id = ${row.id}`);
    return { id: Number(row.id), paid };
  });
  const finish = async (
    status: 'sent' | 'failed' | 'skipped',
    reason: string | null,
    extra: { provider?: string; ref?: string | null } = {},
  ) =>
    ctx.db
      .execute(sql`update deliveries set status = ${status}, reason = ${reason}, provider = ${extra.provider ?? null},
      provider_ref = ${extra.ref ?? null}, sent_at = ${status === 'sent' ? ctx.deps.clock.now() : null}, updated_at = ${ctx.deps.clock.now()}
      where id = ${made.id}`);
  const base = { deliveryId: String(made.id), parts, price: made.paid.price };
  if (made.paid.reason === 'no_credit') {
    await finish('skipped', 'no_credit');
    return { ...base, ok: false, status: 'skipped', code: 'no_credit', message: t(ctx.locale, 'errors.no_credit') };
  }
  const account = await sendingAccount(ctx);
  const r = await smsClientFor(ctx, account, { retries: 0 }).send(input.mobile, text);
  if (r.ok) {
    await finish('sent', null, { provider: account.provider, ref: r.providerRef });
    return {
      ...base,
      ok: true,
      status: 'sent',
      code: null,
      message: t(ctx.locale, 'notify.sms.test_sent', { provider: account.provider }),
    };
  }
  await refundSms(ctx, { deliveryId: made.id });
  await finish('failed', r.code, { provider: account.provider });
  return {
    ...base,
    ok: false,
    status: 'failed',
    code: r.code,
    message: r.message || t(ctx.locale, `notify.sms_error.${r.code}`),
  };
}
