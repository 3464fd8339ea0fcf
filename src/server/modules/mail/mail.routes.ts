import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage, ZPageQuery } from '../../../contracts/common';
import {
  ZCreateMailbox,
  ZFetchMailboxes,
  ZFetchQueued,
  ZListMailboxesQuery,
  ZMailbox,
  ZMailboxTestResult,
  ZQuarantinedMail,
  ZQuarantineParams,
  ZRetryResult,
  ZTestMailboxOverrides,
  ZUpdateMailbox,
} from '../../../contracts/mail';
import { ZTicket } from '../../../contracts/tickets';
import { access } from '../../platform/http/access';
import { createMailbox } from './create-mailbox';
import { deleteMailbox } from './delete-mailbox';
import { importEml } from './import/import-eml';
import { fetchNow } from './intake/fetch-now';
import { downloadQuarantined, listQuarantine, retryQuarantined } from './intake/quarantine';
import { getMailbox, listMailboxes } from './list-mailboxes';
import { testMailbox, testMailboxSettings } from './test-mailbox';
import { updateMailbox } from './update-mailbox';

const tags = ['mail'];
const manage = { access: access.perm('mailboxes.manage') };

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/mailboxes',
    { config: manage, schema: { tags, querystring: ZListMailboxesQuery, response: { 200: ZPage(ZMailbox) } } },
    (req) => listMailboxes({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/mailboxes',
    { config: manage, schema: { tags, body: ZCreateMailbox, response: { 201: ZMailbox } } },
    async (req, reply) => reply.code(201).send(await createMailbox({ ctx: req.ctx, input: req.body })),
  );
  app.post(
    '/mailboxes/test',
    { config: manage, schema: { tags, body: ZCreateMailbox, response: { 200: ZMailboxTestResult } } },
    (req) => testMailboxSettings({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/mailboxes/fetch',
    {
      config: { access: access.staff() },
      schema: { tags, body: ZFetchMailboxes.optional(), response: { 202: ZFetchQueued } },
    },
    async (req, reply) => reply.code(202).send(await fetchNow({ ctx: req.ctx, input: req.body ?? {} })),
  );
  app.get(
    '/mailboxes/:id',
    { config: manage, schema: { tags, params: ZIdParams, response: { 200: ZMailbox } } },
    (req) => getMailbox({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/mailboxes/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateMailbox, response: { 200: ZMailbox } } },
    (req) => updateMailbox({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/mailboxes/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteMailbox({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/mailboxes/:id/test',
    {
      config: manage,
      schema: {
        tags,
        params: ZIdParams,
        body: ZTestMailboxOverrides.optional(),
        response: { 200: ZMailboxTestResult },
      },
    },
    (req) => testMailbox({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  // F2: what intake could not import, kept with its error and raw bytes.
  app.get(
    '/mailboxes/:id/quarantine',
    {
      config: manage,
      schema: { tags, params: ZIdParams, querystring: ZPageQuery, response: { 200: ZPage(ZQuarantinedMail) } },
    },
    (req) => listQuarantine({ ctx: req.ctx, mailboxId: req.params.id, page: req.query }),
  );
  app.get(
    '/mailboxes/:id/quarantine/:entryId/raw',
    { config: manage, schema: { tags, params: ZQuarantineParams } },
    (req, reply) => downloadQuarantined({ ctx: req.ctx, mailboxId: req.params.id, entryId: req.params.entryId, reply }),
  );
  app.post(
    '/mailboxes/:id/quarantine/:entryId/retry',
    { config: manage, schema: { tags, params: ZQuarantineParams, response: { 200: ZRetryResult } } },
    (req) => retryQuarantined({ ctx: req.ctx, mailboxId: req.params.id, entryId: req.params.entryId }),
  );
  // C19: a saved e-mail (.eml, multipart field `file`) becomes a ticket of a department.
  app.post(
    '/tickets/import',
    {
      config: { access: access.perm('tickets.import') },
      schema: { tags: ['tickets'], consumes: ['multipart/form-data'], response: { 201: ZTicket } },
    },
    async (req, reply) => reply.code(201).send(await importEml({ ctx: req.ctx, parts: req.parts() })),
  );
};
