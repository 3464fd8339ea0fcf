import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../contracts/common';
import { ZChangePassword, ZMeUpdated, ZUpdateMe, ZUser, ZVerifyContact } from '../../../contracts/people';
import { access } from '../../platform/http/access';
import { changePassword, updateMe } from './update-me';
import { setAvatar, sendAvatar } from './avatar';
import { verifyContact } from './contact-change';

const tags = ['me'];

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/me',
    { config: { access: access.signedIn() }, schema: { tags, body: ZUpdateMe, response: { 200: ZMeUpdated } } },
    async (req) => updateMe({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/me/verify-contact',
    { config: { access: access.signedIn() }, schema: { tags, body: ZVerifyContact, response: { 200: ZUser } } },
    async (req) => verifyContact({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/me/password',
    { config: { access: access.signedIn() }, schema: { tags, body: ZChangePassword } },
    async (req, reply) => {
      await changePassword({ ctx: req.ctx, input: req.body });
      return reply.code(204).send();
    },
  );
  app.post(
    '/me/avatar',
    {
      config: { access: access.signedIn() },
      schema: { tags, consumes: ['multipart/form-data'], response: { 200: ZUser } },
    },
    async (req) => setAvatar({ ctx: req.ctx, parts: req.files() }),
  );
  app.get(
    '/users/:id/avatar',
    { config: { access: access.signedIn() }, schema: { tags, params: ZIdParams } },
    async (req, reply) => sendAvatar({ ctx: req.ctx, id: req.params.id, reply }),
  );
};
