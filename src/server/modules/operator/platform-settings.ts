import type { TPlatformSettings } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { getPlatformSettings as readSettings, updatePlatformSettings as writeSettings } from '../cloud';
import type { OperatorIdentity } from './operator-auth';

/** `GET /operator/settings`: the platform's settings (SMS price, grace and reminder days, the expired message). */
export async function getPlatformSettings({ ctx }: { ctx: Ctx }): Promise<TPlatformSettings> {
  return readSettings(ctx.db);
}

/**
 * `PATCH /operator/settings`: only the fields sent change. Platform-wide, so logged (with the
 * operator's name and the fields) rather than written to a workspace's audit log.
 */
export async function updatePlatformSettings({
  ctx,
  operator,
  input,
}: {
  ctx: Ctx;
  operator: OperatorIdentity;
  input: Partial<TPlatformSettings>;
}): Promise<TPlatformSettings> {
  const next = await writeSettings(ctx.db, input, ctx.deps.clock.now());
  ctx.deps.log.info(
    { reqId: ctx.requestId, operator: operator.username, changed: Object.keys(input), settings: next },
    'operator changed the platform settings',
  );
  return next;
}
