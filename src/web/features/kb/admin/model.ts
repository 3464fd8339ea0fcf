import type { KbArticle, KbGroup } from './api';

/** A top-level group with its subgroups, both in position order. */
export interface GroupNode {
  group: KbGroup;
  children: KbGroup[];
}

const byPosition = (a: KbGroup, b: KbGroup) =>
  a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The two levels of groups (a subgroup whose parent is unknown shows at the top level). */
export function groupTree(groups: KbGroup[]): GroupNode[] {
  const ids = new Set(groups.map((g) => g.id));
  const top = groups.filter((g) => g.parentId === null || !ids.has(g.parentId)).sort(byPosition);
  return top.map((group) => ({
    group,
    children: groups.filter((g) => g.parentId === group.id).sort(byPosition),
  }));
}

/** The groups in tree order (each group, then its subgroups), with their depth. */
export function flatGroups(groups: KbGroup[]): Array<{ group: KbGroup; depth: 0 | 1 }> {
  return groupTree(groups).flatMap((n) => [
    { group: n.group, depth: 0 as const },
    ...n.children.map((group) => ({ group, depth: 1 as const })),
  ]);
}

/** A group's name with its parent's, for lists where the subgroup stands alone: «شبکه › چاپگر». */
export function groupPath(groups: KbGroup[], id: string): string[] {
  const g = groups.find((x) => x.id === id);
  if (!g) return [];
  const parent = g.parentId ? groups.find((x) => x.id === g.parentId) : undefined;
  return parent ? [parent.name, g.name] : [g.name];
}

/** Splits typed keywords on Latin and Persian commas; blanks and repeats dropped. */
export function splitKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export interface ArticleDraft {
  groupId: string;
  title: string;
  slug: string;
  summary: string;
  keywords: string[];
  locale: 'fa' | 'en';
  visible: boolean;
  internal: boolean;
  body: string;
}

export function emptyDraft(groupId: string, locale: 'fa' | 'en'): ArticleDraft {
  return {
    groupId,
    title: '',
    slug: '',
    summary: '',
    keywords: [],
    locale,
    visible: false,
    internal: false,
    body: '',
  };
}

export function toDraft(a: KbArticle): ArticleDraft {
  return {
    groupId: a.groupId,
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    keywords: [...a.keywords],
    locale: a.locale === 'en' ? 'en' : 'fa',
    visible: a.visible,
    internal: a.internal,
    body: a.body,
  };
}

/** Two drafts with the same signature hold the same article. */
export const signature = (d: ArticleDraft) => JSON.stringify(d);

/**
 * What a save sends: everything but an empty slug (the server makes one from the title for a new
 * article, and keeps the old one when it is cleared).
 */
export function toBody(d: ArticleDraft) {
  const { slug, ...rest } = d;
  return {
    ...rest,
    title: rest.title.trim(),
    summary: rest.summary.trim(),
    ...(slug.trim() ? { slug: slug.trim() } : {}),
  };
}

/** A slug as people type one: spaces become dashes (letters of any script and digits are kept). */
export function slugInput(text: string): string {
  return text.replace(/\s+/g, '-');
}

/** The help centre's address of an article (its slug may be Persian). */
export const publicArticlePath = (slug: string) => `/help/articles/${encodeURIComponent(slug)}`;
