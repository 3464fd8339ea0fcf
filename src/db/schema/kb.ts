import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { users } from './people';
import { files } from './system';
import { workspaceFk } from './workspaces';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Knowledge-base groups and their subgroups (H1, issue 17). Only a group with the `kb`
 * capability holds articles; a subgroup's parent is a top-level group (two levels, as seed 001).
 */
export const kbGroups = pgTable(
  'kb_groups',
  {
    id: id(),
    workspaceId: workspaceFk(),
    parentId: ref(),
    name: text().notNull(),
    imageFileId: ref().references(() => files.id),
    kb: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    visible: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('kb_groups_parent_idx').on(t.workspaceId, t.parentId, t.position, t.id)],
);

/**
 * Articles (H2). `search` is the Persian-normalised vector of title (weight A), keywords and
 * summary (B) and body (D), what a search matches on; `search_head` the first two, what it ranks
 * by; `body_text` the body's plain text, for snippets. Views and votes
 * are counters on the row; who voted is kb_votes.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: id(),
    workspaceId: workspaceFk(),
    groupId: ref()
      .notNull()
      .references(() => kbGroups.id),
    title: text().notNull(),
    bodyHtml: text().notNull().default(''),
    bodyText: text().notNull().default(''),
    summary: text().notNull().default(''),
    keywords: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text().notNull().default('fa'),
    visible: boolean().notNull().default(false),
    internal: boolean().notNull().default(false),
    slug: text().notNull(),
    views: integer().notNull().default(0),
    helpful: integer().notNull().default(0),
    notHelpful: integer().notNull().default(0),
    authorId: ref().references(() => users.id),
    search: tsvector()
      .notNull()
      .default(sql`''::tsvector`),
    /** Title (A), keywords and summary (B) alone: small enough to stay in the row, so ranking reads no TOAST. */
    searchHead: tsvector()
      .notNull()
      .default(sql`''::tsvector`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kb_articles_slug_uq').on(t.workspaceId, t.slug),
    index('kb_articles_group_idx').on(t.workspaceId, t.groupId, t.id),
    index('kb_articles_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('kb_articles_search_gin').using('gin', t.search),
    // Suggestions match any word of a growing subject in title, keywords and summary.
    index('kb_articles_search_head_gin').using('gin', t.searchHead),
    // The help centre's lists: published articles of a workspace, newest first.
    index('kb_articles_public_idx')
      .on(t.workspaceId, t.groupId, t.updatedAt, t.id)
      .where(sql`visible and not internal`),
  ],
);

/** One vote per visitor per article (a signed-in person by id, anyone else by a cookie). */
export const kbVotes = pgTable(
  'kb_votes',
  {
    workspaceId: workspaceFk(),
    articleId: ref()
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    visitor: text().notNull(),
    helpful: boolean().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.articleId, t.visitor] })],
);

/**
 * Suggestions while a ticket is written (deflection, H3): one row per form (`id`: the UUID the
 * form made), when suggestions were first shown, which articles were opened from them, and the
 * ticket it still sent.
 */
export const kbSuggestSessions = pgTable(
  'kb_suggest_sessions',
  {
    workspaceId: workspaceFk(),
    id: uuid().notNull(),
    shownAt: createdAt(),
    openedArticleIds: ref()
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    openedAt: tstz(),
    ticketId: ref(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('kb_suggest_sessions_shown_idx').on(t.workspaceId, t.shownAt),
  ],
);
