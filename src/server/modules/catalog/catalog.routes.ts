import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZCreateOrgUnit,
  ZCreateTag,
  ZCreateTicketType,
  ZListTagsQuery,
  ZOrgUnit,
  ZTag,
  ZTicketType,
  ZUpdateOrgUnit,
  ZUpdateTicketType,
} from '../../../contracts/organisation';
import { access } from '../../platform/http/access';
import { createOrgUnit, deleteOrgUnit, listOrgUnits, updateOrgUnit } from './org-units';
import { createTag, deleteTag, listTags } from './tags';
import { createTicketType, deleteTicketType, listTicketTypes, updateTicketType } from './ticket-types';

const manage = { access: access.perm('catalog.manage') };
const signedIn = { access: access.signedIn() };

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const noContent = (reply: { code(n: number): { send(): unknown } }) => reply.code(204).send();

  const tt = { tags: ['ticket-types'] };
  app.get('/ticket-types', { config: signedIn, schema: { ...tt, response: { 200: ZPage(ZTicketType) } } }, (req) =>
    listTicketTypes({ ctx: req.ctx }),
  );
  app.post(
    '/ticket-types',
    { config: manage, schema: { ...tt, body: ZCreateTicketType, response: { 201: ZTicketType } } },
    async (req, reply) => reply.code(201).send(await createTicketType({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/ticket-types/:id',
    { config: manage, schema: { ...tt, params: ZIdParams, body: ZUpdateTicketType, response: { 200: ZTicketType } } },
    (req) => updateTicketType({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/ticket-types/:id', { config: manage, schema: { ...tt, params: ZIdParams } }, async (req, reply) => {
    await deleteTicketType({ ctx: req.ctx, id: req.params.id });
    return noContent(reply);
  });

  const tg = { tags: ['tags'] };
  app.get(
    '/tags',
    {
      config: { access: access.staff() },
      schema: { ...tg, querystring: ZListTagsQuery, response: { 200: ZPage(ZTag) } },
    },
    (req) => listTags({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/tags',
    { config: manage, schema: { ...tg, body: ZCreateTag, response: { 201: ZTag } } },
    async (req, reply) => reply.code(201).send(await createTag({ ctx: req.ctx, input: req.body })),
  );
  app.delete('/tags/:id', { config: manage, schema: { ...tg, params: ZIdParams } }, async (req, reply) => {
    await deleteTag({ ctx: req.ctx, id: req.params.id });
    return noContent(reply);
  });

  const ou = { tags: ['org-units'] };
  app.get('/org-units', { config: signedIn, schema: { ...ou, response: { 200: ZPage(ZOrgUnit) } } }, (req) =>
    listOrgUnits({ ctx: req.ctx }),
  );
  app.post(
    '/org-units',
    { config: manage, schema: { ...ou, body: ZCreateOrgUnit, response: { 201: ZOrgUnit } } },
    async (req, reply) => reply.code(201).send(await createOrgUnit({ ctx: req.ctx, input: req.body })),
  );
  app.patch(
    '/org-units/:id',
    { config: manage, schema: { ...ou, params: ZIdParams, body: ZUpdateOrgUnit, response: { 200: ZOrgUnit } } },
    (req) => updateOrgUnit({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/org-units/:id', { config: manage, schema: { ...ou, params: ZIdParams } }, async (req, reply) => {
    await deleteOrgUnit({ ctx: req.ctx, id: req.params.id });
    return noContent(reply);
  });
};
