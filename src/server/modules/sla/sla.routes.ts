import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import { ZCreateSlaPolicy, ZListSlaPoliciesQuery, ZSlaPolicy, ZUpdateSlaPolicy } from '../../../contracts/sla';
import { access } from '../../platform/http/access';
import { getSlaPolicy, listSlaPolicies } from './list-policies';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from './write-policies';

const tags = ['sla'];
const manage = { access: access.perm('settings.manage') };
const staff = { access: access.staff() };

export const slaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sla-policies',
    { config: staff, schema: { tags, querystring: ZListSlaPoliciesQuery, response: { 200: ZPage(ZSlaPolicy) } } },
    (req) => listSlaPolicies({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/sla-policies',
    { config: manage, schema: { tags, body: ZCreateSlaPolicy, response: { 201: ZSlaPolicy } } },
    async (req, reply) => reply.code(201).send(await createSlaPolicy({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/sla-policies/:id',
    { config: staff, schema: { tags, params: ZIdParams, response: { 200: ZSlaPolicy } } },
    (req) => getSlaPolicy({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/sla-policies/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateSlaPolicy, response: { 200: ZSlaPolicy } } },
    (req) => updateSlaPolicy({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/sla-policies/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteSlaPolicy({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
};
