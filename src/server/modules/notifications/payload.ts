import type { AppDeps } from '../../platform/context';
import { createSealer } from '../../platform/crypto';
import type { DeliveryPayload } from './delivery-types';

/**
 * A delivery's message is kept sealed until it is sent (an SMS may carry a sign-in code; mails
 * and pushes are sealed alike, so the table never holds a readable message) and cleared after.
 */
const sealers = new WeakMap<object, ReturnType<typeof createSealer>>();

function sealer(deps: Pick<AppDeps, 'config'>) {
  let s = sealers.get(deps.config);
  if (!s) sealers.set(deps.config, (s = createSealer(deps.config.secretKey, 'delivery-payload')));
  return s;
}

export const sealPayload = (deps: Pick<AppDeps, 'config'>, p: DeliveryPayload) => sealer(deps).seal(JSON.stringify(p));

export function openPayload(deps: Pick<AppDeps, 'config'>, sealed: string | null): DeliveryPayload | null {
  if (!sealed) return null;
  try {
    return JSON.parse(sealer(deps).open(sealed)) as DeliveryPayload;
  } catch {
    return null;
  }
}
