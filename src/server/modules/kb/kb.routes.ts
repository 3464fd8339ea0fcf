import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage, ZPageQuery } from '../../../contracts/common';
import {
  ZCreateKbArticle,
  ZCreateKbGroup,
  ZKbArticle,
  ZKbArticleRow,
  ZKbDeflection,
  ZKbDeflectionQuery,
  ZKbGroup,
  ZKbImage,
  ZListKbArticlesQuery,
  ZListKbGroupsQuery,
  ZUpdateKbArticle,
  ZUpdateKbGroup,
} from '../../../contracts/kb';
import { access } from '../../platform/http/access';
import { kbDeflection } from './deflection';
import { uploadKbImage } from './images';
import { listKbArticles } from './list-articles';
import { listKbGroups } from './list-groups';
import { createKbArticle, deleteKbArticle, getKbArticle, updateKbArticle } from './save-article';
import { createKbGroup, deleteKbGroup, updateKbGroup } from './save-group';

const tags = ['kb'];
const manage = { access: access.perm('kb.manage') };
const staff = { access: access.staff() };

/** H1–H3, staff side: groups, articles, images and the deflection numbers. */
export const kbRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kb/groups',
    {
      config: staff,
      schema: {
        tags,
        querystring: ZPageQuery.extend({ pageSize: ZPageQuery.shape.pageSize.default(100) }).merge(ZListKbGroupsQuery),
        response: { 200: ZPage(ZKbGroup) },
      },
    },
    (req) => listKbGroups({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/kb/groups',
    { config: manage, schema: { tags, body: ZCreateKbGroup, response: { 201: ZKbGroup } } },
    async (req, reply) => reply.code(201).send(await createKbGroup({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/kb/groups/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateKbGroup, response: { 200: ZKbGroup } } },
    (req) => updateKbGroup({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/kb/groups/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteKbGroup({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.get(
    '/kb/articles',
    { config: staff, schema: { tags, querystring: ZListKbArticlesQuery, response: { 200: ZPage(ZKbArticleRow) } } },
    (req) => listKbArticles({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/kb/articles',
    { config: manage, schema: { tags, body: ZCreateKbArticle, response: { 201: ZKbArticle } } },
    async (req, reply) => reply.code(201).send(await createKbArticle({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/kb/articles/:id',
    { config: staff, schema: { tags, params: ZIdParams, response: { 200: ZKbArticle } } },
    (req) => getKbArticle({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/kb/articles/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateKbArticle, response: { 200: ZKbArticle } } },
    (req) => updateKbArticle({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/kb/articles/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteKbArticle({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/kb/images',
    { config: manage, schema: { tags, consumes: ['multipart/form-data'], response: { 201: ZKbImage } } },
    async (req, reply) => reply.code(201).send(await uploadKbImage({ ctx: req.ctx, parts: req.files() })),
  );
  app.get(
    '/kb/deflection',
    {
      config: { access: access.perm('kb.manage', 'reports.view') },
      schema: { tags, querystring: ZKbDeflectionQuery, response: { 200: ZKbDeflection } },
    },
    (req) => kbDeflection({ ctx: req.ctx, input: req.query }),
  );
};
