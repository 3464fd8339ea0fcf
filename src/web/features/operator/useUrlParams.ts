import { useSearchParams } from 'react-router';

/**
 * The console's lists keep their filters and page in the address (a reload or a shared link
 * shows the same): the params, the page and page size, and `update` — a value sets, null removes;
 * the history entry is replaced, not added.
 */
export function useUrlParams(defaultPageSize = 25) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || defaultPageSize;
  const update = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next))
          if (v) out.set(k, v);
          else out.delete(k);
        return out;
      },
      { replace: true },
    );
  return { params, page, pageSize, update };
}
