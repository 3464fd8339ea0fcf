import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ZForgotPassword,
  ZLogin,
  ZMe,
  ZOtpRequest,
  ZOtpSent,
  ZOtpVerify,
  ZRegister,
  ZResetPassword,
  ZSessionState,
} from '../../../contracts/auth';
import { ZDirectoryLogin } from '../../../contracts/directories';
import { register, requestOtp } from './register';
import { verifyOtp } from './verify-otp';
import { requestAdminLink } from './admin-link';
import { access } from '../../platform/http/access';
import { actorFromSession, SESSION_COOKIE } from '../../platform/auth/resolve-actor';
import { actorCacheOf } from '../../platform/auth/actor-cache';
import { getMe, sessionCsrf } from './get-me';
import { login } from './login';
import { deleteSession } from './sessions.repo';
import { forgotPassword } from './forgot-password';
import { setSessionCookie } from './session-cookie';
import { resetPassword } from './reset-password';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Sets the session cookie of a new session and answers with /auth/me. */
  const startSession = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: { cookie: string; csrfToken: string; userId: number },
  ) => {
    setSessionCookie(req, reply, s.cookie);
    const resolved = await actorFromSession(req.ctx.deps.database.db, s.cookie, req.ctx.deps.clock.now());
    if (!resolved || resolved.actor.id !== s.userId) throw new Error('new session not found');
    return getMe({ ctx: { ...req.ctx, actor: resolved.actor }, csrfToken: s.csrfToken });
  };

  app.post(
    '/auth/login',
    { config: { access: access.public() }, schema: { tags, body: ZLogin, response: { 200: ZMe } } },
    async (req, reply) =>
      startSession(req, reply, await login({ ctx: req.ctx, input: req.body, userAgent: req.headers['user-agent'] })),
  );
  // A5: the same sign-in for directory accounts only (a local account is refused alike).
  app.post(
    '/auth/ldap',
    { config: { access: access.public() }, schema: { tags, body: ZDirectoryLogin, response: { 200: ZMe } } },
    async (req, reply) =>
      startSession(
        req,
        reply,
        await login({
          ctx: req.ctx,
          input: { login: req.body.username, password: req.body.password, code: req.body.code },
          userAgent: req.headers['user-agent'],
          directoryOnly: true,
        }),
      ),
  );
  app.post(
    '/auth/register',
    { config: { access: access.public() }, schema: { tags, body: ZRegister, response: { 202: ZOtpSent } } },
    async (req, reply) => reply.code(202).send(await register({ ctx: req.ctx, input: req.body })),
  );
  app.post(
    '/auth/otp/request',
    { config: { access: access.public() }, schema: { tags, body: ZOtpRequest, response: { 202: ZOtpSent } } },
    async (req, reply) => reply.code(202).send(await requestOtp({ ctx: req.ctx, input: req.body })),
  );
  app.post(
    '/auth/admin-link',
    {
      config: { access: access.public() },
      schema: { tags, body: ZOtpRequest, response: { 202: z.object({ mobile: z.string(), sent: z.literal(true) }) } },
    },
    async (req, reply) => reply.code(202).send(await requestAdminLink({ ctx: req.ctx, input: req.body })),
  );
  app.post(
    '/auth/otp/verify',
    { config: { access: access.public() }, schema: { tags, body: ZOtpVerify, response: { 200: ZMe } } },
    async (req, reply) =>
      startSession(
        req,
        reply,
        await verifyOtp({ ctx: req.ctx, input: req.body, userAgent: req.headers['user-agent'] }),
      ),
  );

  app.post('/auth/logout', { config: { access: access.signedIn() }, schema: { tags } }, async (req, reply) => {
    if (req.ctx.actor?.sessionId) {
      await deleteSession(req.ctx, req.ctx.actor.sessionId);
      actorCacheOf(req.ctx.deps.database).forget(`s:${req.ctx.actor.sessionId}`);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/auth/me',
    { config: { access: access.signedIn() }, schema: { tags, response: { 200: ZMe } } },
    async (req) => getMe({ ctx: req.ctx, csrfToken: await sessionCsrf(req.ctx) }),
  );
  // Signed in or not, a 200: `/auth/me` keeps its 401 for integrators, the web app asks here.
  app.get(
    '/auth/session',
    { config: { access: access.public() }, schema: { tags, response: { 200: ZSessionState } } },
    async (req) =>
      req.ctx.actor
        ? { signedIn: true, me: await getMe({ ctx: req.ctx, csrfToken: await sessionCsrf(req.ctx) }) }
        : { signedIn: false, me: null },
  );

  app.post(
    '/auth/password/forgot',
    {
      config: { access: access.public() },
      schema: { tags, body: ZForgotPassword, response: { 202: z.object({ ok: z.literal(true) }) } },
    },
    async (req, reply) => {
      await forgotPassword({ ctx: req.ctx, input: req.body });
      return reply.code(202).send({ ok: true });
    },
  );

  app.post(
    '/auth/password/reset',
    { config: { access: access.public() }, schema: { tags, body: ZResetPassword } },
    async (req, reply) => {
      await resetPassword({ ctx: req.ctx, input: req.body });
      return reply.code(204).send();
    },
  );
};
