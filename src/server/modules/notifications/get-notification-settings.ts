import type { TNotificationSettings } from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';
import { requireActor } from '../../platform/http/access';
import { settingsOf, type EffectiveSettings } from './settings.repo';

export function settingsView(s: EffectiveSettings): TNotificationSettings {
  return {
    filter: { mode: s.mode, userIds: s.userIds.map(String) },
    channels: s.channels,
    events: s.events,
    workingHoursOnly: s.workingHoursOnly,
  };
}

export async function mySettings(ctx: Ctx): Promise<EffectiveSettings> {
  const actor = requireActor(ctx);
  return (await settingsOf(ctx, [{ id: actor.id, role: actor.role }])).get(actor.id)!;
}

/** GET /me/notification-settings. */
export async function getNotificationSettings({ ctx }: { ctx: Ctx }): Promise<TNotificationSettings> {
  return settingsView(await mySettings(ctx));
}
