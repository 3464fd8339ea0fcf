import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PRIORITIES, STATUSES } from '../../ui/ticket-bits';

/** D3 sort options, as the API spells them (a leading '-' is descending). */
export const SORTS = [
  '-created',
  'created',
  '-updated',
  'updated',
  '-number',
  'number',
  'subject',
  '-subject',
  'status',
  '-status',
  'priority',
  '-priority',
  'department',
  '-department',
  'email',
  '-email',
  'waiting',
  '-waiting',
] as const;
export type Sort = (typeof SORTS)[number];
export const DEFAULT_SORT: Sort = '-created';
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

export interface ListFilters {
  status: string[];
  priority: string[];
  departmentId: string[];
  typeId: string;
  createdFrom: string;
  createdTo: string;
  q: string;
  email: string;
  sort: Sort;
  page: number;
  pageSize: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9]\d{0,15}$/;

/** Reads the filters from the address; anything malformed falls back to the default. */
function parse(sp: URLSearchParams): ListFilters {
  const all = (k: string, ok: (v: string) => boolean) => [...new Set(sp.getAll(k).filter(ok))];
  const one = (k: string, ok: (v: string) => boolean) => {
    const v = sp.get(k) ?? '';
    return ok(v) ? v : '';
  };
  const pageSize = Number(sp.get('pageSize'));
  const page = Number(sp.get('page'));
  const sort = sp.get('sort') as Sort;
  return {
    status: all('status', (v) => (STATUSES as string[]).includes(v)),
    priority: all('priority', (v) => (PRIORITIES as string[]).includes(v)),
    departmentId: all('departmentId', (v) => ID.test(v)),
    typeId: one('typeId', (v) => ID.test(v)),
    createdFrom: one('createdFrom', (v) => DAY.test(v)),
    createdTo: one('createdTo', (v) => DAY.test(v)),
    q: (sp.get('q') ?? '').slice(0, 200),
    email: (sp.get('email') ?? '').slice(0, 254),
    sort: SORTS.includes(sort) ? sort : DEFAULT_SORT,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Which filters narrow the list (not sort or paging): for "clear" and the empty state. */
export const activeFilterCount = (f: ListFilters) =>
  f.status.length +
  f.priority.length +
  f.departmentId.length +
  [f.typeId, f.createdFrom, f.createdTo, f.q, f.email].filter(Boolean).length;

/**
 * D3: the list's filters live in the address, so reload, back and a shared link keep them.
 * Changing a filter goes back to page 1.
 */
export function useListParams() {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => parse(sp), [sp]);
  const update = (patch: Partial<ListFilters>) => {
    const next = { ...filters, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (k === 'sort' && v === DEFAULT_SORT) continue;
      if (k === 'page' && v === 1) continue;
      if (k === 'pageSize' && v === DEFAULT_PAGE_SIZE) continue;
      for (const item of Array.isArray(v) ? v : [v]) if (item !== '' && item !== undefined) out.append(k, String(item));
    }
    setSp(out);
  };
  const clear = () =>
    update({
      status: [],
      priority: [],
      departmentId: [],
      typeId: '',
      createdFrom: '',
      createdTo: '',
      q: '',
      email: '',
      page: 1,
    });
  return { filters, update, clear };
}
