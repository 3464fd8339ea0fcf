import type { AppDeps } from '../../platform/context';
import { jobCtx } from '../../platform/job-ctx';
import { findDirectory } from './directories.repo';
import { DirectoryFailure } from './ldap-connect';
import { EmptyDirectory, recordSync, syncDirectory } from './sync-directory';
import { audit } from '../audit';

export const SYNC_QUEUE = 'directories.sync';
export interface SyncJob {
  workspaceId: number;
  directoryId: number;
}

/**
 * The `directories.sync` handler: one scheduled sync. A directory that cannot be reached keeps
 * its people as they are, records the error for the admin page and is tried again next interval.
 */
export const runSyncJob = (deps: AppDeps) => async (data: SyncJob) => {
  const ctx = jobCtx(deps, Number(data.workspaceId), 'job:directories.sync');
  const dir = await findDirectory(ctx, Number(data.directoryId));
  if (!dir || !dir.active || dir.syncIntervalMinutes <= 0) return;
  try {
    const report = await syncDirectory(ctx, dir, { dryRun: false });
    await recordSync(ctx, dir, { report });
    if (report.created || report.updated || report.deactivated)
      await audit(ctx, 'directory.synced', 'directory', dir.id, {
        created: report.created,
        updated: report.updated,
        deactivated: report.deactivated,
      });
  } catch (e) {
    if (!(e instanceof DirectoryFailure) && !(e instanceof EmptyDirectory)) throw e;
    await recordSync(ctx, dir, { error: e.message });
    deps.log.warn({ directoryId: dir.id, workspaceId: dir.workspaceId, error: e.message }, 'directory sync failed');
  }
};
