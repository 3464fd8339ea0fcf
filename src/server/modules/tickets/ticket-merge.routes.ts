import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZNumberParams, ZTicket } from '../../../contracts/tickets';
import { ZLinkParams, ZLinkTicket, ZMergeTicket } from '../../../contracts/ticket-merge';
import { access } from '../../platform/http/access';
import { linkTickets, unlinkTickets } from './link-tickets';
import { mergeTicket } from './merge-ticket';

const tags = ['tickets'];
const editors = { access: access.perm('tickets.edit') };

/** K9: merging and linking tickets (registered by tickets.routes.ts). */
export const ticketMergeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tickets/:number/merge',
    { config: editors, schema: { tags, params: ZNumberParams, body: ZMergeTicket, response: { 200: ZTicket } } },
    (req) => mergeTicket({ ctx: req.ctx, number: req.params.number, input: req.body }),
  );
  app.post(
    '/tickets/:number/links',
    { config: editors, schema: { tags, params: ZNumberParams, body: ZLinkTicket, response: { 201: ZTicket } } },
    async (req, reply) =>
      reply.code(201).send(await linkTickets({ ctx: req.ctx, number: req.params.number, input: req.body })),
  );
  app.delete(
    '/tickets/:number/links/:otherNumber',
    { config: editors, schema: { tags, params: ZLinkParams, response: { 200: ZTicket } } },
    (req) => unlinkTickets({ ctx: req.ctx, number: req.params.number, otherNumber: req.params.otherNumber }),
  );
};
