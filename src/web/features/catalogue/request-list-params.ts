import { useSearchParams } from 'react-router';
import { PAGE_SIZES } from '../portal/listParams';

export interface RequestFiltersState {
  deskId: string;
  requestTypeId: string;
  page: number;
  pageSize: number;
}

const DEFAULT_PAGE_SIZE = 25;

/** "My requests"' filters and page, kept in the address (so a reload or a shared link keeps them). */
export function useRequestListParams() {
  const [sp, setSp] = useSearchParams();
  const page = Number(sp.get('page') ?? 1);
  const pageSize = Number(sp.get('pageSize') ?? DEFAULT_PAGE_SIZE);
  const filters: RequestFiltersState = {
    deskId: sp.get('deskId') ?? '',
    requestTypeId: sp.get('requestTypeId') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  /** Changes some of them; any change but the page's goes back to the first page. */
  const update = (next: Partial<RequestFiltersState>) => {
    const merged = { ...filters, ...next };
    if (!('page' in next)) merged.page = 1;
    const out = new URLSearchParams();
    if (merged.deskId) out.set('deskId', merged.deskId);
    if (merged.requestTypeId) out.set('requestTypeId', merged.requestTypeId);
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(merged.pageSize));
    setSp(out, { replace: true });
  };
  return { filters, update, clear: () => setSp(new URLSearchParams(), { replace: true }) };
}
