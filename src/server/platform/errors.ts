/**
 * The one set of typed errors. Actions throw these; the HTTP layer maps them to a status and a
 * translated message in one place (platform/http/error-handler.ts). `key` names a message in
 * src/server/i18n/<lang>.json; `params` fill its {placeholders}.
 */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'invalid'
  | 'conflict'
  | 'limit_reached'
  | 'rate_limited'
  | 'locked'
  | 'gone'
  | 'too_large'
  | 'unsupported_media_type'
  | 'ip_not_allowed'
  | 'two_factor_required'
  | 'two_factor_invalid'
  | 'two_factor_setup_required'
  | 'suspended'
  | 'subscription_expired'
  | 'directory_unavailable'
  | 'database_unavailable'
  | 'timeout'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  invalid: 400,
  conflict: 409,
  limit_reached: 402,
  rate_limited: 429,
  locked: 423,
  // A link that existed but has run out (K5: a satisfaction survey after 30 days).
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  ip_not_allowed: 403,
  // K11: a sign-in that needs the authenticator's code, or got a wrong one; staff who must
  // turn two-factor sign-in on before anything else.
  two_factor_required: 401,
  two_factor_invalid: 401,
  two_factor_setup_required: 403,
  suspended: 503,
  // Cloud mode: the plan ended and its grace too; the workspace is read-only until it is paid.
  subscription_expired: 402,
  // A5: the admin's "sync now" could not reach or search the directory.
  directory_unavailable: 502,
  database_unavailable: 503,
  // A statement ran past the database's statement_timeout (or waited past lock_timeout).
  timeout: 503,
  internal: 500,
};

export interface Msg {
  key: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    readonly fields?: Record<string, Msg>,
    /** Extra machine-readable data returned with the error (for example newer messages on 409). */
    readonly details?: Record<string, unknown>,
    /** Seconds after which a retry may succeed (429, 423). */
    readonly retryAfter?: number,
  ) {
    super(`${code}: ${msg.key}`);
    this.status = STATUS[code];
  }
}

export const NotFound = (what = 'errors.not_found') => new AppError('not_found', { key: what });
export const Forbidden = (key = 'errors.forbidden') => new AppError('forbidden', { key });
export const Unauthorized = (key = 'errors.unauthorized') => new AppError('unauthorized', { key });
export const Conflict = (key: string, params?: Msg['params'], details?: Record<string, unknown>) =>
  new AppError('conflict', { key, params }, undefined, details);
export const LimitReached = (key: string, params?: Msg['params']) => new AppError('limit_reached', { key, params });
export const RateLimited = (retryAfter: number) =>
  new AppError(
    'rate_limited',
    { key: 'errors.rate_limited', params: { seconds: retryAfter } },
    undefined,
    undefined,
    retryAfter,
  );
export const TooLarge = (key = 'errors.too_large', params?: Msg['params']) =>
  new AppError('too_large', { key, params });
export const UnsupportedMedia = (key = 'errors.unsupported_media_type') =>
  new AppError('unsupported_media_type', { key });

/** Invalid input; `fields` maps a field name to its message. */
export function Invalid(fields: Record<string, Msg | string>, key = 'errors.invalid'): AppError {
  const f: Record<string, Msg> = {};
  for (const [name, m] of Object.entries(fields)) f[name] = typeof m === 'string' ? { key: m } : m;
  return new AppError('invalid', { key }, f);
}

/** Shorthand for a single invalid field. */
export const InvalidField = (field: string, key: string, params?: Msg['params']) =>
  Invalid({ [field]: { key, params } });
