import { z } from 'zod';
import { ZIdInput, ZLocale, ZPageQuery, patchOf } from './common';

/**
 * The knowledge base (H1–H3, issue 17): groups and subgroups, articles, the public help centre,
 * suggestions while a ticket's subject is typed and what they avoided.
 * api.md "Knowledge base".
 */

export const ZKbGroup = z.object({
  id: z.string(),
  name: z.string(),
  /** The group a subgroup belongs to; null for a top-level group. */
  parentId: z.string().nullable(),
  imageId: z.string().nullable(),
  /** Where the image is served (public, unguessable); null without one. */
  imageUrl: z.string().nullable(),
  /** The "knowledge base" capability: only such groups hold articles (H1). */
  kb: z.boolean(),
  position: z.number().int(),
  visible: z.boolean(),
  /** Articles directly in this group (all of them, for staff). */
  articles: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TKbGroup = z.infer<typeof ZKbGroup>;

export const ZCreateKbGroup = z.object({
  name: z.string().trim().min(1).max(120),
  parentId: ZIdInput.nullable().default(null),
  imageId: ZIdInput.nullable().default(null),
  kb: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).default(0),
  visible: z.boolean().default(true),
});
export const ZUpdateKbGroup = patchOf(ZCreateKbGroup);
export type TCreateKbGroup = z.infer<typeof ZCreateKbGroup>;
export type TUpdateKbGroup = z.infer<typeof ZUpdateKbGroup>;

export const ZListKbGroupsQuery = z.object({
  parentId: ZIdInput.optional(),
});

/** Keywords as a list, or as one text separated by commas (Latin or Persian). */
export const ZKeywords = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[,،]/)).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(60)).max(30));

/** A slug: letters of any script, digits and dashes (Persian slugs are allowed). */
export const ZKbSlug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u, 'validation.kb_slug');

export const ZKbArticle = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  /** Sanitised HTML. */
  body: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  locale: ZLocale,
  visible: z.boolean(),
  /** Staff only: never in the help centre, its search, suggestions or sitemap. */
  internal: z.boolean(),
  slug: z.string(),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TKbArticle = z.infer<typeof ZKbArticle>;

/** A row of the staff's article list: no body. */
export const ZKbArticleRow = ZKbArticle.omit({ body: true });
export type TKbArticleRow = z.infer<typeof ZKbArticleRow>;

export const KB_BODY_MAX = 500_000;

export const ZCreateKbArticle = z.object({
  groupId: ZIdInput,
  title: z.string().trim().min(1).max(200),
  body: z.string().max(KB_BODY_MAX).default(''),
  summary: z.string().trim().max(500).default(''),
  keywords: ZKeywords.default([]),
  locale: ZLocale.default('fa'),
  /** Off until the author turns it on (seed 001: «وضعیت نمایش»). */
  visible: z.boolean().default(false),
  internal: z.boolean().default(false),
  /** Made from the title when not given. */
  slug: ZKbSlug.optional(),
});
export const ZUpdateKbArticle = patchOf(ZCreateKbArticle);
export type TCreateKbArticle = z.infer<typeof ZCreateKbArticle>;
export type TUpdateKbArticle = z.infer<typeof ZUpdateKbArticle>;

export const ZListKbArticlesQuery = ZPageQuery.extend({
  groupId: ZIdInput.optional(),
  q: z.string().trim().max(200).optional(),
  locale: ZLocale.optional(),
  visible: z.enum(['true', 'false']).optional(),
  internal: z.enum(['true', 'false']).optional(),
});

/** Where a matched word is in a snippet's text: UTF-16 offsets, end exclusive (as ticket search). */
export const ZKbSnippet = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
});

/** A group as the help centre shows it (visible groups with something visible in them). */
export const ZPublicKbGroup = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  imageUrl: z.string().nullable(),
  position: z.number().int(),
  /** Visible public articles in this group. */
  articles: z.number().int(),
});
export type TPublicKbGroup = z.infer<typeof ZPublicKbGroup>;

export const ZPublicKbArticleRow = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  groupId: z.string(),
  locale: ZLocale,
  updatedAt: z.string(),
  /** With `q`: the matched words in the title and in a fragment of the text. */
  titleMarks: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
  snippet: ZKbSnippet.nullable().optional(),
});
export type TPublicKbArticleRow = z.infer<typeof ZPublicKbArticleRow>;

export const ZPublicKbArticlesQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  groupId: ZIdInput.optional(),
  locale: ZLocale.optional(),
});

export const ZPublicKbArticle = z.object({
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  locale: ZLocale,
  group: z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() }),
  /** The parent group when the article is in a subgroup (for the breadcrumb). */
  parentGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  authorName: z.string().nullable(),
  updatedAt: z.string(),
  /** This visitor's vote, if any. */
  myVote: z.enum(['helpful', 'notHelpful']).nullable(),
});
export type TPublicKbArticle = z.infer<typeof ZPublicKbArticle>;

/**
 * `suggestion`: the id of the ticket form's suggestion session (from /public/kb/suggest) when the
 * article was opened from a suggestion — counted for the deflection numbers.
 */
export const ZPublicKbArticleQuery = z.object({
  suggestion: z.uuid().optional(),
});

export const ZKbFeedback = z.object({ helpful: z.boolean() });
export const ZKbFeedbackResult = z.object({
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  myVote: z.enum(['helpful', 'notHelpful']),
});

/**
 * `session`: an id the form makes once (a UUID) and sends with every suggest call of one ticket
 * it is writing, with the articles it opens and with the ticket it sends — so what was shown,
 * opened and avoided is counted per form, not per keystroke.
 */
export const ZKbSuggestQuery = z.object({
  q: z.string().trim().max(200).default(''),
  locale: ZLocale.optional(),
  session: z.uuid().optional(),
});
export const ZKbSuggestion = z.object({ slug: z.string(), title: z.string(), summary: z.string() });
export const ZKbSuggestResult = z.object({ items: z.array(ZKbSuggestion).max(5) });
export type TKbSuggestion = z.infer<typeof ZKbSuggestion>;

/** The deflection numbers of the admin dashboard (H3). */
export const ZKbDeflectionQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const ZKbDeflection = z.object({
  from: z.string(),
  to: z.string(),
  /** Ticket forms that were shown at least one suggestion. */
  shown: z.number().int(),
  /** Of those, forms where a suggestion was opened. */
  opened: z.number().int(),
  /** Of those, forms whose ticket was still sent. */
  ticketsSent: z.number().int(),
  /** Forms that opened a suggestion and sent no ticket (an hour on). */
  ticketsAvoided: z.number().int(),
  topArticles: z.array(z.object({ slug: z.string(), title: z.string(), opened: z.number().int() })),
});
export type TKbDeflection = z.infer<typeof ZKbDeflection>;

export const ZKbImage = z.object({ id: z.string(), url: z.string() });
