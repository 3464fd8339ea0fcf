import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database';

/**
 * Which workspace a signed-out request is for: the `x-workspace` header (a slug), else a
 * workspace whose host matches, else the default (oldest) workspace. Cached briefly.
 */
export function createWorkspaceResolver(db: Db, ttlMs = 30_000) {
  const cache = new Map<string, { id: number | null; at: number }>();
  async function lookup(key: string, query: () => Promise<number | null>): Promise<number | null> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.id;
    const id = await query();
    if (cache.size > 1000) cache.clear();
    cache.set(key, { id, at: Date.now() });
    return id;
  }
  const first = async (q: ReturnType<typeof sql>) => {
    const r = await queryRows<{ id: number }>(db, q);
    return r[0] ? Number(r[0].id) : null;
  };
  return {
    async resolve(slugHeader: string | undefined, host: string | undefined): Promise<number | null> {
      if (slugHeader)
        return lookup(`slug:${slugHeader}`, () => first(sql`select id from workspaces where slug = ${slugHeader}`));
      const hostname = host?.split(':')[0]?.toLowerCase();
      if (hostname) {
        const byHost = await lookup(`host:${hostname}`, () =>
          first(sql`select id from workspaces where host = ${hostname}`),
        );
        if (byHost) return byHost;
      }
      return lookup('default', () => first(sql`select id from workspaces order by id limit 1`));
    },
    clear: () => cache.clear(),
  };
}
