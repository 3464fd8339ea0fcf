import { appUrl } from '../../../app/workspace-path';
import { articlePath } from '../../kb/public/paths';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a customer reads an article: the help centre of this workspace (the slug may be Persian). */
export const articleUrl = (slug: string, origin?: string) => appUrl(articlePath(slug), origin);

/** The reply's HTML with a paragraph linking to the article, its title as the text, at the end. */
export function appendArticleLink(html: string, article: { title: string; slug: string }, origin?: string): string {
  const link = `<p><a href="${escapeHtml(articleUrl(article.slug, origin))}">${escapeHtml(article.title)}</a></p>`;
  return html.trim() ? `${html}${link}` : link;
}
