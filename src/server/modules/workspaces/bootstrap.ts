import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { addDefaultAccessLevels } from '../people';
import { addDefaultCalendars } from '../calendars';
import { ensureTrialPlan } from '../cloud';
import { createWorkspace } from './create-workspace';
import { DEMO_PASSWORD, seedDemo } from './demo-data';

export interface BootstrapResult {
  created: boolean;
  /** Workspaces made before default access levels existed that were given them now. */
  upgraded?: number[];
  adminUsername?: string;
  /** Set only when we generated the password: main.ts prints it once, never to the log. */
  generatedPassword?: string;
}

/**
 * On an empty database: the default workspace and its first admin (ADMIN_USERNAME and
 * ADMIN_PASSWORD, or a generated password), plus demo data unless DEMO=false. On a database
 * that has workspaces: gives those made by an older version what a new one starts with (the
 * default access levels and the default-level setting), idempotently. Serialised by an
 * advisory lock so that several processes starting together do it once.
 */
export async function bootstrap(deps: AppDeps): Promise<BootstrapResult> {
  const { config, database } = deps;
  return database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(727100002)`);
    // Cloud mode: a sign-up always finds an active trial plan to start on (made once, under the lock).
    if (config.cloud.enabled) await ensureTrialPlan(tx, deps.clock.now());
    const existing = await queryRows(tx, sql`select 1 from workspaces limit 1`);
    if (existing.length) {
      const upgraded = await addDefaultAccessLevels(tx, deps.clock.now(), 'missing');
      if (upgraded.length) deps.log.info({ workspaces: upgraded.length }, 'default access levels added');
      const calendared = await addDefaultCalendars(tx, deps.clock.now(), 'missing');
      if (calendared.length) deps.log.info({ workspaces: calendared.length }, 'default business calendars added');
      return { created: false, upgraded };
    }
    // Cloud mode: workspaces are made by sign-up; the platform itself has no default one.
    if (config.cloud.enabled) return { created: false };
    const generated = !config.admin && !config.demo ? randomBytes(12).toString('base64url') : undefined;
    const admin = config.admin ?? { username: 'admin', password: generated ?? DEMO_PASSWORD };
    const { workspace, admin: row } = await createWorkspace(
      deps,
      {
        slug: 'default',
        name: config.demo ? 'پیشخوان دانشگاه (نمایشی)' : 'پیشخوان',
        admin: {
          username: admin.username,
          password: admin.password,
          name: config.demo ? 'مدیر سامانه' : admin.username,
          email: config.demo ? 'admin@demo.pishkhan.local' : null,
        },
      },
      tx,
    );
    // Demo data goes in the same transaction: a failed seed leaves an empty database, not half a demo.
    if (config.demo) await seedDemo(deps, workspace.id, row.id, tx);
    return { created: true, adminUsername: admin.username, generatedPassword: generated };
  });
}
