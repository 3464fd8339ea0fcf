import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZCreateTrigger,
  ZListTriggersQuery,
  ZTrigger,
  ZTriggerRun,
  ZTriggerRunsQuery,
  ZUpdateTrigger,
  ZWorkspaceRunsQuery,
} from '../../../contracts/triggers';
import { access } from '../../platform/http/access';
import { listTicketTriggerRuns, listTriggerRuns, listTriggers } from './list-triggers';
import { createTrigger, deleteTrigger, updateTrigger } from './write-triggers';

const tags = ['triggers'];
const admin = { access: access.admin() };

export const triggersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/triggers',
    { config: admin, schema: { tags, querystring: ZListTriggersQuery, response: { 200: ZPage(ZTrigger) } } },
    (req) => listTriggers({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/triggers',
    { config: admin, schema: { tags, body: ZCreateTrigger, response: { 201: ZTrigger } } },
    async (req, reply) => reply.code(201).send(await createTrigger({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/triggers/:id',
    { config: admin, schema: { tags, params: ZIdParams, body: ZUpdateTrigger, response: { 200: ZTrigger } } },
    (req) => updateTrigger({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/triggers/:id', { config: admin, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteTrigger({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.get(
    '/triggers/:id/runs',
    {
      config: admin,
      schema: { tags, params: ZIdParams, querystring: ZTriggerRunsQuery, response: { 200: ZPage(ZTriggerRun) } },
    },
    (req) => listTriggerRuns({ ctx: req.ctx, id: req.params.id, input: req.query }),
  );
  app.get(
    '/trigger-runs',
    { config: admin, schema: { tags, querystring: ZWorkspaceRunsQuery, response: { 200: ZPage(ZTriggerRun) } } },
    (req) => listTicketTriggerRuns({ ctx: req.ctx, input: req.query }),
  );
};
