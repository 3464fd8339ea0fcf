import type { TPlatformInfo } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';

/**
 * GET /public/platform: what the web app needs before it knows any workspace — whether this is
 * the cloud (landing page, sign-up) and the domain workspaces live under (`<slug>.<domain>`;
 * null: they are reached at `/w/<slug>`).
 */
export function getPlatform({ ctx }: { ctx: Ctx }): TPlatformInfo {
  const { cloud } = ctx.deps.config;
  return { cloud: cloud.enabled, domain: cloud.enabled ? (cloud.domain ?? null) : null };
}
