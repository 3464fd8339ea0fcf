import { desc, sql } from 'drizzle-orm';
import { kbArticles, kbGroups } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { iso } from '../../platform/pagination';
import { publicArticle, publicGroupIds } from './public-visibility';

/** The sitemaps protocol allows 50,000 addresses in one file. */
const MAX_URLS = 50_000;

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * `/sitemap.xml` (sitemaps.org 0.9): the help centre, its visible groups and published
 * articles (never hidden or internal ones), newest first, addresses percent-encoded (Persian slugs).
 */
export async function sitemapXml(ctx: Ctx, base: string): Promise<string> {
  const [groups, articles] = [
    await ctx.db
      .select({ id: kbGroups.id, updatedAt: kbGroups.updatedAt })
      .from(kbGroups)
      .where(sql`${kbGroups.workspaceId} = ${ctx.workspaceId} and ${kbGroups.id} in ${publicGroupIds(ctx)}`)
      .limit(1000),
    await ctx.db
      .select({ slug: kbArticles.slug, updatedAt: kbArticles.updatedAt })
      .from(kbArticles)
      .where(publicArticle(ctx))
      .orderBy(desc(kbArticles.updatedAt))
      .limit(MAX_URLS - 1001),
  ];
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${xml(base + path)}</loc>${lastmod ? `<lastmod>${iso(lastmod)}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/help'),
    ...groups.map((g) => url(`/help/groups/${g.id}`, g.updatedAt)),
    ...articles.map((a) => url(`/help/articles/${encodeURIComponent(a.slug)}`, a.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}
