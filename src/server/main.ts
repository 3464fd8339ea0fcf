import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/embedded-lock';
import { closeDeps, createDeps } from './platform/deps';
import { startWorker } from './platform/worker';
import { buildApp } from './app';
import { bootstrap } from './modules/workspaces/bootstrap';

/** Reads the configuration, opens the database, serves HTTP and runs the job worker. */
async function main() {
  const config = loadConfig();
  const deps = await createDeps(config);
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
