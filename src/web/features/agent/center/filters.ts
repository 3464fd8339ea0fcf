import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TStatus } from '../ticket/types';
import type { QueryOf } from '../../../app/api';
import type { Priority } from '../../../ui/ticket-bits';

export const SORTS = [
  'waiting',
  '-waiting',
  '-created',
  'created',
  '-updated',
  'updated',
  'number',
  '-number',
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
] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_STATUS: TStatus[] = ['active', 'pending'];
export const DEFAULT_SORT: Sort = 'waiting';

/** The whole view of the ticket center; every field lives in the address bar. */
export interface CenterFilters {
  status: TStatus[];
  priority: Priority[];
  departmentId: string[];
  /** 'me', 'none' or an agent's id */
  assignee: string;
  typeId: string;
  tag: string;
  from: string;
  to: string;
  email: string;
  q: string;
  deleted: '' | 'include' | 'only';
  /** E3: only tickets whose SLA is in warning or breached ('' = any). */
  sla: '' | 'warning' | 'breached';
  sort: Sort;
  pageSize: number;
  page: number;
}

const STATUS_VALUES: TStatus[] = ['active', 'pending', 'closed', 'locked'];
const PRIORITY_VALUES: Priority[] = ['urgent', 'high', 'medium', 'low'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `status=any` keeps "every status" apart from "no parameter", which means the default queue. */
export function parseFilters(p: URLSearchParams): CenterFilters {
  const statusParams = p.getAll('status');
  const status =
    statusParams.length === 0
      ? DEFAULT_STATUS
      : statusParams.includes('any')
        ? []
        : STATUS_VALUES.filter((s) => statusParams.includes(s));
  const size = Number(p.get('size'));
  const page = Number(p.get('page'));
  const sort = p.get('sort') as Sort;
  const deleted = p.get('deleted');
  const sla = p.get('sla');
  return {
    status,
    priority: PRIORITY_VALUES.filter((v) => p.getAll('priority').includes(v)),
    departmentId: p.getAll('dept').filter((v) => /^\d+$/.test(v)),
    assignee: /^(me|none|\d+)$/.test(p.get('assignee') ?? '') ? p.get('assignee')! : '',
    typeId: /^\d+$/.test(p.get('type') ?? '') ? p.get('type')! : '',
    tag: p.get('tag') ?? '',
    from: DATE.test(p.get('from') ?? '') ? p.get('from')! : '',
    to: DATE.test(p.get('to') ?? '') ? p.get('to')! : '',
    email: p.get('email') ?? '',
    q: p.get('q') ?? '',
    deleted: deleted === 'include' || deleted === 'only' ? deleted : '',
    sla: sla === 'warning' || sla === 'breached' ? sla : '',
    sort: SORTS.includes(sort) ? sort : DEFAULT_SORT,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function filtersToParams(f: CenterFilters): URLSearchParams {
  const p = new URLSearchParams();
  const same = f.status.length === DEFAULT_STATUS.length && DEFAULT_STATUS.every((s) => f.status.includes(s));
  if (f.status.length === 0) p.append('status', 'any');
  else if (!same) f.status.forEach((s) => p.append('status', s));
  f.priority.forEach((v) => p.append('priority', v));
  f.departmentId.forEach((v) => p.append('dept', v));
  const single: Array<[string, string]> = [
    ['assignee', f.assignee],
    ['type', f.typeId],
    ['tag', f.tag],
    ['from', f.from],
    ['to', f.to],
    ['email', f.email],
    ['q', f.q],
    ['deleted', f.deleted],
    ['sla', f.sla],
  ];
  for (const [k, v] of single) if (v) p.set(k, v);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.pageSize !== 25) p.set('size', String(f.pageSize));
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

/** The query string of `listTickets` for a view. */
export function toApiQuery(f: CenterFilters): QueryOf<'listTickets'> {
  return {
    status: f.status,
    priority: f.priority,
    departmentId: f.departmentId,
    assigneeId: f.assignee || undefined,
    typeId: f.typeId || undefined,
    tag: f.tag.trim() || undefined,
    createdFrom: f.from || undefined,
    createdTo: f.to || undefined,
    email: f.email.trim() || undefined,
    q: f.q.trim() || undefined,
    includeDeleted: f.deleted === 'include' ? true : undefined,
    deletedOnly: f.deleted === 'only' ? true : undefined,
    sla: f.sla || undefined,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** The filters of the current address and a setter; a change of filter goes back to page 1. */
export function useCenterFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<CenterFilters>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const cur = parseFilters(prev);
          const next = { ...cur, ...patch, page: patch.page ?? 1 };
          return filtersToParams(next);
        },
        { replace: opts.replace },
      );
    },
    [setParams],
  );
  const reset = useCallback(
    (patch: Partial<CenterFilters> = {}) => {
      setParams(filtersToParams({ ...parseFilters(new URLSearchParams()), ...patch }));
    },
    [setParams],
  );
  return { filters, update, reset };
}

/** How many filters differ from the default queue (for the "filters (3)" button). */
export function activeFilterCount(f: CenterFilters): number {
  return [
    f.priority.length > 0,
    f.departmentId.length > 0,
    !!f.assignee,
    !!f.typeId,
    !!f.tag,
    !!f.from,
    !!f.to,
    !!f.email,
    !!f.deleted,
    !!f.sla,
  ].filter(Boolean).length;
}
