import type { TCreateMailbox, TMailboxTestResult, TUpdateMailbox } from '../../../contracts/mail';
import type { Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { testMailConnections } from './connection-test';
import { applyInput, openSettings, valuesOf } from './mailbox-settings';
import { findMailbox } from './mailboxes.repo';

/**
 * "Test connection" of a stored mailbox, optionally with unsaved changes over it (PATCH shape,
 * nothing is saved): really connects in and out and reports the failing stage of each.
 */
export async function testMailbox({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input?: TUpdateMailbox;
}): Promise<TMailboxTestResult> {
  requirePermission(ctx, 'mailboxes.manage');
  const row = await findMailbox(ctx, id);
  if (!row) throw NotFound();
  const values = input ? applyInput(ctx, valuesOf(row), input) : valuesOf(row);
  return testMailConnections(ctx, openSettings(ctx, values));
}

/** The same for settings not saved yet (the create form). */
export async function testMailboxSettings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateMailbox;
}): Promise<TMailboxTestResult> {
  requirePermission(ctx, 'mailboxes.manage');
  return testMailConnections(ctx, openSettings(ctx, applyInput(ctx, null, input)));
}
