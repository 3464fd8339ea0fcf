import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import { ZCreateUser, ZListUsersQuery, ZUpdateUser, ZUser } from '../../../contracts/people';
import { access } from '../../platform/http/access';
import { NotFound } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { createUser } from './create-user';
import { deleteUser } from './delete-user';
import { updateUser } from './update-user';
import { findUser, listUsers, shownTo, userWithLinks } from './users.repo';

const tags = ['people'];
/** customers.manage: customers; users.manage: agents and customers (manage-rules.ts decides per person). */
const manage = access.perm('customers.manage', 'users.manage');

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: { access: access.staff() },
      schema: { tags, querystring: ZListUsersQuery, response: { 200: ZPage(ZUser) } },
    },
    async (req) => {
      const { rows, total } = await listUsers(req.ctx, req.query);
      return pageOf(rows, total, req.query);
    },
  );
  app.post(
    '/users',
    {
      config: { access: manage },
      schema: { tags, body: ZCreateUser, response: { 201: ZUser } },
    },
    async (req, reply) => reply.code(201).send(await createUser({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/users/:id',
    { config: { access: access.staff() }, schema: { tags, params: ZIdParams, response: { 200: ZUser } } },
    async (req) => {
      const row = await findUser(req.ctx, req.params.id);
      if (!row) throw NotFound();
      return shownTo(req.ctx, await userWithLinks(req.ctx, row));
    },
  );
  app.patch(
    '/users/:id',
    {
      config: { access: manage },
      schema: { tags, params: ZIdParams, body: ZUpdateUser, response: { 200: ZUser } },
    },
    async (req) => updateUser({ ctx: req.ctx, input: req.body, id: req.params.id }),
  );
  app.delete('/users/:id', { config: { access: manage }, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteUser({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
};
