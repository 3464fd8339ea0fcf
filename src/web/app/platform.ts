import { useQuery } from '@tanstack/react-query';
import { call, type ResponseOf } from './api';

export type PlatformInfo = ResponseOf<'getPlatform'>;

/** Asked once per tab: whether this is the cloud, its domain, and whether a workspace answers here. */
export const platformQuery = {
  queryKey: ['platform'],
  queryFn: () => call('getPlatform'),
  staleTime: Infinity,
  retry: false,
} as const;

/** Whether this server is the cloud (sign-up, landing page) and the domain workspaces live under. */
export function usePlatform(enabled = true) {
  return useQuery({ ...platformQuery, enabled });
}
