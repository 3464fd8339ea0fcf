import { sql } from 'drizzle-orm';
import type { Permission } from '../../../contracts/permissions';
import type { Ctx } from '../../platform/context';
import { queryRows, textArray, type Executor } from '../../platform/db/database';

/**
 * The access levels (A6) every workspace starts with, so that a new install works for a new
 * agent without any setup: an agent created without a level gets the workspace's default one
 * («کارشناس», the setting `defaultAccessLevelId`). Named in the workspace's language
 * (`defaultLocale`): Persian unless the workspace is English.
 *
 * «کارشناس» holds what everyday work in the agent's own departments needs: open, answer, note,
 * edit (which includes locking, a status), assign, transfer — and bulk actions, the same changes
 * over several tickets at once. «کارشناس ارشد» also sees every department, deletes and restores,
 * reads the event and view logs and manages customers.
 */
export const DEFAULT_ACCESS_LEVELS: readonly {
  key: 'agent' | 'senior';
  name: { fa: string; en: string };
  description: { fa: string; en: string };
  permissions: readonly Permission[];
}[] = [
  {
    key: 'agent',
    name: { fa: 'کارشناس', en: 'Agent' },
    description: {
      fa: 'ثبت، پاسخ، یادداشت، ویرایش، ارجاع و انتقال تیکت‌ها و کار گروهی روی آن‌ها، در بخش‌های خود',
      en: 'Opens, answers, notes, edits, assigns, transfers and bulk-changes tickets of their own departments',
    },
    permissions: [
      'tickets.create',
      'tickets.reply',
      'tickets.note',
      'tickets.edit',
      'tickets.assign',
      'tickets.transfer',
      'tickets.bulk',
    ],
  },
  {
    key: 'senior',
    name: { fa: 'کارشناس ارشد', en: 'Senior agent' },
    description: {
      fa: 'همه‌ی کارهای کارشناس در همه‌ی بخش‌ها، به‌علاوه‌ی حذف تیکت، دیدن سابقه‌ها و مدیریت مشتریان',
      en: 'Everything an agent does, in every department, plus deleting tickets, reading logs and managing customers',
    },
    permissions: [
      'tickets.view_all',
      'tickets.create',
      'tickets.reply',
      'tickets.note',
      'tickets.edit',
      'tickets.assign',
      'tickets.transfer',
      'tickets.delete',
      'tickets.bulk',
      'tickets.view_logs',
      'customers.manage',
    ],
  },
];

/** The settings key naming the level an agent created without one gets. */
export const DEFAULT_LEVEL_SETTING = 'defaultAccessLevelId';

/**
 * Gives workspaces the default levels and the default-level setting, in two statements however
 * many workspaces there are:
 * - `{ workspaceId }`: a workspace being created (createWorkspace);
 * - `'missing'`: every workspace whose settings document has never had the setting — those made
 *   before it existed. Run at every start (bootstrap); once a workspace has the key (even null,
 *   when an admin removed the default level) it is never touched again.
 *
 * Nothing is changed or removed: a level whose name is already taken stays as it is (and the
 * agent-level name found is the one used as default). Returns the ids of the workspaces it set.
 */
export async function addDefaultAccessLevels(
  db: Executor,
  now: Date,
  scope: { workspaceId: number } | 'missing',
): Promise<number[]> {
  const which =
    scope === 'missing' ? sql`(s.data -> ${DEFAULT_LEVEL_SETTING}::text) is null` : sql`w.id = ${scope.workspaceId}`;
  const todo = sql`select w.id as workspace_id,
      case when s.data ->> 'defaultLocale' = 'en' then 'en' else 'fa' end as locale
    from workspaces w left join settings s on s.workspace_id = w.id
    where ${which}`;
  const levels = sql.join(
    DEFAULT_ACCESS_LEVELS.map(
      (l) =>
        sql`(${l.key}::text, ${l.name.fa}::text, ${l.name.en}::text, ${l.description.fa}::text, ${l.description.en}::text, ${textArray([...l.permissions])})`,
    ),
    sql`, `,
  );
  await db.execute(sql`with todo as (${todo})
    insert into access_levels (workspace_id, name, description, permissions, created_at, updated_at)
    select t.workspace_id,
      case when t.locale = 'en' then l.name_en else l.name_fa end,
      case when t.locale = 'en' then l.description_en else l.description_fa end,
      l.permissions, ${now}::timestamptz, ${now}::timestamptz
    from todo t cross join (values ${levels}) as l(key, name_fa, name_en, description_fa, description_en, permissions)
    on conflict do nothing`);
  const agent = DEFAULT_ACCESS_LEVELS.find((l) => l.key === 'agent')!;
  const rows = await queryRows<{ workspace_id: number }>(
    db,
    sql`with todo as (${todo})
    insert into settings (workspace_id, data, updated_at)
    select t.workspace_id,
      coalesce(s.data, '{}'::jsonb) || jsonb_build_object(${DEFAULT_LEVEL_SETTING}::text, (
        select a.id::text from access_levels a
        where a.workspace_id = t.workspace_id
          and lower(a.name) = lower(case when t.locale = 'en' then ${agent.name.en}::text else ${agent.name.fa}::text end)
        limit 1)),
      ${now}::timestamptz
    from todo t left join settings s on s.workspace_id = t.workspace_id
    on conflict (workspace_id) do update set data = excluded.data, updated_at = excluded.updated_at
    returning workspace_id`,
  );
  return rows.map((r) => Number(r.workspace_id));
}

/** The workspace's default level (settings `defaultAccessLevelId`), when it names one that exists. */
export async function defaultAccessLevelId(ctx: Ctx): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    ctx.db,
    sql`select a.id from access_levels a join settings s on s.workspace_id = a.workspace_id
      where a.workspace_id = ${ctx.workspaceId} and a.id::text = s.data ->> ${DEFAULT_LEVEL_SETTING}::text`,
  );
  return rows[0] ? Number(rows[0].id) : null;
}
