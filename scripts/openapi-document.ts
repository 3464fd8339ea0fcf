/**
 * Builds the app on an in-memory database (nothing listens, no demo data) and returns the
 * OpenAPI document exactly as GET /api/openapi.json serves it. Used by the type generator,
 * the lint step and their staleness check.
 */
import { buildApp } from '../src/server/app';
import { JOB_QUEUES } from '../src/server/jobs-registry';
import { loadConfig } from '../src/server/platform/config';
import { closeDeps, createDeps } from '../src/server/platform/deps';
import { createLogger } from '../src/server/platform/logger';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({
    DATA_DIR: 'memory://',
    SECRET_KEY: 'openapi-document-only-0123456789-0123456789',
    LOG_LEVEL: 'error',
    DEMO: 'false',
  });
  const deps = await createDeps(config, { queues: JOB_QUEUES, log: createLogger('error') });
  const app = await buildApp(deps);
  try {
    await app.ready();
    const res = await app.inject({ url: '/api/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
    return res.json();
  } finally {
    await app.close();
    await closeDeps(deps);
  }
}
