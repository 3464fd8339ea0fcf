import { rateLimitedWith } from './rate-limit';

/**
 * A per-process limit for public reads (help-centre search, suggestions as a subject is typed):
 * a fixed one-minute window per address, in memory — counting each read in the database, as the
 * write doors do, would cost more than the read. Several processes each allow the limit.
 */
export function createReadLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  let sweptAt = 0;
  return (address: string, messageKey = 'errors.rate_limited') => {
    const t = now();
    const start = t - (t % 60_000);
    if (start !== sweptAt) {
      // A new minute: the old windows are over.
      for (const [k, w] of windows) if (w.start < start) windows.delete(k);
      sweptAt = start;
    }
    const w = windows.get(address);
    if (!w || w.start !== start) windows.set(address, { start, count: 1 });
    else if (++w.count > perMinute)
      throw rateLimitedWith(messageKey, Math.max(1, Math.ceil((start + 60_000 - t) / 1000)));
  };
}
