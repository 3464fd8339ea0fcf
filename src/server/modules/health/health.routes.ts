import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context';
import { migrationsUpToDate } from '../../platform/db/migrate';

/**
 * The readiness probe gives the database this long. It asks on a connection of its own (not
 * the pool's), so /readyz answers within about a second even when every pooled connection is
 * busy or the database server does not answer at all.
 */
export const READY_TIMEOUT_MS = 800;

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export const healthRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      const migrated = await migrationsUpToDate(deps.database, READY_TIMEOUT_MS);
      if (!migrated) return reply.code(503).send({ status: 'migrations_pending' });
      return { status: 'ready', database: deps.database.kind };
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'readiness check failed');
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });
};
