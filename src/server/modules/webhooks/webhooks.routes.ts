import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage, ZPageQuery } from '../../../contracts/common';
import {
  ZCreateWebhook,
  ZUpdateWebhook,
  ZWebhook,
  ZWebhookDelivery,
  ZWebhookDeliveryParams,
  ZWebhookTestResult,
  ZWebhookWithSecret,
} from '../../../contracts/webhooks';
import { access } from '../../platform/http/access';
import { getWebhook, listDeliveries, listWebhooks } from './list-webhooks';
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from './save-webhook';
import { retryDelivery, testWebhook } from './send-now';

const tags = ['webhooks'];
const admin = { access: access.admin() };

/** K10: webhooks and their delivery log (admins only: a webhook sends ticket content out). */
export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/webhooks',
    { config: admin, schema: { tags, querystring: ZPageQuery, response: { 200: ZPage(ZWebhook) } } },
    (req) => listWebhooks({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/webhooks',
    { config: admin, schema: { tags, body: ZCreateWebhook, response: { 201: ZWebhookWithSecret } } },
    async (req, reply) => reply.code(201).send(await createWebhook({ ctx: req.ctx, input: req.body })),
  );
  app.get('/webhooks/:id', { config: admin, schema: { tags, params: ZIdParams, response: { 200: ZWebhook } } }, (req) =>
    getWebhook({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/webhooks/:id',
    { config: admin, schema: { tags, params: ZIdParams, body: ZUpdateWebhook, response: { 200: ZWebhook } } },
    (req) => updateWebhook({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/webhooks/:id', { config: admin, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteWebhook({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/webhooks/:id/rotate-secret',
    { config: admin, schema: { tags, params: ZIdParams, response: { 200: ZWebhookWithSecret } } },
    (req) => rotateWebhookSecret({ ctx: req.ctx, id: req.params.id }),
  );
  app.post(
    '/webhooks/:id/test',
    { config: admin, schema: { tags, params: ZIdParams, response: { 202: ZWebhookTestResult } } },
    async (req, reply) => reply.code(202).send(await testWebhook({ ctx: req.ctx, id: req.params.id })),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      config: admin,
      schema: { tags, params: ZIdParams, querystring: ZPageQuery, response: { 200: ZPage(ZWebhookDelivery) } },
    },
    (req) => listDeliveries({ ctx: req.ctx, id: req.params.id, input: req.query }),
  );
  app.post(
    '/webhooks/:id/deliveries/:deliveryId/retry',
    { config: admin, schema: { tags, params: ZWebhookDeliveryParams, response: { 202: ZWebhookDelivery } } },
    async (req, reply) =>
      reply.code(202).send(await retryDelivery({ ctx: req.ctx, id: req.params.id, deliveryId: req.params.deliveryId })),
  );
};
