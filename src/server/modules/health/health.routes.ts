import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context';
import { migrationsUpToDate } from '../../platform/db/migrate';

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export const healthRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      const migrated = await migrationsUpToDate(deps.database);
      if (!migrated) return reply.code(503).send({ status: 'migrations_pending' });
      return { status: 'ready', database: deps.database.kind };
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });
};
