export interface PageInput {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const offsetOf = (p: PageInput) => (p.page - 1) * p.pageSize;

export const pageOf = <T>(items: T[], total: number, p: PageInput): Page<T> => ({
  items,
  total,
  page: p.page,
  pageSize: p.pageSize,
});

/** A stored time as the API writes it; a Date (what Drizzle reads) is written without a copy. */
export const iso = (d: Date | string | null | undefined): string | null =>
  d ? (d instanceof Date ? d : new Date(d)).toISOString() : null;
