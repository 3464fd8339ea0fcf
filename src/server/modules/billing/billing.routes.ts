import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCredit,
  ZCreditEntries,
  ZCreditEntriesQuery,
  ZCreditUsage,
  ZCreditUsageQuery,
  ZGrantCredit,
  ZUpdateCredit,
} from '../../../contracts/billing';
import { access } from '../../platform/http/access';
import { getCredit } from './get-credit';
import { grantCredit } from './grant-credit';
import { listCreditEntries } from './list-credit-entries';
import { updateCredit } from './update-credit';
import { usagePerDay } from './usage-per-day';

const tags = ['billing'];
/** Reading: settings or billing managers. Writing: the admin (self-hosted; cloud mode is not modelled yet). */
const read = { access: access.perm('settings.manage', 'billing.manage') };
const admin = { access: access.admin() };

/** The SMS credit (I2): thin routes, one action each. */
export const billingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/billing/credit', { config: read, schema: { tags, response: { 200: ZCredit } } }, (req) =>
    getCredit({ ctx: req.ctx }),
  );
  app.patch(
    '/billing/credit',
    { config: admin, schema: { tags, body: ZUpdateCredit, response: { 200: ZCredit } } },
    (req) => updateCredit({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/billing/credit/grant',
    { config: admin, schema: { tags, body: ZGrantCredit, response: { 200: ZCredit } } },
    (req) => grantCredit({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/billing/credit/entries',
    { config: read, schema: { tags, querystring: ZCreditEntriesQuery, response: { 200: ZCreditEntries } } },
    (req) => listCreditEntries({ ctx: req.ctx, input: req.query }),
  );
  app.get(
    '/billing/credit/usage',
    { config: read, schema: { tags, querystring: ZCreditUsageQuery, response: { 200: ZCreditUsage } } },
    (req) => usagePerDay({ ctx: req.ctx, input: req.query }),
  );
};
