import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { KB_PUBLIC, suggestArticles } from './api';
import { newSessionId } from './session-id';
import { useDebounced } from './useDebounced';

/** Suggestions start from this many characters of the subject, once typing pauses this long. */
export const SUGGEST_MIN_CHARS = 3;
export const SUGGEST_DELAY_MS = 300;

/**
 * Articles that may answer what a ticket's subject asks (issue 17), for one ticket form: the form's
 * session id is made once and goes with every suggest call, with the articles opened from them and
 * — only when something was suggested (`kbSession`) — with the ticket the form sends.
 */
export function useKbSuggestions(subject: string) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fa';
  const [session] = useState(newSessionId);
  const q = useDebounced(subject.trim().replace(/\s+/g, ' '), SUGGEST_DELAY_MS);
  const enabled = q.length >= SUGGEST_MIN_CHARS;
  const query = useQuery({
    queryKey: [KB_PUBLIC, 'suggest', session, locale, q],
    queryFn: ({ signal }) => suggestArticles(q, session, locale, signal),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    // A suggestion is a help, not the form's business: a failure just shows none.
    retry: false,
  });
  const items = (enabled && query.data?.items) || [];
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (items.length) setShown(true);
  }, [items.length]);
  return { session, items, kbSession: shown ? session : undefined };
}
