/**
 * The letters of a workspace slug, without anchors: the contract's ZWorkspaceSlug, the server's
 * and the web app's reading of a path's `/w/<slug>` prefix. No zod here, so the web app's first
 * chunk can take it.
 */
export const WORKSPACE_SLUG_CHARS = '[a-z][a-z0-9-]{2,29}[a-z0-9]';
