import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config';
import { systemClock, type Clock } from './clock';
import type { AppDeps } from './context';
import { openDatabase } from './db/open-database';
import { migrate } from './db/migrate';
import { createJobs, type QueueSpec } from './jobs';
import { createLogger, type Logger } from './logger';
import { outboxMailer, smtpMailer, type Mailer } from './mailer';
import { s3Storage } from './s3/s3-storage';
import { diskStorage, type FileStorage } from './storage';
import { outboxSms, type SmsGateway } from './sms';

/**
 * Opens the database (embedded or PostgreSQL), applies pending migrations, starts the job
 * queue with `queues` (the job registry's, `src/server/jobs-registry.ts`) and assembles the
 * infrastructure. Any part can be given instead (tests).
 */
export async function createDeps(
  config: Config,
  over: { queues: readonly (string | QueueSpec)[] } & Partial<{
    clock: Clock;
    mailer: Mailer;
    sms: SmsGateway;
    storage: FileStorage;
    log: Logger;
  }>,
): Promise<AppDeps> {
  const log = over.log ?? createLogger(config.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    log,
  });
  try {
    const applied = await migrate(database);
    if (applied.length) log.info({ applied: applied.length }, 'database migrated');
    const jobs = createJobs(database, log, over.queues);
    await jobs.start();
    // An in-memory database (`memory://`, tests and demos) keeps its files in a temporary
    // directory, never in a folder literally named "memory:" under the working directory.
    const fileRoot = config.dataDir.startsWith('memory://')
      ? mkdtempSync(join(tmpdir(), 'pishkhan-memory-'))
      : config.dataDir;
    return {
      config,
      database,
      clock: over.clock ?? systemClock,
      jobs,
      storage: over.storage ?? (config.s3 ? s3Storage(config.s3) : diskStorage(join(fileRoot, 'files'))),
      mailer:
        over.mailer ??
        (config.smtpUrl
          ? smtpMailer(config.smtpUrl, config.mailFrom)
          : outboxMailer(join(fileRoot, 'outbox'), config.mailFrom)),
      sms: over.sms ?? outboxSms(join(fileRoot, 'outbox')),
      log,
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export async function closeDeps(deps: AppDeps) {
  await deps.jobs.stop();
  await deps.database.close();
}
