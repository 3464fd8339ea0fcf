import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, type BodyOf, type ResponseOf } from '../../app/api';
import { isStaff, type Me } from '../../app/session';

export type NotificationSettings = ResponseOf<'getNotificationSettings'>;
export type EventName = keyof NotificationSettings['events'];
export type ChannelName = keyof NotificationSettings['channels'];

export const SETTINGS_KEY = ['notification-settings'] as const;
export const CHANNELS: ChannelName[] = ['email', 'sms', 'push'];

/**
 * The events a person can be told of, by role (G1, G3): staff hear of what customers do and of
 * their own work; customers of what happens to their requests.
 */
export const eventsFor = (me: Me): EventName[] =>
  isStaff(me)
    ? [
        'ticketCreated',
        'customerReplied',
        'assigned',
        'transferred',
        'statusChanged',
        'mentioned',
        'slaWarning',
        'slaBreached',
      ]
    : ['ticketCreated', 'agentReplied', 'statusChanged'];

export function useNotificationSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: ({ signal }) => call('getNotificationSettings', { signal }) });
}

/** Saves any part of the settings; the answer (the whole document) replaces the cached one. */
export function useSaveNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'updateNotificationSettings'>) => call('updateNotificationSettings', { body }),
    onSuccess: (next) => qc.setQueryData(SETTINGS_KEY, next),
  });
}
