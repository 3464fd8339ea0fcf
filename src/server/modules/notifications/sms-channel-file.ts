import { join } from 'node:path';
import type { Ctx } from '../../platform/context';

/** The outbox file of the `log` gateway (development), never the application log. */
export const smsLogFile = (ctx: Pick<Ctx, 'deps'>) =>
  join(ctx.deps.config.dataDir.startsWith('memory://') ? '.' : ctx.deps.config.dataDir, 'outbox', 'sms.log');
