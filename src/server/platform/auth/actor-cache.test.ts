import { describe, expect, it } from 'vitest';
import { ACTOR_TTL_MS, ActorCache } from './actor-cache';
import type { Resolved } from './resolve-actor';

const resolved = (id: number) => ({ workspaceId: 1, actor: { id } }) as unknown as Resolved;

describe('ActorCache', () => {
  it('reuses an actor for the TTL only, and forgets a user or everyone on demand', () => {
    const c = new ActorCache();
    c.set('s:a', resolved(1), 0);
    c.set('s:b', resolved(2), 0);
    c.set('t:c', resolved(1), 0);
    expect(c.get('s:a', ACTOR_TTL_MS)?.actor.id).toBe(1);
    expect(c.get('s:a', ACTOR_TTL_MS + 1)).toBeUndefined();
    c.set('s:a', resolved(1), 10);
    c.forgetUser(1);
    expect(c.get('s:a', 11)).toBeUndefined();
    expect(c.get('t:c', 11)).toBeUndefined();
    expect(c.get('s:b', 11)?.actor.id).toBe(2);
    c.forgetAll();
    expect(c.get('s:b', 11)).toBeUndefined();
  });
});
