import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import type { Config } from '../../platform/config';
import type { Ctx } from '../../platform/context';

/**
 * Where people reach a workspace in a browser: self-hosted, the install's PUBLIC_URL; in cloud
 * mode `<slug>.<CLOUD_DOMAIN>` (same scheme as PUBLIC_URL) when a domain is set, else
 * `PUBLIC_URL/w/<slug>`. Links in SMS and e-mail and the payment callback's redirect use it.
 */
export function workspaceUrl(config: Pick<Config, 'publicUrl' | 'cloud'>, slug: string): string {
  if (!config.cloud.enabled) return config.publicUrl;
  if (config.cloud.domain) {
    const base = new URL(config.publicUrl);
    return `${base.protocol}//${slug}.${config.cloud.domain}${base.port ? `:${base.port}` : ''}`;
  }
  return `${config.publicUrl}/w/${slug}`;
}

/**
 * Where the workspace of `ctx` is opened in a browser (workspaceUrl): PUBLIC_URL self-hosted; in
 * cloud mode its own address, the slug read for it. Every link a mail, SMS or push carries
 * starts here — PUBLIC_URL alone is the platform's address in cloud mode, where no workspace answers.
 */
export async function siteOf(ctx: Pick<Ctx, 'deps' | 'db' | 'workspaceId'>): Promise<string> {
  const { config } = ctx.deps;
  if (!config.cloud.enabled) return config.publicUrl;
  const [ws] = await ctx.db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return ws ? workspaceUrl(config, ws.slug) : config.publicUrl;
}
