import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../../contracts/common';
import {
  ZRecoveryCodes,
  ZTwoFactorCode,
  ZTwoFactorSetup,
  ZTwoFactorSetupInput,
  ZTwoFactorStatus,
  ZUserTwoFactor,
} from '../../../../contracts/two-factor';
import { access } from '../../../platform/http/access';
import { disableTwoFactor } from './disable-two-factor';
import { enableTwoFactor } from './enable-two-factor';
import { getTwoFactor } from './get-two-factor';
import { getUserTwoFactor } from './get-user-two-factor';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes';
import { resetUserTwoFactor } from './reset-user-two-factor';
import { setupTwoFactor } from './setup-two-factor';

const tags = ['me'];

/** K11: one's own two-factor sign-in (staff), and an admin's reset of someone else's. */
export const twoFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/two-factor',
    { config: { access: access.staff() }, schema: { tags, response: { 200: ZTwoFactorStatus } } },
    async (req) => getTwoFactor({ ctx: req.ctx }),
  );
  app.post(
    '/me/two-factor/setup',
    {
      config: { access: access.staff() },
      schema: { tags, body: ZTwoFactorSetupInput, response: { 200: ZTwoFactorSetup } },
    },
    async (req) => setupTwoFactor({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/me/two-factor/enable',
    { config: { access: access.staff() }, schema: { tags, body: ZTwoFactorCode, response: { 200: ZRecoveryCodes } } },
    async (req) => enableTwoFactor({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/me/two-factor/disable',
    { config: { access: access.staff() }, schema: { tags, body: ZTwoFactorCode } },
    async (req, reply) => {
      await disableTwoFactor({ ctx: req.ctx, input: req.body });
      return reply.code(204).send();
    },
  );
  app.post(
    '/me/two-factor/recovery-codes',
    { config: { access: access.staff() }, schema: { tags, body: ZTwoFactorCode, response: { 200: ZRecoveryCodes } } },
    async (req) => regenerateRecoveryCodes({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/users/:id/two-factor',
    {
      config: { access: access.admin() },
      schema: { tags: ['people'], params: ZIdParams, response: { 200: ZUserTwoFactor } },
    },
    async (req) => getUserTwoFactor({ ctx: req.ctx, id: req.params.id }),
  );
  app.delete(
    '/users/:id/two-factor',
    { config: { access: access.admin() }, schema: { tags: ['people'], params: ZIdParams } },
    async (req, reply) => {
      await resetUserTwoFactor({ ctx: req.ctx, id: req.params.id });
      return reply.code(204).send();
    },
  );
};
