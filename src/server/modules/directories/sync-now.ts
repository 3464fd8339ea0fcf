import type { z } from 'zod';
import type { ZSyncResult } from '../../../contracts/directories';
import type { Ctx } from '../../platform/context';
import { AppError, NotFound } from '../../platform/errors';
import { audit } from '../audit';
import { findDirectory, requireAdmin } from './directories.repo';
import { DirectoryFailure, failureMessage } from './ldap-connect';
import { EmptyDirectory, recordSync, syncDirectory } from './sync-directory';

/**
 * `POST /directories/:id/sync`: a sync now, or its preview (`dryRun`). A directory that cannot
 * be reached or searched answers 502 `directory_unavailable` with the stage and the server's
 * words; a real sync's outcome (report or error) is kept on the directory either way.
 */
export async function syncNow({
  ctx,
  id,
  dryRun,
}: {
  ctx: Ctx;
  id: number;
  dryRun: boolean;
}): Promise<z.infer<typeof ZSyncResult>> {
  requireAdmin(ctx);
  const dir = await findDirectory(ctx, id);
  if (!dir) throw NotFound();
  try {
    const report = await syncDirectory(ctx, dir, { dryRun });
    if (!dryRun) {
      await recordSync(ctx, dir, { report });
      await audit(ctx, 'directory.synced', 'directory', id, {
        created: report.created,
        updated: report.updated,
        deactivated: report.deactivated,
      });
    }
    return { ...report, dryRun };
  } catch (e) {
    if (!(e instanceof DirectoryFailure) && !(e instanceof EmptyDirectory)) throw e;
    if (!dryRun) await recordSync(ctx, dir, { error: e.message });
    const stage = e instanceof DirectoryFailure ? e.stage : 'search';
    const reason = failureMessage(ctx.locale, e);
    throw new AppError(
      'directory_unavailable',
      { key: 'errors.directory_sync_failed', params: { reason } },
      undefined,
      {
        stage,
        message: reason,
      },
    );
  }
}
