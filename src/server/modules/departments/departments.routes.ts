import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZAssignGroup,
  ZCreateDepartment,
  ZDepartment,
  ZListDepartmentsQuery,
  ZUpdateDepartment,
} from '../../../contracts/organisation';
import { access } from '../../platform/http/access';
import {
  assignGroupToDepartment,
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from './department-actions';

const tags = ['departments'];
const manage = { access: access.perm('departments.manage') };

export const departmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/departments',
    {
      config: { access: access.signedIn() },
      schema: { tags, querystring: ZListDepartmentsQuery, response: { 200: ZPage(ZDepartment) } },
    },
    (req) => listDepartments({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/departments',
    { config: manage, schema: { tags, body: ZCreateDepartment, response: { 201: ZDepartment } } },
    async (req, reply) => reply.code(201).send(await createDepartment({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/departments/:id',
    { config: { access: access.signedIn() }, schema: { tags, params: ZIdParams, response: { 200: ZDepartment } } },
    (req) => getDepartment({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/departments/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateDepartment, response: { 200: ZDepartment } } },
    (req) => updateDepartment({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/departments/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteDepartment({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/departments/:id/assign-group',
    { config: manage, schema: { tags, params: ZIdParams, body: ZAssignGroup, response: { 200: ZDepartment } } },
    (req) => assignGroupToDepartment({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
};
