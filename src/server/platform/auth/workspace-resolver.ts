import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database';

export interface ResolverOptions {
  /** Cloud mode: `<slug>.<domain>` names a workspace, and there is no default workspace. */
  cloudDomain?: string;
  cloud?: boolean;
  ttlMs?: number;
}

/**
 * Which workspace a signed-out request is for: the `x-workspace` header (a slug), else a
 * workspace whose host matches, else (cloud mode) the slug of `<slug>.<CLOUD_DOMAIN>`, else —
 * self-hosted only — the default (oldest) workspace. Cached briefly.
 */
export function createWorkspaceResolver(db: Db, options: ResolverOptions = {}) {
  const ttlMs = options.ttlMs ?? 30_000;
  const suffix = options.cloudDomain ? `.${options.cloudDomain.toLowerCase()}` : undefined;
  const cache = new Map<string, { id: number | null; at: number }>();
  async function lookup(key: string, query: () => Promise<number | null>): Promise<number | null> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.id;
    const id = await query();
    // Only found workspaces are kept: a miss remembered would hide a workspace made by a cloud
    // sign-up right after someone asked for its address (an indexed lookup is cheap).
    if (id === null) return id;
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
        if (suffix && hostname.endsWith(suffix)) {
          const sub = hostname.slice(0, -suffix.length);
          if (/^[a-z0-9-]+$/.test(sub))
            return lookup(`slug:${sub}`, () => first(sql`select id from workspaces where slug = ${sub}`));
        }
      }
      if (options.cloud) return null;
      return lookup('default', () => first(sql`select id from workspaces order by id limit 1`));
    },
    clear: () => cache.clear(),
  };
}
