import type { TListMailboxesQuery, TMailbox } from '../../../contracts/mail';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { pageOf } from '../../platform/pagination';
import { findMailbox, listMailboxRows, toMailbox } from './mailboxes.repo';

export async function listMailboxes({ ctx, input }: { ctx: Ctx; input: TListMailboxesQuery }) {
  requirePermission(ctx, 'mailboxes.manage');
  const { rows, total } = await listMailboxRows(ctx, input);
  return pageOf(rows.map(toMailbox), total, input);
}

export async function getMailbox({ ctx, id }: { ctx: Ctx; id: number }): Promise<TMailbox> {
  requirePermission(ctx, 'mailboxes.manage');
  const row = await findMailbox(ctx, id);
  if (!row) throw NotFound();
  return toMailbox(row);
}
