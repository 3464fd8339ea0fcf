import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZBuySubscription, ZSubscriptionStarted } from '../../../contracts/cloud';
import { access } from '../../platform/http/access';
import { buySubscription } from './buy-subscription';

const tags = ['subscription'];

/** Buying a plan online (cloud mode): the payer's return is the billing module's Zarinpal callback. */
export const subscriptionPaymentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/billing/subscription',
    {
      config: { access: access.admin() },
      schema: { tags, body: ZBuySubscription, response: { 200: ZSubscriptionStarted } },
    },
    (req) => buySubscription({ ctx: req.ctx, input: req.body }),
  );
};
