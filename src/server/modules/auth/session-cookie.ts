import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../platform/auth/resolve-actor';

/**
 * Sets the session cookie of a new session: HttpOnly, Lax (links from mail and SMS keep it),
 * Secure when the install or the request is https, for the whole site, as long as the session.
 * The one place the cookie's options are decided (sign-in, cloud sign-up, its handoff).
 */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, cookie: string) {
  reply.setCookie(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.ctx.deps.config.publicUrl.startsWith('https:') || req.protocol === 'https',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}
