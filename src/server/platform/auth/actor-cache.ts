import type { Resolved } from './resolve-actor';

/** How long a resolved session or token is reused without asking the database again. */
export const ACTOR_TTL_MS = 2_000;
const MAX_ENTRIES = 20_000;

/**
 * Every API request needs its actor (user, permissions, departments). Resolving it is a
 * database round trip; for a couple of seconds the answer is reused. Changes made in this
 * process evict at once (logout, password, role, access level, departments); another process
 * may go on honouring a revoked session for at most ACTOR_TTL_MS.
 */
export class ActorCache {
  private entries = new Map<string, { value: Resolved; at: number }>();

  get(key: string, now: number): Resolved | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Never past the session's or token's own end, even inside the reuse window.
    const ends = hit.value.expiresAt ? hit.value.expiresAt.getTime() : Infinity;
    if (now - hit.at > ACTOR_TTL_MS || now >= ends) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: Resolved, now: number) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, at: now });
  }

  forget(key: string) {
    this.entries.delete(key);
  }

  forgetUser(userId: number) {
    for (const [key, e] of this.entries) if (e.value.actor.id === userId) this.entries.delete(key);
  }

  forgetAll() {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, ActorCache>();

/** The cache of one app's database (tests run several apps in one process). */
export function actorCacheOf(owner: object): ActorCache {
  let c = caches.get(owner);
  if (!c) caches.set(owner, (c = new ActorCache()));
  return c;
}

/** Call after a change commits that alters who someone is or what they may do. */
export function forgetActors(deps: { database: object }, who: number | 'all') {
  const cache = actorCacheOf(deps.database);
  if (who === 'all') cache.forgetAll();
  else cache.forgetUser(who);
}
