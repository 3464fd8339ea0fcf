import { and, eq, inArray } from 'drizzle-orm';
import { notificationSettings } from '../../../db/schema';
import type { Role } from '../../../contracts/permissions';
import {
  CHANNELS,
  NOTIFICATION_EVENTS,
  type TChannels,
  type TEvents,
  type TFilterMode,
  type TNotificationEvent,
} from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';

/** A person's settings with the defaults filled in. */
export interface EffectiveSettings {
  mode: TFilterMode;
  userIds: number[];
  channels: TChannels;
  events: TEvents;
  workingHoursOnly: boolean;
}

/** Staff hear of customers' events; customers of what staff do to their tickets. */
const CUSTOMER_EVENTS: ReadonlySet<TNotificationEvent> = new Set(['agentReplied', 'statusChanged', 'ticketCreated']);

/**
 * Seed 004: agents are told by e-mail, SMS and push by default, of every event. A customer's
 * e-mail and SMS are further bounded by what the workspace sends customers (recipients.ts).
 */
export function defaultSettings(role: Role): EffectiveSettings {
  const staff = role !== 'customer';
  return {
    mode: 'all',
    userIds: [],
    channels: Object.fromEntries(CHANNELS.map((c) => [c, true])) as TChannels,
    events: Object.fromEntries(
      NOTIFICATION_EVENTS.map((e) => [e, staff ? e !== 'agentReplied' : CUSTOMER_EVENTS.has(e)]),
    ) as TEvents,
    workingHoursOnly: false,
  };
}

const pickBooleans = <T extends Record<string, boolean>>(base: T, stored: unknown): T => {
  const out = { ...base };
  if (stored && typeof stored === 'object')
    for (const k of Object.keys(base)) {
      const v = (stored as Record<string, unknown>)[k];
      if (typeof v === 'boolean') (out as Record<string, boolean>)[k] = v;
    }
  return out;
};

type StoredRow = typeof notificationSettings.$inferSelect;

export function mergeSettings(role: Role, row: StoredRow | undefined): EffectiveSettings {
  const d = defaultSettings(role);
  if (!row) return d;
  return {
    mode: (['all', 'blacklist', 'whitelist'].includes(row.filterMode) ? row.filterMode : 'all') as TFilterMode,
    userIds: row.filterUserIds.map(Number),
    channels: pickBooleans(d.channels, row.channels),
    events: pickBooleans(d.events, row.events),
    workingHoursOnly: row.workingHoursOnly,
  };
}

/** The settings of many people in one query. */
export async function settingsOf(
  ctx: Pick<Ctx, 'db' | 'workspaceId'>,
  people: { id: number; role: Role }[],
): Promise<Map<number, EffectiveSettings>> {
  const ids = [...new Set(people.map((p) => p.id))];
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(notificationSettings)
        .where(and(eq(notificationSettings.workspaceId, ctx.workspaceId), inArray(notificationSettings.userId, ids)))
    : [];
  const byId = new Map(rows.map((r) => [Number(r.userId), r]));
  return new Map(people.map((p) => [p.id, mergeSettings(p.role, byId.get(p.id))]));
}

/** Writes a person's settings (the whole effective document: defaults may change later, choices stay). */
export async function saveSettings(ctx: Ctx, userId: number, s: EffectiveSettings): Promise<void> {
  const now = ctx.deps.clock.now();
  const values = {
    filterMode: s.mode,
    filterUserIds: s.userIds,
    channels: s.channels,
    events: s.events,
    workingHoursOnly: s.workingHoursOnly,
    updatedAt: now,
  };
  await ctx.db
    .insert(notificationSettings)
    .values({ workspaceId: ctx.workspaceId, userId, ...values })
    .onConflictDoUpdate({ target: [notificationSettings.workspaceId, notificationSettings.userId], set: values });
}

/**
 * Seed 004's filter, for events caused by a customer or a guest (`senderId` null): everyone;
 * everyone but the list; only the list — an empty whitelist silences every sender.
 */
export function passesFilter(s: EffectiveSettings, senderId: number | null): boolean {
  if (s.mode === 'all') return true;
  const listed = senderId !== null && s.userIds.includes(senderId);
  return s.mode === 'blacklist' ? !listed : listed;
}
