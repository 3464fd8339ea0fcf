import { z } from 'zod';
import { ZBool, ZId, ZIdInput, ZList, ZPage, ZPageQuery } from './common';

/** What a person can be told of (G1, G3, C23). `agentReplied` is the requester's, the rest staff's. */
export const NOTIFICATION_EVENTS = [
  'ticketCreated',
  'customerReplied',
  'agentReplied',
  'assigned',
  'transferred',
  'mentioned',
  'slaWarning',
  'slaBreached',
  'statusChanged',
] as const;
export const ZNotificationEvent = z.enum(NOTIFICATION_EVENTS);
export type TNotificationEvent = z.infer<typeof ZNotificationEvent>;

export const CHANNELS = ['email', 'sms', 'push'] as const;
export const ZChannel = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannel>;

/** Seed 004: from everyone, everyone but a list, or only a list (an empty list silences all). */
export const ZFilterMode = z.enum(['all', 'blacklist', 'whitelist']);
export type TFilterMode = z.infer<typeof ZFilterMode>;

const MAX_FILTER_PEOPLE = 500;

export const ZNotificationFilter = z.object({
  mode: ZFilterMode,
  userIds: z.array(ZId).max(MAX_FILTER_PEOPLE),
});

export const ZChannels = z.object({ email: z.boolean(), sms: z.boolean(), push: z.boolean() });
export type TChannels = z.infer<typeof ZChannels>;

export const ZEvents = z.object(
  Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, z.boolean()])) as Record<TNotificationEvent, z.ZodBoolean>,
);
export type TEvents = z.infer<typeof ZEvents>;

/** GET /me/notification-settings. */
export const ZNotificationSettings = z.object({
  filter: ZNotificationFilter,
  channels: ZChannels,
  events: ZEvents,
  /** E3: no e-mail, SMS or push outside working hours; they wait for the next working minute (the bell does not). */
  workingHoursOnly: z.boolean(),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

/** PUT /me/notification-settings: any part; what is left out stays as it is. */
export const ZNotificationSettingsInput = z
  .object({
    filter: z.object({ mode: ZFilterMode, userIds: z.array(ZIdInput).max(MAX_FILTER_PEOPLE).default([]) }).optional(),
    channels: ZChannels.partial().optional(),
    events: ZEvents.partial().optional(),
    workingHoursOnly: z.boolean().optional(),
  })
  .strict();
export type TNotificationSettingsInput = z.infer<typeof ZNotificationSettingsInput>;

/** GET|PUT /me/notification-filter: the filter alone, with the channels (api.md, Auth and people). */
export const ZNotificationFilterView = z.object({
  mode: ZFilterMode,
  userIds: z.array(ZId),
  channels: ZChannels,
});
export const ZNotificationFilterInput = z
  .object({
    mode: ZFilterMode,
    userIds: z.array(ZIdInput).max(MAX_FILTER_PEOPLE).default([]),
    channels: ZChannels.partial().optional(),
  })
  .strict();
export type TNotificationFilterInput = z.infer<typeof ZNotificationFilterInput>;

/** An in-app notification (the bell). */
export const ZNotification = z.object({
  id: ZId,
  event: z.string(),
  ticketNumber: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = ZPageQuery.extend({ unread: ZBool.optional() });
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuery>;
export const ZNotificationPage = ZPage(ZNotification).extend({ unread: z.number().int() });
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZMarkReadInput = z.union([
  z.object({ ids: z.array(ZIdInput).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type TMarkReadInput = z.infer<typeof ZMarkReadInput>;
export const ZMarkReadResult = z.object({ updated: z.number().int(), unread: z.number().int() });

export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'skipped'] as const;
export const ZDeliveryStatus = z.enum(DELIVERY_STATUSES);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

/** GET /deliveries: every outgoing e-mail, SMS and push and what became of it. */
export const ZDelivery = z.object({
  id: ZId,
  channel: ZChannel,
  to: z.string(),
  event: z.string(),
  ticketNumber: z.number().int().nullable(),
  status: ZDeliveryStatus,
  reason: z.string().nullable(),
  attempts: z.number().int(),
  parts: z.number().int().nullable(),
  price: z.number().int().nullable(),
  provider: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZListDeliveriesQuery = ZPageQuery.extend({
  channel: ZChannel.optional(),
  status: ZList(ZDeliveryStatus).optional(),
  ticketNumber: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type TListDeliveriesQuery = z.infer<typeof ZListDeliveriesQuery>;
export const ZDeliveryPage = ZPage(ZDelivery);
export type TDeliveryPage = z.infer<typeof ZDeliveryPage>;
