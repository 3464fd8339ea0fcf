import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZPayments, ZPaymentsQuery, ZTopUp, ZTopUpStarted, ZZarinpalCallback } from '../../../contracts/payments';
import { access } from '../../platform/http/access';
import { workspaceUrl } from '../workspaces';
import { listPayments } from './list-payments';
import { topUpCredit } from './top-up-credit';
import { zarinpalCallback } from './zarinpal-callback';

const tags = ['billing'];
const admin = { access: access.admin() };

/**
 * Online payments through Zarinpal (issue 19): top-up, the payer's return, the list. `cloud`: the
 * payer returns to PUBLIC_URL, which names no workspace, so the return is a platform route there.
 */
export const paymentsRoutes: FastifyPluginAsyncZod<{ cloud?: boolean }> = async (app, opts) => {
  app.post(
    '/billing/credit/top-up',
    { config: admin, schema: { tags, body: ZTopUp, response: { 200: ZTopUpStarted } } },
    (req) => topUpCredit({ ctx: req.ctx, input: req.body }),
  );
  // The payer's browser, back from Zarinpal: always a redirect to the billing page (in cloud
  // mode the payment's workspace's, on its own address).
  app.get(
    '/billing/callback/zarinpal',
    {
      config: { access: opts.cloud ? access.platform() : access.public() },
      schema: { tags, querystring: ZZarinpalCallback },
    },
    async (req, reply) => {
      const { outcome, slug } = await zarinpalCallback({ ctx: req.ctx, input: req.query });
      const base = slug ? workspaceUrl(req.ctx.deps.config, slug) : '';
      return reply.redirect(`${base}/admin/billing?payment=${outcome}`, 303);
    },
  );
  app.get(
    '/billing/payments',
    { config: admin, schema: { tags, querystring: ZPaymentsQuery, response: { 200: ZPayments } } },
    (req) => listPayments({ ctx: req.ctx, input: req.query }),
  );
};
