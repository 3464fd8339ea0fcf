import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../contracts/common';
import { ZUpload } from '../../../contracts/tickets';
import { access } from '../../platform/http/access';
import { downloadAttachment } from './download-attachment';
import { uploadAttachment } from './upload-attachment';

const tags = ['attachments'];
const signedIn = { access: access.signedIn() };

/** C6 for members and staff: upload first, then name the upload in a ticket or a reply. */
export const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/uploads',
    { config: signedIn, schema: { tags, consumes: ['multipart/form-data'], response: { 201: ZUpload } } },
    async (req, reply) => reply.code(201).send(await uploadAttachment({ ctx: req.ctx, parts: req.files() })),
  );
  app.get('/attachments/:id', { config: signedIn, schema: { tags, params: ZIdParams } }, (req, reply) =>
    downloadAttachment({ ctx: req.ctx, id: req.params.id, reply }),
  );
};
