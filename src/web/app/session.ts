import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../contracts/permissions';
import { ApiError, call, setCsrfToken, type ResponseOf } from './api';
import { platformQuery } from './platform';
import { applyLang, type Lang } from '../ui/i18n/i18n';

export type Me = ResponseOf<'getMe'>;
export type PublicSettings = ResponseOf<'getPublicSettings'>;

export const ME_KEY = ['me'] as const;

/**
 * The signed-in person, or null when signed out. Asked of `getSession`, which answers 200
 * either way: a signed-out start-up leaves no failed request in the browser's console.
 */
export async function fetchMe(): Promise<Me | null> {
  const { me } = await call('getSession');
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/** Stores the answer of a sign-in call: the CSRF token, the person, and their language. */
export function signedIn(qc: QueryClient, me: Me) {
  setCsrfToken(me.csrfToken);
  qc.setQueryData(ME_KEY, me);
  applyLang(me.user.locale as Lang);
}

/**
 * Unsent replies kept in this browser (features/agent/ticket/useDraft.ts: `pishkhan.draft.`,
 * ui/thread/ReplyComposer.tsx: `pishkhan.reply-draft.`) go with the person who signs out, so the
 * next one on a shared computer does not find them.
 */
const DRAFT_PREFIXES = ['pishkhan.draft.', 'pishkhan.reply-draft.'];

function forgetDrafts() {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && DRAFT_PREFIXES.some((p) => key.startsWith(p))) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Storage may be unavailable (private mode, blocked): nothing was kept there then.
  }
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    try {
      await call('logout');
    } finally {
      setCsrfToken(null);
      forgetDrafts();
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  };
}

/** Switches the language; a signed-in person's choice is saved on their profile. */
export function useSetLanguage() {
  const qc = useQueryClient();
  return async (lang: Lang) => {
    applyLang(lang);
    const me = qc.getQueryData<Me | null>(ME_KEY);
    if (me && me.user.locale !== lang) {
      qc.setQueryData(ME_KEY, { ...me, user: { ...me.user, locale: lang } });
      await call('updateMe', { body: { locale: lang } }).catch(() => undefined);
    }
  };
}

export const isStaff = (me: Me | null | undefined) => !!me && me.user.role !== 'customer';
export const isAdmin = (me: Me | null | undefined) => !!me && me.user.role === 'admin';
export const can = (me: Me | null | undefined, p: Permission) =>
  !!me && (me.user.role === 'admin' || me.permissions.includes(p));

export function usePublicSettings() {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['public-settings'],
    queryFn: async () => {
      // On the cloud's own address no workspace answers: known from the platform, not from a 404.
      const platform = await client.fetchQuery(platformQuery);
      if (!platform.workspace) throw new ApiError(404, 'not_found', 'no workspace at this address');
      return call('getPublicSettings');
    },
    staleTime: 60_000,
  });
}
