import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParam, ZPage } from '../../../contracts/common';
import {
  ZKbFeedback,
  ZKbFeedbackResult,
  ZKbSuggestQuery,
  ZKbSuggestResult,
  ZPublicKbArticle,
  ZPublicKbArticleQuery,
  ZPublicKbArticleRow,
  ZPublicKbArticlesQuery,
  ZPublicKbGroup,
} from '../../../contracts/kb';
import type { AppDeps } from '../../platform/context';
import { access } from '../../platform/http/access';
import { createReadLimit } from '../../platform/read-limit';
import { sendKbImage } from './images';
import { getPublicKbArticle } from './public-article';
import { listPublicKbArticles } from './public-articles';
import { listPublicKbGroups } from './public-groups';
import { sitemapXml } from './sitemap';
import { suggestKbArticles } from './suggest';
import { visitorOf } from './visitor';
import { voteKbArticle } from './vote';

const tags = ['public'];
const pub = { access: access.public() };
const ZSlugParams = z.object({ slug: z.string().min(1).max(200) });

const limits = new WeakMap<AppDeps, ReturnType<typeof createReadLimit>>();
/** Every help-centre read is limited per address (in memory: see read-limit.ts). */
function readLimit(deps: AppDeps, ip: string) {
  let l = limits.get(deps);
  if (!l) limits.set(deps, (l = createReadLimit(deps.config.publicReadsPerMinute ?? 600)));
  l(ip);
}

/** H3: the help centre (no sign-in), suggestions for ticket forms, votes, images. */
export const kbPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/kb/groups',
    { config: pub, schema: { tags, response: { 200: z.object({ items: z.array(ZPublicKbGroup) }) } } },
    (req) => {
      readLimit(req.ctx.deps, req.ctx.ip);
      return listPublicKbGroups({ ctx: req.ctx });
    },
  );
  app.get(
    '/public/kb/articles',
    {
      config: pub,
      schema: { tags, querystring: ZPublicKbArticlesQuery, response: { 200: ZPage(ZPublicKbArticleRow) } },
    },
    (req) => {
      readLimit(req.ctx.deps, req.ctx.ip);
      return listPublicKbArticles({ ctx: req.ctx, input: req.query });
    },
  );
  app.get(
    '/public/kb/articles/:slug',
    {
      config: pub,
      schema: { tags, params: ZSlugParams, querystring: ZPublicKbArticleQuery, response: { 200: ZPublicKbArticle } },
    },
    (req) => {
      readLimit(req.ctx.deps, req.ctx.ip);
      return getPublicKbArticle({
        ctx: req.ctx,
        slug: req.params.slug,
        visitor: visitorOf(req, null),
        suggestion: req.query.suggestion,
      });
    },
  );
  app.post(
    '/public/kb/articles/:slug/feedback',
    { config: pub, schema: { tags, params: ZSlugParams, body: ZKbFeedback, response: { 200: ZKbFeedbackResult } } },
    (req, reply) =>
      voteKbArticle({
        ctx: req.ctx,
        slug: req.params.slug,
        visitor: visitorOf(req, reply)!,
        helpful: req.body.helpful,
        ip: req.ctx.ip,
      }),
  );
  app.get(
    '/public/kb/suggest',
    { config: pub, schema: { tags, querystring: ZKbSuggestQuery, response: { 200: ZKbSuggestResult } } },
    (req) => {
      readLimit(req.ctx.deps, req.ctx.ip);
      return suggestKbArticles({ ctx: req.ctx, input: req.query });
    },
  );
  app.get(
    '/public/kb/images/:id',
    {
      config: pub,
      schema: {
        tags,
        params: z.object({ id: ZIdParam }),
        querystring: z.object({ v: z.string().max(64).default('') }),
      },
    },
    (req, reply) => {
      readLimit(req.ctx.deps, req.ctx.ip);
      return sendKbImage({ ctx: req.ctx, id: req.params.id, v: req.query.v, reply });
    },
  );
  app.get('/public/kb/sitemap.xml', { config: pub, schema: { tags } }, async (req, reply) => {
    readLimit(req.ctx.deps, req.ctx.ip);
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(await sitemapXml(req.ctx, `${req.protocol}://${req.host}`));
  });
};

/**
 * `/sitemap.xml` and `/robots.txt` at the site's root, where crawlers look: the sitemap is the
 * API's (`/api/v1/public/kb/sitemap.xml`, which knows the workspace of the host), passed on.
 */
export async function kbSiteRoutes(app: import('fastify').FastifyInstance) {
  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/public/kb/sitemap.xml',
      headers: { host: req.headers.host ?? '', 'x-workspace': String(req.headers['x-workspace'] ?? '') },
    });
    return reply
      .code(res.statusCode)
      .type(String(res.headers['content-type'] ?? 'application/xml'))
      .send(res.body);
  });
  app.get('/robots.txt', { schema: { hide: true } }, (req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nDisallow: /api/\nSitemap: ${req.protocol}://${req.host}/sitemap.xml\n`),
  );
}
