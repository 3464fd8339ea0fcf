import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCredit } from '../../../contracts/billing';
import {
  ZOperatorCredit,
  ZOperatorLogin,
  ZOperatorPayments,
  ZOperatorPaymentsQuery,
  ZOperatorSession,
  ZOperatorSuspend,
  ZOperatorWorkspaces,
  ZOperatorWorkspacesQuery,
  ZPlan,
  ZPlanInput,
  ZPlanPatch,
  ZPlanPatchWithId,
  ZPlans,
  ZPlatformSettings,
  ZPlatformSettingsPatch,
} from '../../../contracts/cloud';
import { ZIdParams } from '../../../contracts/common';
import { access } from '../../platform/http/access';
import { createPlan } from './create-plan';
import { grantWorkspaceCredit } from './grant-workspace-credit';
import { listPlans } from './list-plans';
import { listAllPayments } from './list-payments';
import { listWorkspaces } from './list-workspaces';
import { loginOperator } from './login-operator';
import { logoutOperator } from './logout-operator';
import { operatorOf } from './operator-auth';
import { OPERATOR_COOKIE, OPERATOR_COOKIE_PATH, OPERATOR_SESSION_MS } from './operator-token';
import { getPlatformSettings, updatePlatformSettings } from './platform-settings';
import { resumeWorkspace, suspendWorkspace } from './suspend-workspace';
import { updatePlan } from './update-plan';

const tags = ['operator'];
const op = { access: access.operator() };

/** The platform operator's console (cloud mode): thin routes, one action each. */
export const operatorRoutes: FastifyPluginAsyncZod = async (app) => {
  // Outside access.operator(): signing in is how one gets it. Answers 404 without an operator.
  app.post(
    '/operator/login',
    {
      config: { access: access.platform() },
      schema: { tags, body: ZOperatorLogin, response: { 200: ZOperatorSession } },
    },
    async (req, reply) => {
      const { cookie, session } = await loginOperator({ ctx: req.ctx, input: req.body });
      reply.setCookie(OPERATOR_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.ctx.deps.config.publicUrl.startsWith('https:') || req.protocol === 'https',
        path: OPERATOR_COOKIE_PATH,
        maxAge: OPERATOR_SESSION_MS / 1000,
      });
      return session;
    },
  );
  app.post('/operator/logout', { config: op, schema: { tags } }, async (req, reply) => {
    await logoutOperator({ ctx: req.ctx, operator: operatorOf(req) });
    reply.clearCookie(OPERATOR_COOKIE, { path: OPERATOR_COOKIE_PATH });
    return reply.code(204).send();
  });
  app.get('/operator/session', { config: op, schema: { tags, response: { 200: ZOperatorSession } } }, (req) => {
    const { username, csrfToken } = operatorOf(req);
    return { username, csrfToken };
  });

  app.get(
    '/operator/workspaces',
    { config: op, schema: { tags, querystring: ZOperatorWorkspacesQuery, response: { 200: ZOperatorWorkspaces } } },
    (req) => listWorkspaces({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/operator/workspaces/:id/suspend',
    { config: op, schema: { tags, params: ZIdParams, body: ZOperatorSuspend } },
    async (req, reply) => {
      const input = { workspaceId: req.params.id, note: req.body.note };
      await suspendWorkspace({ ctx: req.ctx, operator: operatorOf(req), input });
      return reply.code(204).send();
    },
  );
  app.post(
    '/operator/workspaces/:id/resume',
    { config: op, schema: { tags, params: ZIdParams } },
    async (req, reply) => {
      await resumeWorkspace({ ctx: req.ctx, operator: operatorOf(req), input: { workspaceId: req.params.id } });
      return reply.code(204).send();
    },
  );
  app.post(
    '/operator/workspaces/:id/credit',
    { config: op, schema: { tags, params: ZIdParams, body: ZOperatorCredit, response: { 200: ZCredit } } },
    (req) =>
      grantWorkspaceCredit({ ctx: req.ctx, operator: operatorOf(req), workspaceId: req.params.id, input: req.body }),
  );

  app.get('/operator/plans', { config: op, schema: { tags, response: { 200: ZPlans } } }, (req) =>
    listPlans({ ctx: req.ctx }),
  );
  app.post(
    '/operator/plans',
    { config: op, schema: { tags, body: ZPlanInput, response: { 201: ZPlan } } },
    async (req, reply) =>
      reply.code(201).send(await createPlan({ ctx: req.ctx, operator: operatorOf(req), input: req.body })),
  );
  // api.md names `PATCH /operator/plans`; the plan's id then comes in the body.
  app.patch(
    '/operator/plans',
    { config: op, schema: { tags, body: ZPlanPatchWithId, response: { 200: ZPlan } } },
    (req) => {
      const { id, ...input } = req.body;
      return updatePlan({ ctx: req.ctx, operator: operatorOf(req), id, input });
    },
  );
  app.patch(
    '/operator/plans/:id',
    { config: op, schema: { tags, params: ZIdParams, body: ZPlanPatch, response: { 200: ZPlan } } },
    (req) => updatePlan({ ctx: req.ctx, operator: operatorOf(req), id: req.params.id, input: req.body }),
  );

  app.get('/operator/settings', { config: op, schema: { tags, response: { 200: ZPlatformSettings } } }, (req) =>
    getPlatformSettings({ ctx: req.ctx }),
  );
  app.patch(
    '/operator/settings',
    { config: op, schema: { tags, body: ZPlatformSettingsPatch, response: { 200: ZPlatformSettings } } },
    (req) => updatePlatformSettings({ ctx: req.ctx, operator: operatorOf(req), input: req.body }),
  );

  app.get(
    '/operator/payments',
    { config: op, schema: { tags, querystring: ZOperatorPaymentsQuery, response: { 200: ZOperatorPayments } } },
    (req) => listAllPayments({ ctx: req.ctx, input: req.query }),
  );
};
