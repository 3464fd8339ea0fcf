import { WORKSPACE_SLUG_CHARS } from '../../contracts/workspace-slug';

/**
 * Cloud mode reaches a workspace at `/w/<slug>/…` (api.md "Cloud mode"). A page loaded under
 * that prefix runs the whole app under it: the router's basename is `/w/<slug>`, and every API
 * call names the workspace with `x-workspace` (the API itself stays at /api). Without the prefix
 * nothing changes. Moving to another workspace is a full page load, so this is read once.
 */
const PREFIX = new RegExp(`^/w/(${WORKSPACE_SLUG_CHARS})(?=/|$)`);

/** The workspace named by a path's `/w/<slug>` prefix, or null. */
export function slugOfPath(pathname: string): string | null {
  return PREFIX.exec(pathname)?.[1] ?? null;
}

const here = typeof window === 'undefined' ? null : window.location;

/** This page's workspace from its path, or null (a host name, the default workspace, the platform). */
export const PATH_SLUG: string | null = here ? slugOfPath(here.pathname) : null;

/** The router's basename: `/w/<slug>`, or undefined at the site's root. */
export const BASENAME: string | undefined = PATH_SLUG ? `/w/${PATH_SLUG}` : undefined;

/** A path of the app as the browser sees it (for plain links outside the router: new tabs). */
export const appPath = (path: string) => `${BASENAME ?? ''}${path}`;

/** The full address of a page of the app, for copying and for links in messages. */
export const appUrl = (path: string, origin = here?.origin ?? '') => `${origin}${appPath(path)}`;

/** A workspace slug as the server accepts it (contracts/cloud.ts ZWorkspaceSlug). */
export const SLUG_FORMAT = new RegExp(`^${WORKSPACE_SLUG_CHARS}$`);

/**
 * Where a workspace is opened in the browser, as the server's `workspaceUrl` makes it:
 * `<slug>.<domain>` (this page's scheme and port) with a domain, else `/w/<slug>` on this site.
 */
export function workspaceAddress(
  slug: string,
  domain: string | null,
  loc: Pick<Location, 'protocol' | 'port' | 'origin'>,
) {
  if (domain) return `${loc.protocol}//${slug}.${domain}${loc.port ? `:${loc.port}` : ''}`;
  return `${loc.origin}/w/${slug}`;
}
