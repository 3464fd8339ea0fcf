import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZGuestCreate,
  ZGuestCreated,
  ZGuestReply,
  ZGuestTicket,
  ZMessage,
  ZGuestNumberAndIdParams,
  ZGuestNumberParams,
  ZTrackingQuery,
  ZUpload,
} from '../../../contracts/tickets';
import { linkSuggestSession } from '../kb';
import { access } from '../../platform/http/access';
import { addGuestMessage } from './add-guest-message';
import { createGuestTicket } from './create-guest-ticket';
import { downloadGuestAttachment } from './download-guest-attachment';
import { getGuestTicket } from './get-guest-ticket';
import { resendGuestLink, ZGuestLinkResend } from './resend-guest-link';
import { uploadGuestAttachment } from './upload-guest-attachment';

const tags = ['public'];
const pub = { access: access.public() };

/** F4: the guest form. The tracking code in `?code=` is the guest's only credential. */
export const publicTicketsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/public/uploads',
    { config: pub, schema: { tags, consumes: ['multipart/form-data'], response: { 201: ZUpload } } },
    async (req, reply) => reply.code(201).send(await uploadGuestAttachment({ ctx: req.ctx, parts: req.files() })),
  );
  app.post(
    '/public/tickets',
    { config: { ...pub, idempotent: true }, schema: { tags, body: ZGuestCreate, response: { 201: ZGuestCreated } } },
    async (req, reply) => {
      const created = await createGuestTicket({ ctx: req.ctx, input: req.body });
      await linkSuggestSession(req.ctx, req.body.kbSession, created.number);
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/public/tickets/:number',
    {
      config: pub,
      schema: { tags, params: ZGuestNumberParams, querystring: ZTrackingQuery, response: { 200: ZGuestTicket } },
    },
    (req) => getGuestTicket({ ctx: req.ctx, number: req.params.number, code: req.query.code }),
  );
  app.post(
    '/public/tickets/:number/messages',
    {
      config: pub,
      schema: {
        tags,
        params: ZGuestNumberParams,
        querystring: ZTrackingQuery,
        body: ZGuestReply,
        response: { 201: ZMessage },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await addGuestMessage({ ctx: req.ctx, number: req.params.number, code: req.query.code, input: req.body }),
        ),
  );
  app.post(
    '/public/tickets/:number/resend-link',
    { config: pub, schema: { tags, params: ZGuestNumberParams, body: ZGuestLinkResend } },
    async (req, reply) => {
      await resendGuestLink({ ctx: req.ctx, number: req.params.number, input: req.body });
      return reply.code(202).send();
    },
  );
  app.get(
    '/public/tickets/:number/attachments/:id',
    { config: pub, schema: { tags, params: ZGuestNumberAndIdParams, querystring: ZTrackingQuery } },
    (req, reply) =>
      downloadGuestAttachment({
        ctx: req.ctx,
        number: req.params.number,
        code: req.query.code,
        id: req.params.id,
        reply,
      }),
  );
};
