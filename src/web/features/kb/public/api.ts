import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../../app/api';

/**
 * The help centre's calls (issue 17, api.md "Knowledge base"): public groups, articles and their
 * search, one article, votes and the suggestions of the ticket forms. Keys start with 'kb-public'
 * so staff lists ('kb') are not mixed with what visitors see.
 */

export const KB_PUBLIC = 'kb-public';

export const publicGroupsKey = [KB_PUBLIC, 'groups'] as const;
export const publicArticleKey = (slug: string) => [KB_PUBLIC, 'article', slug] as const;

/** Every visible group (top level and subgroups); the help centre picks from it. */
export function usePublicGroups() {
  return useQuery({
    queryKey: publicGroupsKey,
    queryFn: ({ signal }) => call('listPublicKbGroups', { signal }),
    staleTime: 60_000,
  });
}

export const HELP_PAGE_SIZE = 20;

/** A page of visible articles: of one group, or matching `q` (with the matched words marked). */
export function usePublicArticles(params: { q?: string; groupId?: string; page: number }, enabled = true) {
  const query = {
    ...(params.q ? { q: params.q } : {}),
    ...(params.groupId ? { groupId: params.groupId } : {}),
    page: params.page,
    pageSize: HELP_PAGE_SIZE,
  };
  return useQuery({
    queryKey: [KB_PUBLIC, 'articles', query],
    queryFn: ({ signal }) => call('listPublicKbArticles', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * One article. Each load counts a view on the server, so it is loaded once per visit: not again
 * when the window gets the focus back, nor after a vote (the vote's answer updates the counts).
 */
export function usePublicArticle(slug: string, suggestion: string | null) {
  return useQuery({
    queryKey: publicArticleKey(slug),
    queryFn: ({ signal }) =>
      call('getPublicKbArticle', {
        path: { slug },
        query: suggestion ? { suggestion } : {},
        signal,
      }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && err.status === 404),
  });
}

export const sendFeedback = (slug: string, helpful: boolean) =>
  call('voteKbArticle', { path: { slug }, body: { helpful } });

/** Suggestions for a ticket's subject; articles in the form's language come first. */
export const suggestArticles = (q: string, session: string, locale: 'fa' | 'en', signal?: AbortSignal) =>
  call('suggestKbArticles', { query: { q, session, locale }, signal });
