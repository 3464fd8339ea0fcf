import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZPlans, ZSubscription } from '../../../contracts/cloud';
import { access } from '../../platform/http/access';
import { getSubscription } from './get-subscription';
import { listPlans } from './list-plans';

const tags = ['subscription'];
/** Admins and staff with billing.manage; both answer 404 in a self-hosted install. */
const billing = { access: access.perm('billing.manage') };

/** Cloud mode (issue 19): the plans and the workspace's subscription. */
export const cloudRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/billing/plans', { config: billing, schema: { tags, response: { 200: ZPlans } } }, (req) =>
    listPlans({ ctx: req.ctx }),
  );
  app.get('/billing/subscription', { config: billing, schema: { tags, response: { 200: ZSubscription } } }, (req) =>
    getSubscription({ ctx: req.ctx }),
  );
};
