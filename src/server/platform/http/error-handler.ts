import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Msg } from '../errors';
import { localeFromHeader, t, type Locale } from '../i18n';
import { SizeLimitError } from '../storage';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/db-errors';
import { RequestValidationError, issuesToFields, rootMessage } from './validation';

/** Unique-constraint names mapped to the field they protect, for races the action missed. */
const UNIQUE_FIELDS: Record<string, [string, string]> = {
  users_username_uq: ['username', 'validation.username_taken'],
  users_email_uq: ['email', 'validation.email_taken'],
  users_mobile_uq: ['mobile', 'validation.mobile_taken'],
  access_levels_name_uq: ['name', 'validation.name_taken'],
  ticket_types_name_uq: ['name', 'validation.name_taken'],
  tags_name_uq: ['name', 'validation.name_taken'],
};

/** Seconds a client should wait before asking again for what timed out. */
const TIMEOUT_RETRY_AFTER = 5;

const BUSBOY_MESSAGES =
  /^(Unexpected end of multipart data|Multipart: Boundary not found|Malformed part header|Part terminated early)/;

function send(reply: FastifyReply, locale: Locale, err: AppError) {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, t(locale, m.key, m.params)]))
    : undefined;
  if (err.retryAfter) reply.header('retry-after', String(err.retryAfter));
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(
      JSON.stringify({
        error: {
          code: err.code,
          message: t(locale, err.msg.key, err.msg.params),
          ...(fields ? { fields } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      }),
    );
}

/** Maps anything thrown to the error shape of api.md. No stack trace or SQL ever leaves. */
export function toAppError(err: unknown, context?: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RequestValidationError) {
    // A malformed id in the path is an unknown id: 404, like any other id that is not there.
    if (context === 'params') return new AppError('not_found', { key: 'errors.not_found' });
    // Fields only when some field is at fault; a fault of the whole body is the message itself.
    const fields = issuesToFields(err.issues);
    const named = Object.keys(fields).length > 0;
    return new AppError('invalid', rootMessage(err.issues) ?? { key: 'errors.invalid' }, named ? fields : undefined);
  }
  // The database is restarting or down: 503, so clients retry, instead of a 500.
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  if (err instanceof SizeLimitError)
    return new AppError('too_large', {
      key: 'errors.file_too_large',
      params: { mb: +(err.maxBytes / 1048576).toFixed(1) },
    });
  const e = err as FastifyError & { code?: string; constraint?: string };
  // A multipart body that does not follow its own boundary (cut short, a wrong boundary):
  // busboy throws plain Errors, recognised by their message. The client's fault, not ours.
  if (!e.code && e instanceof Error && BUSBOY_MESSAGES.test(e.message))
    return new AppError('invalid', { key: 'errors.multipart_malformed' });
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('too_large', { key: 'errors.body_too_large' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', { key: 'errors.unsupported_media_type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid', { key: 'errors.empty_body' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid', { key: 'errors.bad_request' });
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('too_large', { key: 'errors.too_many_files' });
  }
  const db = sqlStateOf(err);
  // 57014: cancelled by statement_timeout; 55P03: a lock not had within lock_timeout. The
  // request was too heavy for now, not wrong: 503 with Retry-After, never a 500.
  if (db?.code === '57014' || db?.code === '55P03')
    return new AppError('timeout', { key: 'errors.timeout' }, undefined, undefined, TIMEOUT_RETRY_AFTER);
  if (db?.code === '23505') {
    const f = db.constraint ? UNIQUE_FIELDS[db.constraint] : undefined;
    return f
      ? new AppError('invalid', { key: 'errors.invalid' }, { [f[0]]: { key: f[1] } as Msg })
      : new AppError('conflict', { key: 'errors.conflict' });
  }
  if (
    e instanceof SyntaxError ||
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))
  ) {
    return new AppError('invalid', { key: 'errors.bad_json' });
  }
  if (e.statusCode === 413) return new AppError('too_large', { key: 'errors.body_too_large' });
  if (e.statusCode === 415) return new AppError('unsupported_media_type', { key: 'errors.unsupported_media_type' });
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('invalid', { key: 'errors.bad_request' });
  return new AppError('internal', { key: 'errors.internal' });
}

/**
 * The database's SQLSTATE and constraint of an error, or of the one it wraps: Drizzle throws its
 * own error with the driver's in `cause`, so a unique violation a module did not expect still
 * answers 409 (or the field's message), not 500.
 */
function sqlStateOf(err: unknown): { code: string; constraint?: string } | null {
  let c = err as { code?: unknown; constraint?: string; cause?: unknown } | undefined;
  for (let depth = 0; c && typeof c === 'object' && depth < 5; depth++) {
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return { code: c.code, constraint: c.constraint };
    c = c.cause as typeof c;
  }
  return null;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, request: FastifyRequest, reply) => {
    const appErr = toAppError(err, err.validationContext);
    if (appErr.code === 'internal') request.log.error({ err }, 'unhandled error');
    else if (appErr.status >= 400) request.log.info({ code: appErr.code, key: appErr.msg.key }, 'request refused');
    return send(reply, request.ctx?.locale ?? localeFromHeader(request.headers['accept-language']), appErr);
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      localeFromHeader(request.headers['accept-language']),
      new AppError('not_found', { key: 'errors.route_not_found' }),
    ),
  );
}
