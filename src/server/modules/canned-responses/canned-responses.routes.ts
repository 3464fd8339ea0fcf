import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZCannedResponse,
  ZCreateCannedResponse,
  ZListCannedResponsesQuery,
  ZRenderCannedQuery,
  ZRenderedCanned,
  ZUpdateCannedResponse,
} from '../../../contracts/canned-responses';
import { access } from '../../platform/http/access';
import { createCannedResponse } from './create-canned-response';
import { deleteCannedResponse } from './delete-canned-response';
import { listCannedResponses } from './list-canned-responses';
import { renderCannedResponse } from './render-canned-response';
import { updateCannedResponse } from './update-canned-response';

/** K6: canned responses, for staff (shared ones written with canned.manage; checked in the actions). */
export const cannedResponsesRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = { access: access.staff() };
  const tags = ['canned-responses'];
  app.get(
    '/canned-responses',
    {
      config: staff,
      schema: { tags, querystring: ZListCannedResponsesQuery, response: { 200: ZPage(ZCannedResponse) } },
    },
    (req) => listCannedResponses({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/canned-responses',
    { config: staff, schema: { tags, body: ZCreateCannedResponse, response: { 201: ZCannedResponse } } },
    async (req, reply) => reply.code(201).send(await createCannedResponse({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/canned-responses/:id',
    {
      config: staff,
      schema: { tags, params: ZIdParams, body: ZUpdateCannedResponse, response: { 200: ZCannedResponse } },
    },
    (req) => updateCannedResponse({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/canned-responses/:id', { config: staff, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteCannedResponse({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.get(
    '/canned-responses/:id/render',
    {
      config: staff,
      schema: { tags, params: ZIdParams, querystring: ZRenderCannedQuery, response: { 200: ZRenderedCanned } },
    },
    (req) => renderCannedResponse({ ctx: req.ctx, id: req.params.id, ticketNumber: req.query.ticketNumber }),
  );
};
