import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../../platform/errors';
import { PROJECT_ROOT } from '../../platform/paths';

/** Where `npm run build:web` puts the single-page app. */
export const WEB_DIR = join(PROJECT_ROOT, 'dist/web');

/**
 * Serves the web app at `/`: hashed files under /assets are cached for a year, and every other
 * GET that is not the API answers index.html so the app's own router can take the path.
 * Without a build, `/` says how to make one instead of failing obscurely.
 */
export async function webRoutes(app: FastifyInstance, dir = WEB_DIR) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .code(503)
        .send('The web app is not built: run `npm run build:web` (npm start does it for you).\n'),
    );
    return;
  }
  const html = readFileSync(index);
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  // Any other GET is a page of the app, except the API and missing assets, which stay 404.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0];
    if (path.startsWith('/api/') || path.startsWith('/assets/'))
      throw new AppError('not_found', { key: 'errors.route_not_found' });
    return sendIndex(reply);
  });
}
