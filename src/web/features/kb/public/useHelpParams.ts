import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The help centre's search words (?q=) and page (?page=), kept in the address. */
export function useHelpParams() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const setQ = useCallback(
    (value: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value.trim()) next.set('q', value.trim());
          else next.delete('q');
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setPage = useCallback(
    (n: number) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (n > 1) next.set('page', String(n));
        else next.delete('page');
        return next;
      }),
    [setParams],
  );
  return { q, page, setQ, setPage };
}
