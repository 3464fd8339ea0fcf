import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZBulk,
  ZBulkResult,
  ZCreateMessage,
  ZCreateTicket,
  ZDashboard,
  ZListTicketsQuery,
  ZMessage,
  ZNumberAndIdParams,
  ZNumberParams,
  ZTicket,
  ZTicketEvent,
  ZTicketPage,
  ZTicketView,
  ZStatusSeries,
  ZStatusSeriesQuery,
  ZUpdateMessage,
  ZUpdateTicket,
} from '../../../contracts/tickets';
import { linkSuggestSession } from '../kb';
import { access } from '../../platform/http/access';
import { addMessage } from './add-message';
import { bulkTickets } from './bulk-tickets';
import { createTicket } from './create-ticket';
import { dashboard } from './dashboard';
import { statusSeries } from './status-series';
import { getTicket } from './get-ticket';
import { listTickets } from './list-tickets';
import { assignToMe, deleteTicket, followTicket, restoreTicket } from './ticket-lifecycle';
import { ticketDetails } from './ticket-details';
import { deleteNote, editNote, listEvents, listMessages, listViews } from './thread';
import { updateTicket } from './update-ticket';
import { ticketMergeRoutes } from './ticket-merge.routes';

const tags = ['tickets'];
const signedIn = { access: access.signedIn() };
const staff = { access: access.staff() };

export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(ticketMergeRoutes);
  app.get(
    '/tickets',
    { config: signedIn, schema: { tags, querystring: ZListTicketsQuery, response: { 200: ZTicketPage } } },
    (req) => listTickets({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/tickets',
    { config: { ...signedIn, idempotent: true }, schema: { tags, body: ZCreateTicket, response: { 201: ZTicket } } },
    async (req, reply) => {
      const ticket = await createTicket({ ctx: req.ctx, input: req.body });
      // H3: a form that was shown suggestions still sent its ticket (deflection numbers).
      await linkSuggestSession(req.ctx, req.body.kbSession, ticket.number);
      return reply.code(201).send(ticket);
    },
  );
  app.post(
    '/tickets/bulk',
    { config: { access: access.perm('tickets.bulk') }, schema: { tags, body: ZBulk, response: { 200: ZBulkResult } } },
    (req) => bulkTickets({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/tickets/:number',
    { config: signedIn, schema: { tags, params: ZNumberParams, response: { 200: ZTicket } } },
    (req) => getTicket({ ctx: req.ctx, number: req.params.number }),
  );
  app.patch(
    '/tickets/:number',
    { config: signedIn, schema: { tags, params: ZNumberParams, body: ZUpdateTicket, response: { 200: ZTicket } } },
    (req) => updateTicket({ ctx: req.ctx, number: req.params.number, input: req.body }),
  );
  app.delete(
    '/tickets/:number',
    { config: { access: access.perm('tickets.delete') }, schema: { tags, params: ZNumberParams } },
    async (req, reply) => {
      await deleteTicket({ ctx: req.ctx, number: req.params.number });
      return reply.code(204).send();
    },
  );
  app.post(
    '/tickets/:number/restore',
    { config: { access: access.perm('tickets.delete') }, schema: { tags, params: ZNumberParams } },
    async (req, reply) => {
      await restoreTicket({ ctx: req.ctx, number: req.params.number });
      return reply.code(204).send();
    },
  );
  app.post(
    '/tickets/:number/assign-to-me',
    { config: staff, schema: { tags, params: ZNumberParams, response: { 200: ZTicket } } },
    async (req) => ticketDetails(req.ctx, await assignToMe({ ctx: req.ctx, number: req.params.number })),
  );
  // C13: following is per person — only the caller's own row changes, never the whole list.
  app.post(
    '/tickets/:number/followers/me',
    { config: staff, schema: { tags, params: ZNumberParams, response: { 200: ZTicket } } },
    async (req) => ticketDetails(req.ctx, await followTicket({ ctx: req.ctx, number: req.params.number, on: true })),
  );
  app.delete(
    '/tickets/:number/followers/me',
    { config: staff, schema: { tags, params: ZNumberParams, response: { 200: ZTicket } } },
    async (req) => ticketDetails(req.ctx, await followTicket({ ctx: req.ctx, number: req.params.number, on: false })),
  );
  app.get(
    '/tickets/:number/messages',
    {
      config: signedIn,
      schema: { tags, params: ZNumberParams, response: { 200: z.object({ items: z.array(ZMessage) }) } },
    },
    (req) => listMessages({ ctx: req.ctx, number: req.params.number }),
  );
  app.post(
    '/tickets/:number/messages',
    { config: signedIn, schema: { tags, params: ZNumberParams, body: ZCreateMessage, response: { 201: ZMessage } } },
    async (req, reply) =>
      reply.code(201).send(await addMessage({ ctx: req.ctx, number: req.params.number, input: req.body })),
  );
  app.patch(
    '/tickets/:number/messages/:id',
    { config: staff, schema: { tags, params: ZNumberAndIdParams, body: ZUpdateMessage, response: { 200: ZMessage } } },
    (req) => editNote({ ctx: req.ctx, number: req.params.number, id: req.params.id, input: req.body }),
  );
  app.delete(
    '/tickets/:number/messages/:id',
    { config: staff, schema: { tags, params: ZNumberAndIdParams } },
    async (req, reply) => {
      await deleteNote({ ctx: req.ctx, number: req.params.number, id: req.params.id });
      return reply.code(204).send();
    },
  );
  app.get(
    '/tickets/:number/events',
    {
      config: { access: access.perm('tickets.view_logs') },
      schema: { tags, params: ZNumberParams, response: { 200: z.object({ items: z.array(ZTicketEvent) }) } },
    },
    (req) => listEvents({ ctx: req.ctx, number: req.params.number }),
  );
  app.get(
    '/tickets/:number/views',
    {
      config: { access: access.perm('tickets.view_logs') },
      schema: { tags, params: ZNumberParams, response: { 200: z.object({ items: z.array(ZTicketView) }) } },
    },
    (req) => listViews({ ctx: req.ctx, number: req.params.number }),
  );
  app.get(
    '/dashboard/status-series',
    {
      config: staff,
      schema: { tags: ['dashboard'], querystring: ZStatusSeriesQuery, response: { 200: ZStatusSeries } },
    },
    (req) => statusSeries({ ctx: req.ctx, query: req.query }),
  );
  app.get('/dashboard', { config: signedIn, schema: { tags: ['dashboard'], response: { 200: ZDashboard } } }, (req) =>
    dashboard({ ctx: req.ctx }),
  );
};
