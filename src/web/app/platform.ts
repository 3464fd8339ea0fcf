import { useQuery } from '@tanstack/react-query';
import { call, type ResponseOf } from './api';

export type PlatformInfo = ResponseOf<'getPlatform'>;

/** Whether this server is the cloud (sign-up, landing page) and the domain workspaces live under. */
export function usePlatform() {
  return useQuery({ queryKey: ['platform'], queryFn: () => call('getPlatform'), staleTime: Infinity });
}
