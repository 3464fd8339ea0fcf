import type { TDirectory } from '../../../contracts/directories';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { findDirectory, listDirectoryRows, peopleCounts, requireAdmin, toDirectory } from './directories.repo';

/** The workspace's directories in sign-in order, each with its active people. */
export async function listDirectories({ ctx }: { ctx: Ctx }): Promise<{ items: TDirectory[] }> {
  requireAdmin(ctx);
  const [rows, counts] = await Promise.all([listDirectoryRows(ctx), peopleCounts(ctx)]);
  return { items: rows.map((r) => toDirectory(r, counts.get(r.id) ?? 0)) };
}

export async function getDirectory({ ctx, id }: { ctx: Ctx; id: number }): Promise<TDirectory> {
  requireAdmin(ctx);
  const [row, counts] = await Promise.all([findDirectory(ctx, id), peopleCounts(ctx)]);
  if (!row) throw NotFound();
  return toDirectory(row, counts.get(row.id) ?? 0);
}
