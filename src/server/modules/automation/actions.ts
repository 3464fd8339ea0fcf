import { inArray, sql } from 'drizzle-orm';
import { tags } from '../../../db/schema';
import type { TTriggerAction } from '../../../contracts/triggers';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { NOTIFY_QUEUE, appendMessage, changeTicket, type TicketChange, type TicketRow } from '../tickets';
import { queueWebhookCall } from '../webhooks';
import { renderPlaceholders, textToNoteHtml } from './placeholders';
import { checkTriggerRefs } from './triggers.repo';

/** What a webhook called by a trigger receives as its event type. */
export const TRIGGER_WEBHOOK_EVENT = 'trigger.fired';

export interface ActionResult {
  kind: string;
  result: string;
}

/**
 * Runs a trigger's actions in order on a ticket the caller locked, in the caller's transaction,
 * through the tickets module's write path (changeTicket, appendMessage), so the event log, the
 * live events, the notifications and the other sinks see the change as a person's. Changes of
 * fields in a row are made by one changeTicket (one event), flushed before a note, so a note's
 * placeholders and the log read in the order the actions are listed. What a trigger names must
 * still exist (a department removed since → the run fails, nothing of it is kept).
 */
export async function applyActions(
  tx: Ctx,
  ticket: TicketRow,
  trigger: { id: number; name: string; event: string },
  actions: TTriggerAction[],
): Promise<{ row: TicketRow; results: ActionResult[] }> {
  await checkTriggerRefs(tx, { actions });
  let row = ticket;
  let pending: TicketChange = {};
  let tagIds = [...row.tagIds];
  const results: ActionResult[] = [];
  const flush = async () => {
    if (!Object.keys(pending).length) return;
    if (pending.tags) pending.tags = { ids: pending.tags.ids, names: await tagNames(tx, pending.tags.ids) };
    row = (await changeTicket(tx, row, pending)).row;
    pending = {};
    tagIds = [...row.tagIds];
  };
  for (const a of actions) {
    switch (a.kind) {
      case 'set_status':
        pending.status = a.status;
        results.push({ kind: a.kind, result: a.status });
        break;
      case 'set_priority':
        pending.priority = a.priority;
        results.push({ kind: a.kind, result: a.priority });
        break;
      case 'set_department':
        pending.departmentId = Number(a.departmentId);
        results.push({ kind: a.kind, result: a.departmentId });
        break;
      case 'set_assignee':
        pending.assigneeIds = a.assigneeId === 'unassign' ? [] : [Number(a.assigneeId)];
        results.push({ kind: a.kind, result: a.assigneeId });
        break;
      case 'add_tag':
      case 'remove_tag': {
        const id = Number(a.tagId);
        tagIds = a.kind === 'add_tag' ? [...new Set([...tagIds, id])] : tagIds.filter((t) => t !== id);
        pending.tags = { ids: tagIds, names: [] };
        results.push({ kind: a.kind, result: a.tagId });
        break;
      }
      case 'add_note': {
        await flush();
        const text = renderPlaceholders(a.text, {
          ticket: { number: row.number, subject: row.subject },
          requester: { name: await requesterName(tx, row) },
        });
        const made = await appendMessage(tx, row, {
          kind: 'note',
          by: 'system',
          authorKind: 'system',
          authorName: tx.automation?.name ?? trigger.name,
          bodyHtml: textToNoteHtml(text),
          direction: 'auto',
        });
        row = made.row;
        results.push({ kind: a.kind, result: String(made.message.id) });
        break;
      }
      case 'notify': {
        // Straight to the notifications job (not an announced change: nothing else moved).
        const data = {
          workspaceId: tx.workspaceId,
          ticketId: row.id,
          type: 'ticket.updated',
          actorId: null,
          changes: { notifyDepartments: a.departmentIds.map(Number), notifyPeople: a.userIds.map(Number) },
        };
        if (tx.outbox) tx.outbox.jobs.push({ name: NOTIFY_QUEUE, data });
        else await tx.deps.jobs.send(NOTIFY_QUEUE, data, { executor: tx.db });
        results.push({ kind: a.kind, result: 'queued' });
        break;
      }
      case 'call_webhook':
        await flush();
        await queueWebhookCall(tx, Number(a.webhookId), TRIGGER_WEBHOOK_EVENT, {
          trigger: { id: String(trigger.id), name: trigger.name, event: trigger.event },
          ticket: {
            number: row.number,
            subject: row.subject,
            status: row.status,
            priority: row.priority,
            departmentId: String(row.departmentId),
            assigneeIds: row.assigneeIds.map(String),
            tagIds: row.tagIds.map(String),
          },
        });
        results.push({ kind: a.kind, result: 'queued' });
        break;
    }
  }
  await flush();
  return { row, results };
}

async function tagNames(tx: Ctx, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx.db
    .select({ name: tags.name })
    .from(tags)
    .where(inWorkspace(tags, tx, inArray(tags.id, ids)));
  return rows.map((r) => r.name);
}

async function requesterName(tx: Ctx, t: TicketRow): Promise<string> {
  if (!t.requesterId) return t.guestName ?? t.guestEmail ?? '';
  const [u] = await queryRows<{ name: string; username: string }>(
    tx.db,
    sql`select name, username from users where workspace_id = ${tx.workspaceId} and id = ${t.requesterId}`,
  );
  return u ? u.name || u.username : '';
}
