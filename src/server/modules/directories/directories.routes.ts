import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../contracts/common';
import {
  ZCreateDirectory,
  ZDirectory,
  ZDirectoryTestResult,
  ZSyncRequest,
  ZSyncResult,
  ZUpdateDirectory,
} from '../../../contracts/directories';
import { access } from '../../platform/http/access';
import { getDirectory, listDirectories } from './list-directories';
import { createDirectory, deleteDirectory, updateDirectory } from './save-directory';
import { syncNow } from './sync-now';
import { testDirectory } from './test-directory';

const tags = ['directories'];
const admin = { access: access.admin() };

/** A5: the directories people sign in with (admins only: a mapping can make someone an admin). */
export const directoriesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/directories',
    { config: admin, schema: { tags, response: { 200: z.object({ items: z.array(ZDirectory) }) } } },
    (req) => listDirectories({ ctx: req.ctx }),
  );
  app.post(
    '/directories',
    { config: admin, schema: { tags, body: ZCreateDirectory, response: { 201: ZDirectory } } },
    async (req, reply) => reply.code(201).send(await createDirectory({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/directories/:id',
    { config: admin, schema: { tags, params: ZIdParams, response: { 200: ZDirectory } } },
    (req) => getDirectory({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/directories/:id',
    { config: admin, schema: { tags, params: ZIdParams, body: ZUpdateDirectory, response: { 200: ZDirectory } } },
    async (req) => {
      await updateDirectory({ ctx: req.ctx, id: req.params.id, input: req.body });
      return getDirectory({ ctx: req.ctx, id: req.params.id });
    },
  );
  app.delete('/directories/:id', { config: admin, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteDirectory({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/directories/:id/test',
    { config: admin, schema: { tags, params: ZIdParams, response: { 200: ZDirectoryTestResult } } },
    (req) => testDirectory({ ctx: req.ctx, id: req.params.id }),
  );
  app.post(
    '/directories/:id/sync',
    { config: admin, schema: { tags, params: ZIdParams, body: ZSyncRequest, response: { 200: ZSyncResult } } },
    (req) => syncNow({ ctx: req.ctx, id: req.params.id, dryRun: req.body?.dryRun ?? false }),
  );
};
