import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZPlatformInfo,
  ZSignup,
  ZSignupDone,
  ZSignupHandoffQuery,
  ZSignupStarted,
  ZSignupVerify,
} from '../../../contracts/cloud';
import { redeemHandoff } from './handoff';
import { setSessionCookie } from '../auth';
import { access } from '../../platform/http/access';
import { getPlatform } from './get-platform';
import { startSignup } from './start-signup';
import { verifySignup } from './verify-signup';

const tags = ['signup'];
const platform = { access: access.platform() };

/** Cloud sign-up (I1) and what the web app asks before it knows a workspace. */
export const cloudSignupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/public/platform', { config: platform, schema: { tags, response: { 200: ZPlatformInfo } } }, (req) =>
    getPlatform({ ctx: req.ctx, headers: req.headers }),
  );
  app.post(
    '/public/signup',
    { config: platform, schema: { tags, body: ZSignup, response: { 202: ZSignupStarted } } },
    async (req, reply) => reply.code(202).send(await startSignup({ ctx: req.ctx, input: req.body })),
  );
  app.post(
    '/public/signup/verify',
    { config: platform, schema: { tags, body: ZSignupVerify, response: { 201: ZSignupDone } } },
    async (req, reply) => {
      const done = await verifySignup({ ctx: req.ctx, input: req.body, userAgent: req.headers['user-agent'] });
      // The same cookie as a sign-in (auth.routes.ts startSession): the new admin is signed in.
      setSessionCookie(req, reply, done.cookie);
      return reply
        .code(201)
        .send({ workspace: done.workspace, user: done.user, csrfToken: done.csrfToken, signInUrl: done.signInUrl });
    },
  );
  app.get(
    '/public/signup/handoff',
    { config: { access: access.public() }, schema: { tags, querystring: ZSignupHandoffQuery } },
    async (req, reply) => {
      const cookie = req.ctx.deps.config.cloud.enabled ? await redeemHandoff(req.ctx, req.query.token) : null;
      // Used, expired or forged: the sign-in page, where the SMS link or a code signs them in.
      if (!cookie) return reply.redirect('/login', 303);
      setSessionCookie(req, reply, cookie);
      return reply.redirect('/admin', 303);
    },
  );
};
