import type { z } from 'zod';
import type { ZBulk, ZBulkResult } from '../../../contracts/tickets';
import { ZPriority, ZStatus } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { Forbidden, InvalidField } from '../../platform/errors';
import { can, requirePermission } from '../../platform/http/access';
import { t } from '../../platform/i18n';
import { toAppError } from '../../platform/http/error-handler';
import { deleteTicket, restoreTicket, setStatus } from './ticket-lifecycle';
import { updateTicket } from './update-ticket';

type Input = z.infer<typeof ZBulk>;

/**
 * D2: one action over many tickets. Each ticket runs in its own transaction, so one failure
 * (not found, not allowed, locked) does not undo the others; the answer says which did what.
 */
export async function bulkTickets({ ctx, input }: { ctx: Ctx; input: Input }): Promise<z.infer<typeof ZBulkResult>> {
  requirePermission(ctx, 'tickets.bulk');
  const run = prepare(ctx, input);
  const done: number[] = [];
  const failed: z.infer<typeof ZBulkResult>['failed'] = [];
  for (const number of [...new Set(input.numbers)]) {
    try {
      await withTx(ctx, (tx) => run(tx, number));
      done.push(number);
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'internal') ctx.deps.log.error({ err, number }, 'bulk action failed');
      failed.push({ number, error: { code: e.code, message: t(ctx.locale, e.msg.key, e.msg.params) } });
    }
  }
  return { done, failed };
}

/** Validates the value once, and returns what to do to one ticket. */
function prepare(ctx: Ctx, input: Input): (tx: Ctx, number: number) => Promise<unknown> {
  const value = input.value;
  switch (input.action) {
    case 'status': {
      const s = ZStatus.safeParse(value);
      if (!s.success) throw InvalidField('value', 'validation.one_of', { values: ZStatus.options.join(', ') });
      if (!can(ctx.actor, 'tickets.edit')) throw Forbidden();
      return (tx, n) => setStatus(tx, n, s.data);
    }
    case 'lock':
      if (!can(ctx.actor, 'tickets.edit')) throw Forbidden();
      return (tx, n) => setStatus(tx, n, value === 'false' || value === 'unlock' ? 'active' : 'locked');
    case 'priority': {
      const p = ZPriority.safeParse(value);
      if (!p.success) throw InvalidField('value', 'validation.one_of', { values: ZPriority.options.join(', ') });
      return (tx, n) => updateTicket({ ctx: tx, number: n, input: { priority: p.data } });
    }
    case 'transfer':
    case 'assign': {
      const v =
        typeof value === 'object' && value
          ? value
          : typeof value === 'string' && /^\d+$/.test(value)
            ? // A bare id names what the action moves the ticket to: a person for assign,
              // a department for transfer.
              input.action === 'assign'
              ? { assigneeId: Number(value) }
              : { departmentId: Number(value) }
            : null;
      if (!v || (v.departmentId === undefined && v.assigneeId === undefined))
        throw InvalidField('value', 'validation.transfer_target');
      return (tx, n) =>
        updateTicket({
          ctx: tx,
          number: n,
          input: {
            ...(v.departmentId ? { departmentId: v.departmentId } : {}),
            ...(v.assigneeId !== undefined ? { assigneeIds: v.assigneeId ? [v.assigneeId] : [] } : {}),
          },
        });
    }
    case 'delete':
      return (tx, n) => deleteTicket({ ctx: tx, number: n });
    case 'restore':
      return (tx, n) => restoreTicket({ ctx: tx, number: n });
  }
}
