/** Public surface of the knowledge-base module (H1–H3, issue 17). */
export { kbRoutes } from './kb.routes';
export { kbPublicRoutes, kbSiteRoutes } from './kb-public.routes';
export { kbApiDocs } from './kb.api-docs';
export { linkSuggestSession } from './suggest';
export { createKbGroup, updateKbGroup } from './save-group';
export { createKbArticle } from './save-article';
