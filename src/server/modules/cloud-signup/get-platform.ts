import type { TPlatformInfo } from '../../../contracts/cloud';
import type { AppDeps, Ctx } from '../../platform/context';
import { createWorkspaceResolver } from '../../platform/auth/workspace-resolver';

/** One resolver per app (its cache of found workspaces), as the request context keeps its own. */
const resolvers = new WeakMap<AppDeps, ReturnType<typeof createWorkspaceResolver>>();

/**
 * GET /public/platform: what the web app needs before it knows any workspace — whether this is
 * the cloud (landing page, sign-up), the domain workspaces live under (`<slug>.<domain>`; null:
 * they are reached at `/w/<slug>`) and whether a workspace answers at this address (host name or
 * x-workspace), so the platform's own pages never ask for a workspace's settings to find out.
 */
export async function getPlatform({
  ctx,
  headers,
}: {
  ctx: Ctx;
  headers: { host?: string; 'x-workspace'?: string | string[] };
}): Promise<TPlatformInfo> {
  const { cloud } = ctx.deps.config;
  if (!cloud.enabled) return { cloud: false, domain: null, workspace: true };
  let resolver = resolvers.get(ctx.deps);
  if (!resolver) {
    resolver = createWorkspaceResolver(ctx.deps.database.db, { cloud: true, cloudDomain: cloud.domain });
    resolvers.set(ctx.deps, resolver);
  }
  const slug = headers['x-workspace'];
  const id = await resolver.resolve(typeof slug === 'string' ? slug : undefined, headers.host);
  return { cloud: true, domain: cloud.domain ?? null, workspace: id !== null };
}
