import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type {
  TNotificationFilterInput,
  TNotificationSettings,
  TNotificationSettingsInput,
} from '../../../contracts/notifications';
import { withTx, type Ctx } from '../../platform/context';
import { Invalid } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { mySettings, settingsView } from './get-notification-settings';
import { saveSettings, type EffectiveSettings } from './settings.repo';

/** The people of a filter must be people of this workspace (any role: customers are who it is about). */
async function checkPeople(ctx: Ctx, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, ctx.workspaceId), inArray(users.id, unique), isNull(users.deletedAt)));
  if (found.length !== unique.length) throw Invalid({ userIds: 'validation.unknown_people' });
  return unique;
}

async function apply(ctx: Ctx, change: (s: EffectiveSettings) => Promise<EffectiveSettings>) {
  const actor = requireActor(ctx);
  return withTx(ctx, async (tx) => {
    const next = await change(await mySettings(tx));
    await saveSettings(tx, actor.id, next);
    return next;
  });
}

/** PUT /me/notification-settings: the parts given replace the person's; the rest stays. */
export async function updateNotificationSettings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TNotificationSettingsInput;
}): Promise<TNotificationSettings> {
  const s = await apply(ctx, async (cur) => ({
    mode: input.filter?.mode ?? cur.mode,
    userIds: input.filter ? await checkPeople(ctx, input.filter.userIds) : cur.userIds,
    channels: { ...cur.channels, ...stripUndefined(input.channels) },
    events: { ...cur.events, ...stripUndefined(input.events) },
    workingHoursOnly: input.workingHoursOnly ?? cur.workingHoursOnly,
  }));
  return settingsView(s);
}

/** PUT /me/notification-filter (api.md, "Auth and people"): the filter, and channels if given. */
export async function updateNotificationFilter({ ctx, input }: { ctx: Ctx; input: TNotificationFilterInput }) {
  const s = await apply(ctx, async (cur) => ({
    ...cur,
    mode: input.mode,
    userIds: await checkPeople(ctx, input.userIds),
    channels: { ...cur.channels, ...stripUndefined(input.channels) },
  }));
  return filterView(s);
}

export const filterView = (s: EffectiveSettings) => ({
  mode: s.mode,
  userIds: s.userIds.map(String),
  channels: s.channels,
});

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
