import type { ApiDocs } from '../../platform/http/api-docs';

const PUBLIC = 'Public: no sign-in needed; the workspace comes from the host name or the x-workspace header.';
const SEES =
  'Only what the help centre shows: visible articles that are not internal, in a visible group whose parent (if any) is visible.';

/** The OpenAPI texts of the knowledge base's operations (platform/http/api-docs.ts). */
export const kbApiDocs: ApiDocs = {
  'GET /kb/groups': {
    operationId: 'listKbGroups',
    summary: 'List knowledge-base groups',
    description:
      'Staff. Every group and subgroup (hidden ones too), top-level groups first, then by position; parentId narrows to one group’s subgroups. Each with its image URL and the number of articles directly in it. Paged (pageSize up to 100).',
  },
  'POST /kb/groups': {
    operationId: 'createKbGroup',
    summary: 'Create a knowledge-base group or subgroup',
    description:
      'Needs kb.manage. parentId makes it a subgroup of a top-level group (two levels). kb is the knowledge-base capability: only such groups hold articles. imageId is an image uploaded with POST /kb/images.',
    example: { name: 'راهنمای ارسال تیکت', parentId: null, imageId: null, kb: true, position: 0, visible: true },
  },
  'PATCH /kb/groups/:id': {
    operationId: 'updateKbGroup',
    summary: 'Change a knowledge-base group',
    description:
      'Needs kb.manage. Only the fields sent change. The capability cannot be taken from a group that holds articles (409); a group with subgroups cannot become a subgroup.',
  },
  'DELETE /kb/groups/:id': {
    operationId: 'deleteKbGroup',
    summary: 'Remove a knowledge-base group',
    description: 'Needs kb.manage. Refused (409) while it has subgroups or articles: hide it instead.',
  },
  'GET /kb/articles': {
    operationId: 'listKbArticles',
    summary: 'List and search knowledge-base articles',
    description:
      'Staff (hidden and internal articles too; agents use it to link articles in replies). q searches title, keywords, summary and text with Persian normalisation (ي/ی, ك/ک, digit scripts, ZWNJ), best match first; else newest first. Filters groupId, locale, visible, internal. Paged; rows without the body.',
  },
  'POST /kb/articles': {
    operationId: 'createKbArticle',
    summary: 'Create a knowledge-base article',
    description:
      'Needs kb.manage. The group must have the knowledge-base capability. body is HTML, sanitised (scripts, handlers and unsafe URLs removed; headings, lists, tables, links, code, images, font family and size, and dir per block kept). visible is off until turned on; internal articles are for staff only. slug is made from the title unless given (Persian allowed; -2, -3 when taken).',
    example: {
      groupId: '1',
      title: 'مراحل ارسال تیکت',
      body: '<h2>ایجاد تیکت</h2><p>از منوی «تیکت‌ها» گزینهٔ «ایجاد تیکت» را بزنید.</p>',
      summary: 'چگونه یک تیکت بفرستید',
      keywords: ['تیکت', 'ارسال'],
      locale: 'fa',
      visible: true,
      internal: false,
    },
  },
  'GET /kb/articles/:id': {
    operationId: 'getKbArticle',
    summary: 'Get a knowledge-base article',
    description: 'Staff. The article with its body, counters (views, helpful, not helpful), author and slug.',
  },
  'PATCH /kb/articles/:id': {
    operationId: 'updateKbArticle',
    summary: 'Change a knowledge-base article',
    description:
      'Needs kb.manage. Only the fields sent change; the slug stays when the title changes (links keep working) unless a new one is sent.',
  },
  'DELETE /kb/articles/:id': {
    operationId: 'deleteKbArticle',
    summary: 'Remove a knowledge-base article',
    description: 'Needs kb.manage. Removes the article and its votes; written to the audit log.',
  },
  'POST /kb/images': {
    operationId: 'uploadKbImage',
    summary: 'Upload a knowledge-base image',
    description:
      'Needs kb.manage. One image in the multipart part "file": PNG, JPEG, WebP or GIF by its bytes (SVG refused), at most 2 MiB. Answers its id (a group’s imageId) and its public, unguessable URL (for <img src> in an article).',
    multipart: { file: 'The image.' },
    errors: [413, 415],
  },
  'GET /kb/deflection': {
    operationId: 'getKbDeflection',
    summary: 'Get the deflection numbers of suggestions',
    description:
      'Needs kb.manage or reports.view. For ticket forms first shown suggestions between from and to (days of the workspace time zone; the last 30 days by default): how many were shown suggestions, opened one, still sent a ticket, and avoided one (opened, and no ticket an hour later); the most opened articles.',
  },
  'GET /public/kb/groups': {
    operationId: 'listPublicKbGroups',
    summary: 'List the help centre’s groups',
    description: `${PUBLIC} Visible groups and subgroups in order, with their image URLs and published article counts.`,
    errors: [404],
  },
  'GET /public/kb/articles': {
    operationId: 'listPublicKbArticles',
    summary: 'List or search the help centre’s articles',
    description: `${PUBLIC} ${SEES} q searches with the same Persian normalisation as ticket search and answers titleMarks and a snippet with marks (offsets of the matched words) to highlight; groupId narrows to a group and its subgroups. Paged; a search’s total counts up to 1,000. Searches are limited per address.`,
    errors: [429],
  },
  'GET /public/kb/articles/:slug': {
    operationId: 'getPublicKbArticle',
    summary: 'Read a help-centre article',
    description: `${PUBLIC} ${SEES} The slug in any spelling (ي/ی, digit scripts). Counts a view. suggestion: the ticket form’s suggestion session when opened from a suggestion (deflection numbers). myVote: this visitor’s vote.`,
  },
  'POST /public/kb/articles/:slug/feedback': {
    operationId: 'voteKbArticle',
    summary: 'Say whether an article helped',
    description: `${PUBLIC} One vote per visitor per article (a signed-in person by account, anyone else by a cookie): voting again the other way moves the vote. Answers the counts. Limited per address.`,
    errors: [429],
  },
  'GET /public/kb/suggest': {
    operationId: 'suggestKbArticles',
    summary: 'Suggest articles for a ticket being written',
    description: `${PUBLIC} Up to 5 published articles for q, what a person types as a ticket’s subject (from 3 letters; the last word as a prefix), the form’s locale first. session: a UUID the form makes once; the first time it is shown suggestions is counted, and the same session sent with the ticket (kbSession) counts it as sent. Limited per address.`,
    errors: [429],
  },
  'GET /public/kb/images/:id': {
    operationId: 'getKbImage',
    summary: 'Get a knowledge-base image',
    description: `${PUBLIC} The image inline when v is the start of its content hash (the URL uploads answer); cached for a year.`,
    produces: 'image/*',
  },
  'GET /public/kb/sitemap.xml': {
    operationId: 'getKbSitemap',
    summary: 'Get the help centre’s sitemap',
    description: `${PUBLIC} The sitemaps.org XML of the help centre, its visible groups and published articles (also served at /sitemap.xml).`,
    produces: 'application/xml',
    errors: [404],
  },
};
