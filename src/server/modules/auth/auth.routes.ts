import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZForgotPassword, ZLogin, ZMe, ZResetPassword } from '../../../contracts/auth';
import { access } from '../../platform/http/access';
import { actorFromSession, SESSION_COOKIE, SESSION_TTL_MS } from '../../platform/auth/resolve-actor';
import { actorCacheOf } from '../../platform/auth/actor-cache';
import { getMe, sessionCsrf } from './get-me';
import { login } from './login';
import { deleteSession } from './sessions.repo';
import { forgotPassword } from './forgot-password';
import { resetPassword } from './reset-password';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/auth/login', { config: { access: access.public() }, schema: { tags, body: ZLogin, response: { 200: ZMe } } }, async (req, reply) => {
    const { cookie, csrfToken, userId } = await login({ ctx: req.ctx, input: req.body, userAgent: req.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.ctx.deps.config.publicUrl.startsWith('https:') || req.protocol === 'https',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    const resolved = await actorFromSession(req.ctx.deps.database.db, cookie, req.ctx.deps.clock.now());
    if (!resolved || resolved.actor.id !== userId) throw new Error('new session not found');
    return getMe({ ctx: { ...req.ctx, actor: resolved.actor }, csrfToken });
  });

  app.post('/auth/logout', { config: { access: access.signedIn() }, schema: { tags } }, async (req, reply) => {
    if (req.ctx.actor?.sessionId) {
      await deleteSession(req.ctx, req.ctx.actor.sessionId);
      actorCacheOf(req.ctx.deps.database).forget(`s:${req.ctx.actor.sessionId}`);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/auth/me', { config: { access: access.signedIn() }, schema: { tags, response: { 200: ZMe } } }, async (req) =>
    getMe({ ctx: req.ctx, csrfToken: await sessionCsrf(req.ctx) }),
  );

  app.post('/auth/password/forgot', { config: { access: access.public() }, schema: { tags, body: ZForgotPassword } }, async (req, reply) => {
    await forgotPassword({ ctx: req.ctx, input: req.body });
    return reply.code(202).send({ ok: true });
  });

  app.post('/auth/password/reset', { config: { access: access.public() }, schema: { tags, body: ZResetPassword } }, async (req, reply) => {
    await resetPassword({ ctx: req.ctx, input: req.body });
    return reply.code(204).send();
  });
};
