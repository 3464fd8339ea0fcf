import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZCreateDesk,
  ZCreateRequest,
  ZCreateRequestType,
  ZDesk,
  ZListDesksQuery,
  ZListRequestsQuery,
  ZListRequestTypesQuery,
  ZRequestType,
  ZStatusKey,
  ZTakeTransition,
  ZUpdateDesk,
  ZUpdateRequestType,
} from '../../../contracts/catalogue';
import { ZNumberParams, ZTicket, ZTicketPage } from '../../../contracts/tickets';
import { access } from '../../platform/http/access';
import { createDesk } from './create-desk';
import { createRequest } from './create-request';
import { createRequestType } from './create-request-type';
import { deleteDesk } from './delete-desk';
import { deleteRequestType } from './delete-request-type';
import { getDesk, listDesks } from './list-desks';
import { listRequests } from './list-requests';
import { getRequestType, listRequestTypes } from './list-request-types';
import { takeTransition } from './take-transition';
import { updateDesk } from './update-desk';
import { updateRequestType } from './update-request-type';

const tags = ['catalogue'];
const manage = { access: access.perm('catalog.manage') };
const signedIn = { access: access.signedIn() };
const ZTransitionParams = ZNumberParams.extend({ transitionId: ZStatusKey });

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/desks',
    { config: signedIn, schema: { tags, querystring: ZListDesksQuery, response: { 200: ZPage(ZDesk) } } },
    (req) => listDesks({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/desks',
    { config: manage, schema: { tags, body: ZCreateDesk, response: { 201: ZDesk } } },
    async (req, reply) => reply.code(201).send(await createDesk({ ctx: req.ctx, input: req.body })),
  );
  app.get('/desks/:id', { config: signedIn, schema: { tags, params: ZIdParams, response: { 200: ZDesk } } }, (req) =>
    getDesk({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/desks/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateDesk, response: { 200: ZDesk } } },
    (req) => updateDesk({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/desks/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteDesk({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.get(
    '/desks/:id/request-types',
    {
      config: signedIn,
      schema: { tags, params: ZIdParams, querystring: ZListRequestTypesQuery, response: { 200: ZPage(ZRequestType) } },
    },
    (req) => listRequestTypes({ ctx: req.ctx, deskId: req.params.id, input: req.query }),
  );
  app.post(
    '/desks/:id/request-types',
    { config: manage, schema: { tags, params: ZIdParams, body: ZCreateRequestType, response: { 201: ZRequestType } } },
    async (req, reply) =>
      reply.code(201).send(await createRequestType({ ctx: req.ctx, deskId: req.params.id, input: req.body })),
  );
  app.get(
    '/request-types/:id',
    { config: signedIn, schema: { tags, params: ZIdParams, response: { 200: ZRequestType } } },
    (req) => getRequestType({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/request-types/:id',
    {
      config: manage,
      schema: { tags, params: ZIdParams, body: ZUpdateRequestType, response: { 200: ZRequestType } },
    },
    (req) => updateRequestType({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/request-types/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteRequestType({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/requests',
    { config: { ...signedIn, idempotent: true }, schema: { tags, body: ZCreateRequest, response: { 201: ZTicket } } },
    async (req, reply) => reply.code(201).send(await createRequest({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/requests',
    { config: signedIn, schema: { tags, querystring: ZListRequestsQuery, response: { 200: ZTicketPage } } },
    (req) => listRequests({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/tickets/:number/transitions/:transitionId',
    {
      config: signedIn,
      schema: { tags, params: ZTransitionParams, body: ZTakeTransition, response: { 200: ZTicket } },
    },
    (req) =>
      takeTransition({
        ctx: req.ctx,
        number: req.params.number,
        transitionId: req.params.transitionId,
        input: req.body,
      }),
  );
};
