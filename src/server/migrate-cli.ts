import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError } from './platform/db/embedded-lock';
import { openDatabase } from './platform/db/open-database';
import { migrate } from './platform/db/migrate';

/** `npm run migrate`: applies pending migrations and exits. */
async function run() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const applied = await migrate(database);
    process.stdout.write(
      applied.length ? `Applied ${applied.length} migration(s).\n` : 'The database is up to date.\n',
    );
  } finally {
    await database.close();
  }
}

run().catch((err) => {
  const known = err instanceof ConfigError || err instanceof DataDirLockedError;
  process.stderr.write(`\n${known ? err.message : `Migration failed: ${err.stack ?? err}`}\n\n`);
  process.exit(1);
});
