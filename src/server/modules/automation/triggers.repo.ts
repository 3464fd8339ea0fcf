import { eq, inArray, isNull, ne } from 'drizzle-orm';
import { departments, tags, ticketTypes, triggers, users, webhooks } from '../../../db/schema';
import type { TTrigger, TTriggerAction, TTriggerCondition, TTriggerEvent } from '../../../contracts/triggers';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, NotFound, type Msg } from '../../platform/errors';
import { iso } from '../../platform/pagination';

export type TriggerRow = typeof triggers.$inferSelect;

export function toTrigger(r: TriggerRow): TTrigger {
  return {
    id: String(r.id),
    name: r.name,
    position: r.position,
    active: r.active,
    event: r.event as TTriggerEvent,
    conditions: r.conditions as TTriggerCondition[],
    actions: r.actions as Record<string, unknown>[],
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function findTriggerRow(ctx: Ctx, id: number): Promise<TriggerRow> {
  const [row] = await ctx.db
    .select()
    .from(triggers)
    .where(inWorkspace(triggers, ctx, eq(triggers.id, id)));
  if (!row) throw NotFound('errors.trigger_not_found');
  return row;
}

type Kind = 'department' | 'agent' | 'tag' | 'type' | 'webhook';
const MESSAGES: Record<Kind, string> = {
  department: 'validation.unknown_department',
  agent: 'validation.unknown_agent',
  tag: 'validation.unknown_tag',
  type: 'validation.unknown_ticket_type',
  webhook: 'validation.unknown_webhook',
};

/** The ids a trigger names, each with the field path it came from. */
function refsOf(conditions: TTriggerCondition[] = [], actions: TTriggerAction[] = []) {
  const refs: { kind: Kind; id: number; path: string }[] = [];
  const add = (kind: Kind, value: unknown, path: string) => {
    if (typeof value === 'string' && /^\d+$/.test(value)) refs.push({ kind, id: Number(value), path });
    if (Array.isArray(value)) value.forEach((v, i) => add(kind, v, `${path}.${i}`));
  };
  const byField: Partial<Record<string, Kind>> = {
    departmentId: 'department',
    typeId: 'type',
    tagIds: 'tag',
    assigneeIds: 'agent',
  };
  conditions.forEach((c, i) => {
    const kind = byField[c.field];
    if (kind) add(kind, c.value, `conditions.${i}.value`);
  });
  actions.forEach((a, i) => {
    const at = `actions.${i}`;
    if (a.kind === 'set_department') add('department', a.departmentId, `${at}.departmentId`);
    if (a.kind === 'set_assignee') add('agent', a.assigneeId, `${at}.assigneeId`);
    if (a.kind === 'add_tag' || a.kind === 'remove_tag') add('tag', a.tagId, `${at}.tagId`);
    if (a.kind === 'notify') {
      add('agent', a.userIds, `${at}.userIds`);
      add('department', a.departmentIds, `${at}.departmentIds`);
    }
    if (a.kind === 'call_webhook') add('webhook', a.webhookId, `${at}.webhookId`);
  });
  return refs;
}

/** Everything a trigger names must exist in this workspace; each miss is named by its path (400). */
export async function checkTriggerRefs(
  ctx: Ctx,
  t: { conditions?: TTriggerCondition[]; actions?: TTriggerAction[] },
): Promise<void> {
  const refs = refsOf(t.conditions, t.actions);
  if (!refs.length) return;
  const ids = (kind: Kind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const q = async (kind: Kind, run: (list: number[]) => Promise<{ id: number }[]>) => {
    const list = ids(kind);
    return new Set(list.length ? (await run(list)).map((r) => Number(r.id)) : []);
  };
  const [deps, agents, tagSet, types, hooks] = await inParallel(
    ctx,
    () =>
      q('department', (l) =>
        ctx.db
          .select({ id: departments.id })
          .from(departments)
          .where(inWorkspace(departments, ctx, inArray(departments.id, l))),
      ),
    () =>
      q('agent', (l) =>
        ctx.db
          .select({ id: users.id })
          .from(users)
          .where(inWorkspace(users, ctx, inArray(users.id, l), ne(users.role, 'customer'), isNull(users.deletedAt))),
      ),
    () =>
      q('tag', (l) =>
        ctx.db
          .select({ id: tags.id })
          .from(tags)
          .where(inWorkspace(tags, ctx, inArray(tags.id, l))),
      ),
    () =>
      q('type', (l) =>
        ctx.db
          .select({ id: ticketTypes.id })
          .from(ticketTypes)
          .where(inWorkspace(ticketTypes, ctx, inArray(ticketTypes.id, l))),
      ),
    () =>
      q('webhook', (l) =>
        ctx.db
          .select({ id: webhooks.id })
          .from(webhooks)
          .where(inWorkspace(webhooks, ctx, inArray(webhooks.id, l))),
      ),
  );
  const known: Record<Kind, Set<number>> = {
    department: deps,
    agent: agents,
    tag: tagSet,
    type: types,
    webhook: hooks,
  };
  const fields: Record<string, Msg> = {};
  for (const r of refs) if (!known[r.kind].has(r.id)) fields[r.path] ??= { key: MESSAGES[r.kind] };
  if (Object.keys(fields).length) throw Invalid(fields);
}
