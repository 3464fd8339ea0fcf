import { queueAdminLink } from '../auth';
import { settings, users, workspaces } from '../../../db/schema';
import { ZSettings, type Settings } from '../../../contracts/settings';
import type { AppDeps, Ctx } from '../../platform/context';
import { hashPassword } from '../../platform/crypto';
import type { Executor } from '../../platform/db/database';
import { addDefaultAccessLevels } from '../people';
import { addDefaultCalendars } from '../calendars';
import { startTrialSubscription } from '../cloud';

export interface NewWorkspace {
  slug: string;
  name: string;
  host?: string | null;
  settings?: Partial<Settings>;
  admin: { username: string; password: string; name?: string; email?: string | null; mobile?: string | null };
}

/**
 * Creates a workspace with its settings document, its default access levels (the default one
 * in the settings), its default business calendar and first admin, in one transaction. Used by the first start, by demo data,
 * by cloud sign-up (I1) and by tests.
 */
export async function createWorkspace(deps: AppDeps, input: NewWorkspace, executor?: Executor) {
  const passwordHash = await hashPassword(input.admin.password);
  const run = async (db: Executor) => {
    const now = deps.clock.now();
    const [ws] = await db
      .insert(workspaces)
      .values({ slug: input.slug, name: input.name, host: input.host ?? null, createdAt: now })
      .returning();
    const doc = ZSettings.parse({ title: input.name, ...(input.settings ?? {}) });
    await db.insert(settings).values({ workspaceId: ws.id, data: doc, updatedAt: now });
    await addDefaultAccessLevels(db, now, { workspaceId: ws.id });
    await addDefaultCalendars(db, now, { workspaceId: ws.id });
    const [admin] = await db
      .insert(users)
      .values({
        workspaceId: ws.id,
        role: 'admin',
        username: input.admin.username,
        name: input.admin.name ?? input.admin.username,
        email: input.admin.email ?? null,
        mobile: input.admin.mobile ?? null,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // Cloud mode: the trial starts with the workspace, in its transaction, so none is ever without a subscription.
    if (deps.config.cloud.enabled) await startTrialSubscription(db, ws.id, admin.mobile ?? null, now);
    // A3: the first administrator, when they gave a mobile, gets the sign-in link by SMS.
    if (admin.mobile)
      await queueAdminLink(
        {
          workspaceId: ws.id,
          actor: null,
          db,
          inTx: true,
          // In the workspace's language (a cloud sign-up in English gets an English link).
          locale: doc.defaultLocale,
          ip: '',
          requestId: 'workspace:create',
          deps,
        },
        admin.mobile,
      );
    return { workspace: ws, admin };
  };
  return executor ? run(executor) : deps.database.db.transaction((tx) => run(tx));
}

/** A context acting as the given admin, for seeding through the same actions the API uses. */
export function systemCtx(deps: AppDeps, workspaceId: number, adminId: number, db: Executor = deps.database.db): Ctx {
  return {
    workspaceId,
    actor: {
      id: adminId,
      role: 'admin',
      name: 'system',
      username: 'system',
      permissions: new Set(),
      departmentIds: [],
      ticketAccess: true,
      locale: 'fa',
      via: 'token',
    },
    db,
    inTx: db !== deps.database.db,
    locale: 'fa',
    ip: '127.0.0.1',
    requestId: 'system',
    deps,
  };
}
