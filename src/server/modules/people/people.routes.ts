import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, ZPage, ZPageQuery } from '../../../contracts/common';
import { PERMISSIONS } from '../../../contracts/permissions';
import {
  ZAccessLevel,
  ZApiToken,
  ZCreateAccessLevel,
  ZCreateApiToken,
  ZCreatedApiToken,
  ZCreateGroup,
  ZGroup,
  ZListGroupsQuery,
  ZUpdateAccessLevel,
  ZUpdateGroup,
} from '../../../contracts/people';
import { access } from '../../platform/http/access';
import { createAccessLevel, deleteAccessLevel, listAccessLevels, updateAccessLevel } from './access-levels';
import { createApiToken, deleteApiToken, listApiTokens } from './api-tokens';
import { createGroup, deleteGroup, listGroups, updateGroup } from './groups';

/** Access levels, groups and API tokens: thin routes, one action each. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/permissions',
    {
      config: { access: access.staff() },
      schema: { tags: ['access-levels'], response: { 200: z.object({ items: z.array(z.string()) }) } },
    },
    async () => ({
      items: [...PERMISSIONS],
    }),
  );

  const al = { tags: ['access-levels'] };
  const manageLevels = { access: access.perm('access_levels.manage') };
  app.get(
    '/access-levels',
    { config: manageLevels, schema: { ...al, querystring: ZPageQuery, response: { 200: ZPage(ZAccessLevel) } } },
    (req) => listAccessLevels({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/access-levels',
    { config: manageLevels, schema: { ...al, body: ZCreateAccessLevel, response: { 201: ZAccessLevel } } },
    async (req, reply) => reply.code(201).send(await createAccessLevel({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/access-levels/:id',
    {
      config: manageLevels,
      schema: { ...al, params: ZIdParams, body: ZUpdateAccessLevel, response: { 200: ZAccessLevel } },
    },
    (req) => updateAccessLevel({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete(
    '/access-levels/:id',
    { config: manageLevels, schema: { ...al, params: ZIdParams } },
    async (req, reply) => {
      await deleteAccessLevel({ ctx: req.ctx, id: req.params.id });
      return reply.code(204).send();
    },
  );

  const gr = { tags: ['groups'] };
  const manageGroups = { access: access.perm('groups.manage') };
  app.get(
    '/groups',
    { config: manageGroups, schema: { ...gr, querystring: ZListGroupsQuery, response: { 200: ZPage(ZGroup) } } },
    (req) => listGroups({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/groups',
    { config: manageGroups, schema: { ...gr, body: ZCreateGroup, response: { 201: ZGroup } } },
    async (req, reply) => reply.code(201).send(await createGroup({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/groups/:id',
    { config: manageGroups, schema: { ...gr, params: ZIdParams, body: ZUpdateGroup, response: { 200: ZGroup } } },
    (req) => updateGroup({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/groups/:id', { config: manageGroups, schema: { ...gr, params: ZIdParams } }, async (req, reply) => {
    await deleteGroup({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });

  const tk = { tags: ['api-tokens'] };
  const staff = { access: access.staff() };
  app.get(
    '/api-tokens',
    { config: staff, schema: { ...tk, querystring: ZPageQuery, response: { 200: ZPage(ZApiToken) } } },
    (req) => listApiTokens({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/api-tokens',
    { config: staff, schema: { ...tk, body: ZCreateApiToken, response: { 201: ZCreatedApiToken } } },
    async (req, reply) => reply.code(201).send(await createApiToken({ ctx: req.ctx, input: req.body })),
  );
  app.delete('/api-tokens/:id', { config: staff, schema: { ...tk, params: ZIdParams } }, async (req, reply) => {
    await deleteApiToken({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
};
