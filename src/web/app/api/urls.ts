/**
 * URLs of operations, apart from the client so that code needing only a URL (the live stream)
 * does not load the fetch layer and its translations.
 */
import { OPERATIONS } from './operations.gen';
import type { OperationId, PathOf, QueryOf } from './client';

type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

/**
 * The URL of an operation with its path parameters filled and its query appended (array values
 * repeat the name: status=a&status=b; empty values are left out). For links and EventSource.
 */
export function operationUrl<K extends OperationId>(
  op: K,
  args: { path?: PathOf<K>; query?: QueryOf<K> } = {},
): string {
  const path = args.path as Record<string, string | number> | undefined;
  const url = OPERATIONS[op].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined || value === '') throw new Error(`${op}: path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((args.query ?? {}) as Record<string, QueryValue>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}
