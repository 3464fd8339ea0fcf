import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/embedded-lock';
import { closeDeps, createDeps } from './platform/deps';
import { buildApp } from './app';
import { JOB_QUEUES, startWorker } from './jobs-registry';
import { bootstrap, DEMO_PASSWORD } from './modules/workspaces';

/** Reads the configuration, opens the database, serves HTTP and runs the job worker. */
async function main() {
  const config = loadConfig();
  const deps = await createDeps(config, { queues: JOB_QUEUES });
  guardProcess(deps.log);
  const first = await bootstrap(deps);
  if (first.created && first.generatedPassword) {
    // Printed once to the terminal, deliberately not through the logger.
    process.stdout.write(
      `\n  First admin created.\n  Username: ${first.adminUsername}\n  Password: ${first.generatedPassword}\n  Write it down: it is not shown again.\n\n`,
    );
  }
  if (config.worker) await startWorker(deps);
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  deps.log.info({ url: config.publicUrl, database: deps.database.kind, demo: config.demo }, 'Pishkhan is ready');
  process.stdout.write(`\n  ${readyLine(config)}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down');
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * The one friendly line printed when the server listens (to the terminal, not through the JSON
 * logger): the address, and with demo data who to sign in as. The demo admin's password is
 * printed only when it is the demo's (no ADMIN_USERNAME/ADMIN_PASSWORD given).
 */
function readyLine(config: { publicUrl: string; demo: boolean; admin?: { username: string } }): string {
  const at = `Pishkhan is ready at ${config.publicUrl}`;
  if (!config.demo) return at;
  const login = config.admin ? config.admin.username : `admin / ${DEMO_PASSWORD}`;
  return `${at} — sign in as ${login} (demo data)`;
}

/**
 * A database restart must not end the process. Some promises are dropped by libraries we do not
 * control — pg-boss 10 leaves its complete()/fail() calls unawaited, and they reject while the
 * database is away — so an unhandled rejection is logged and the process keeps serving: the
 * operation it belonged to has already failed on its own and will be retried (jobs) or answered
 * 503 (requests).
 * An uncaught exception is different: it was thrown synchronously out of a callback, with the
 * state it was changing left half-done, and nothing tells what that state is. It is logged and
 * the process exits (code 1) so that its supervisor starts a clean one; carrying on could serve
 * wrong answers. Lost database connections no longer get here: every pooled and listening
 * client has an 'error' listener (platform/db/open-database.ts).
 */
function guardProcess(log: { error(obj: object, msg: string): void; fatal(obj: object, msg: string): void }) {
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection (the process keeps running)');
  });
  process.on('uncaughtException', (err, origin) => {
    log.fatal({ err, origin }, 'uncaught exception: exiting');
    process.exit(1);
  });
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(1);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`\nThe port is already in use (${(err as Error).message}). Set PORT to another port.\n\n`);
    process.exit(1);
  }
  if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
    process.stderr.write(`\nCannot reach PostgreSQL at DATABASE_URL (${(err as Error).message}).\n\n`);
    process.exit(1);
  }
  process.stderr.write(`\nPishkhan could not start: ${(err as Error).stack ?? err}\n\n`);
  process.exit(1);
});
