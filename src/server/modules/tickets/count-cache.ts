/**
 * The total of a ticket list (and the dashboard's counters) is the costly half of a page (the rows come from an index in a
 * fraction of a millisecond). A count is reused for COUNT_TTL_MS; any ticket change announced
 * in this process drops its workspace's counts, so only another process's changes can make a
 * total lag, and for at most that long. The rows of a page are always read fresh.
 */
const COUNT_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

type Entry = { value: unknown; at: number };
const caches = new WeakMap<object, Map<number, Map<string, Entry>>>();

function of(owner: object, workspaceId: number) {
  let byWs = caches.get(owner);
  if (!byWs) caches.set(owner, (byWs = new Map()));
  let m = byWs.get(workspaceId);
  if (!m) byWs.set(workspaceId, (m = new Map()));
  return m;
}

/** The count kept for `key`, while it is fresh. */
export function freshCount<T>(owner: object, workspaceId: number, key: string, now: number): T | undefined {
  const hit = of(owner, workspaceId).get(key);
  return hit && now - hit.at <= COUNT_TTL_MS ? (hit.value as T) : undefined;
}

/** Keeps a count just made (by `count` below, or read along with a page: list-tickets.ts). */
export function rememberCount(owner: object, workspaceId: number, key: string, now: number, value: unknown) {
  const m = of(owner, workspaceId);
  if (m.size >= MAX_ENTRIES) m.clear();
  m.set(key, { value, at: now });
}

export async function cachedCount<T>(
  owner: object,
  workspaceId: number,
  key: string,
  now: number,
  count: () => Promise<T>,
): Promise<T> {
  const hit = freshCount<T>(owner, workspaceId, key, now);
  if (hit !== undefined) return hit;
  const value = await count();
  rememberCount(owner, workspaceId, key, now, value);
  return value;
}

export function forgetCounts(owner: object, workspaceId: number) {
  caches.get(owner)?.delete(workspaceId);
}
