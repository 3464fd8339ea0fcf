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

export async function cachedCount<T>(
  owner: object,
  workspaceId: number,
  key: string,
  now: number,
  count: () => Promise<T>,
): Promise<T> {
  const m = of(owner, workspaceId);
  const hit = m.get(key);
  if (hit && now - hit.at <= COUNT_TTL_MS) return hit.value as T;
  const value = await count();
  if (m.size >= MAX_ENTRIES) m.clear();
  m.set(key, { value, at: now });
  return value;
}

export function forgetCounts(owner: object, workspaceId: number) {
  caches.get(owner)?.delete(workspaceId);
}
