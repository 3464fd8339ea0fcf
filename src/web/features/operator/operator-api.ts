import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, setCsrfToken, type ResponseOf } from '../../app/api';

/**
 * The platform operator's console (cloud mode): its own sign-in, apart from any workspace's.
 * Its queries live under ['operator', …]; the CSRF token of the operator's cookie is the one
 * the API client sends with writes while the console is open.
 */
export const OPERATOR_KEY = ['operator'] as const;
export const SESSION_KEY = ['operator', 'session'] as const;

export type OperatorSession = ResponseOf<'getOperatorSession'>;

/** The operator's session; a 401 means signed out, a 404 that this server has no operator. */
export function useOperatorSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await call('getOperatorSession');
      setCsrfToken(session.csrfToken || null);
      return session;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export const isSignedOut = (err: unknown) => err instanceof ApiError && err.status === 401;
export const isUnavailable = (err: unknown) => err instanceof ApiError && err.status === 404;

/** Signs the operator out everywhere and forgets every operator query. */
export function useOperatorSignOut() {
  const qc = useQueryClient();
  return async () => {
    try {
      await call('operatorLogout');
    } catch {
      // Already signed out (the cookie ended): the console forgets it all the same.
    } finally {
      setCsrfToken(null);
      qc.removeQueries({ queryKey: OPERATOR_KEY });
    }
  };
}

/** The state a subscription can be in, in the order the filter offers them. */
export const STATES = ['trial', 'active', 'grace', 'expired', 'suspended'] as const;
export type WorkspaceState = (typeof STATES)[number];

export const STATE_COLORS: Record<WorkspaceState, 'info' | 'success' | 'warning' | 'error' | 'default'> = {
  trial: 'info',
  active: 'success',
  grace: 'warning',
  expired: 'error',
  suspended: 'error',
};

/** Digits typed in any script (Persian, Arabic-Indic, Latin) and separated by anything: 7، ۱ → [7, 1]. */
export function parseDays(text: string): number[] {
  return text
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
}
