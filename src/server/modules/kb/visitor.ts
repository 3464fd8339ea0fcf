import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const COOKIE = 'pk_kbv';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Who votes on an article (one vote per visitor per article): a signed-in person by their id,
 * anyone else by a random id in a cookie of the help centre's API. `ensure` sets the cookie when
 * there is none (a vote); a read only looks.
 */
export function visitorOf(req: FastifyRequest, reply: FastifyReply | null): string | null {
  if (req.ctx.actor) return `u:${req.ctx.actor.id}`;
  const have = req.cookies?.[COOKIE];
  if (have && UUID.test(have)) return `c:${have}`;
  if (!reply) return null;
  const id = randomUUID();
  void reply.setCookie(COOKIE, id, {
    path: '/api/v1/public/kb',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: 365 * 24 * 3600,
  });
  return `c:${id}`;
}
