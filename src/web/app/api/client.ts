/**
 * The web app's one way to the API: operations are called by their OpenAPI `operationId`, with
 * path parameters, query, body and answer typed from the generated schema (schema.gen.ts). No
 * other file builds an API URL, so a contract change breaks `npm run typecheck`, not a user.
 */
import { fetchJson, sendMultipart } from './http';
import { OPERATIONS } from './operations.gen';
import { operationUrl } from './urls';
import type { operations } from './schema.gen';

export type OperationId = keyof operations;
export { operationUrl };
type Op<K extends OperationId> = operations[K];
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type MultipartOf<T> = T extends { content: { 'multipart/form-data': unknown } } ? true : never;

/** The JSON request body of an operation (never when it takes none). */
export type BodyOf<K extends OperationId> = Op<K> extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;
/** The query parameters of an operation. */
export type QueryOf<K extends OperationId> = NonNullable<Op<K>['parameters']['query']>;
/** The path parameters of an operation (a number may stand for a numeric string: ticket numbers). */
export type PathOf<K extends OperationId> = Widen<NonNullable<Op<K>['parameters']['path']>>;
type Widen<T> = [T] extends [never] ? never : { [P in keyof T]: T[P] extends string ? T[P] | number : T[P] };
type Success<R> = { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : never }[keyof R];
/** The parsed success answer of an operation (`void` for 204 No Content). */
export type ResponseOf<K extends OperationId> = [Success<Op<K>['responses']>] extends [never]
  ? void
  : Success<Op<K>['responses']>;
/** One element of a paged list answer (`{ items: T[] }`). */
export type ItemOf<K extends OperationId> = ResponseOf<K> extends { items: Array<infer T> } ? T : never;
/** Operations that take a multipart form (file uploads). */
export type UploadOperation = {
  [K in OperationId]: Op<K> extends { requestBody?: infer R }
    ? [MultipartOf<NonNullable<R>>] extends [never]
      ? never
      : K
    : never;
}[OperationId];

type Part<Name extends string, T> = [T] extends [never]
  ? { [P in Name]?: undefined }
  : object extends T
    ? { [P in Name]?: T }
    : { [P in Name]: T };

export type CallArgs<K extends OperationId> = Part<'path', PathOf<K>> &
  Part<'query', QueryOf<K>> &
  Part<'body', BodyOf<K>> & {
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };
type ArgsTuple<K extends OperationId> = object extends CallArgs<K> ? [args?: CallArgs<K>] : [args: CallArgs<K>];

/** Calls an operation. Resolves with its typed answer; rejects with ApiError (or AbortError). */
export function call<K extends OperationId>(op: K, ...[args]: ArgsTuple<K>): Promise<ResponseOf<K>> {
  const a = (args ?? {}) as CallArgs<K>;
  const { method } = OPERATIONS[op];
  const body = a.body === undefined && method === 'POST' ? {} : a.body;
  return fetchJson<ResponseOf<K>>(method, operationUrl(op, a), body, { headers: a.headers, signal: a.signal });
}

/** Sends a multipart form to an upload operation, reporting progress (0…1). */
export function upload<K extends UploadOperation>(
  op: K,
  form: FormData,
  opts: { path?: PathOf<K>; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<ResponseOf<K>> {
  return sendMultipart<ResponseOf<K>>(operationUrl(op, { path: opts.path }), form, opts.onProgress, opts.signal);
}

/** Uploads one file (a signed-in person's `uploadFile`, a guest's `uploadGuestFile`) with progress. */
export function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  op: 'uploadFile' | 'uploadGuestFile' = 'uploadFile',
  signal?: AbortSignal,
) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(op, form, { onProgress, signal });
}
