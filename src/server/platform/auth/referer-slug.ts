import { WORKSPACE_SLUG_CHARS } from '../../../contracts/workspace-slug';

/** A page's `/w/<slug>` prefix (cloud mode without CLOUD_DOMAIN; web app workspace-path.ts). */
const PREFIX = new RegExp(`^/w/(${WORKSPACE_SLUG_CHARS})(?:/|$)`);

/**
 * The workspace a signed-out image or download was asked for by a page under `/w/<slug>`: an
 * `<img>` or a link cannot send `x-workspace`, but the browser names the page in `Referer`
 * (same-origin requests carry the full address under the default referrer policy). Only a page
 * of this very site counts (the referer's host is the request's); null otherwise. It is worth
 * no more than the header it stands in for: anyone may name any workspace either way.
 */
export function slugFromReferer(referer: string | undefined, host: string | undefined): string | null {
  if (!referer || !host) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (url.host.toLowerCase() !== host.toLowerCase()) return null;
  return PREFIX.exec(url.pathname)?.[1] ?? null;
}
