import type { Config } from '../../platform/config';

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
