import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../../contracts/common';
import {
  ZCreatedPushSubscription,
  ZCreatePushSubscription,
  ZPushKey,
  ZPushSubscriptions,
} from '../../../../contracts/push';
import { access } from '../../../platform/http/access';
import { createPushSubscription, deletePushSubscription, getPushKey, listPushSubscriptions } from './subscriptions';

const tags = ['me'];
const own = { access: access.signedIn() };

/** Web Push (G1): the install's public key, and each person's browser subscriptions. */
export const pushRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/push-key',
    { config: { access: access.public() }, schema: { tags: ['public'], response: { 200: ZPushKey } } },
    (req) => getPushKey({ ctx: req.ctx }),
  );
  app.get('/me/push-subscriptions', { config: own, schema: { tags, response: { 200: ZPushSubscriptions } } }, (req) =>
    listPushSubscriptions({ ctx: req.ctx }),
  );
  app.post(
    '/me/push-subscriptions',
    { config: own, schema: { tags, body: ZCreatePushSubscription, response: { 201: ZCreatedPushSubscription } } },
    async (req, reply) => {
      const created = await createPushSubscription({
        ctx: req.ctx,
        input: req.body,
        userAgent: req.headers['user-agent'],
      });
      return reply.code(201).send(created);
    },
  );
  app.delete('/me/push-subscriptions/:id', { config: own, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deletePushSubscription({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
};
