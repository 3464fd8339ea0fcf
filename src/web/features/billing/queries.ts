import { useQuery } from '@tanstack/react-query';
import { ApiError, call } from '../../app/api';
import { usePlatform } from '../../app/platform';
import { PLANS_KEY, SUBSCRIPTION_KEY } from './billing';

/** Cloud mode or not: the app's one query of the platform (also read by the SMS credit page). */
export { usePlatform };

/**
 * The workspace's plan, its state and usage — or null on a self-hosted server, which has no
 * plans: it is not asked there (an older server without /public/platform, whose subscription
 * route answers 404, reads the same). Read by the billing page and the app-wide banner; `fresh`
 * (the billing page) reads it again on every visit rather than showing a minute-old usage.
 */
export function useSubscription(wanted = true, fresh = false) {
  const platform = usePlatform(wanted);
  const enabled = wanted && !!platform.data?.cloud;
  const query = useQuery({
    queryKey: SUBSCRIPTION_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await call('getSubscription', { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
    retry: false,
    staleTime: 60_000,
    // The billing page reads it anew: people and departments added since change the usage bars.
    refetchOnMount: fresh ? 'always' : true,
  });
  // Self-hosted (or not known yet): no plan parts; react-query keeps a disabled query pending.
  if (!enabled) return { ...query, isPending: wanted && platform.isPending, data: null };
  return query;
}

/** The plans on offer (cloud mode only). */
export function usePlans(enabled = true) {
  return useQuery({
    queryKey: PLANS_KEY,
    queryFn: ({ signal }) => call('listPlans', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
