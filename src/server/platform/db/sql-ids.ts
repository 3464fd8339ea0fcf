import { sql, type SQL } from 'drizzle-orm';

/** A bigint[] parameter: one array literal (drizzle would spread a JS array into a list); any module. */
export const idArray = (ids: readonly number[]): SQL =>
  sql`${`{${ids.map((i) => Math.trunc(Number(i))).join(',')}}`}::bigint[]`;
