import type { AppDeps } from '../../platform/context';
import { AppError } from '../../platform/errors';

/** Seconds a refused export is told to wait. */
const RETRY_AFTER_S = 10;
const running = new WeakMap<AppDeps['database'], { n: number }>();

/** Exports one process runs at once: a quarter of its connections (at least one). */
export const exportsAtOnce = (deps: AppDeps) => Math.max(1, Math.floor(deps.config.dbPoolSize / 4));

/**
 * Takes one of the process's export places, or refuses with 429 (Retry-After): an export reads
 * its rows through one connection of the pool for as long as the download lasts (a year at 1M
 * tickets ~20 s, a slow client longer), so without a bound a handful of managers downloading at
 * once would leave every other request waiting for a connection. Answers the release (once).
 */
export function takeExportSlot(deps: AppDeps): () => void {
  let r = running.get(deps.database);
  if (!r) running.set(deps.database, (r = { n: 0 }));
  if (r.n >= exportsAtOnce(deps))
    throw new AppError('rate_limited', { key: 'errors.exports_busy' }, undefined, undefined, RETRY_AFTER_S);
  r.n++;
  const slots = r;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    slots.n--;
  };
}
