import pino from 'pino';
import type { DestinationStream } from 'pino';
import { redactUrl } from './http/redact-url';

export type Logger = pino.Logger;

/**
 * Paths that must never reach a log line. Fastify logs request and response metadata only,
 * never bodies; these cover headers, and anything our own code might pass by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.*.password',
  '*.pass',
  '*.passwordSealed',
  '*.inboundPasswordSealed',
  '*.smtpPasswordSealed',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.csrfToken',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pishkhan' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        // Request lines carry no headers and no secret query values (reset tokens, tracking codes).
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          ip: req.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
        error: serializeError,
      },
    },
    destination,
  );
}

/**
 * Error fields that hold the values a failed statement was run with, or rows of data: Drizzle's
 * and PGlite's `params` (and PGlite's `queryOptions`), PostgreSQL's `detail` ("Key (email)=(…)
 * already exists", "Failing row contains (…)") and `where` (a COPY's line). The statement
 * itself, with its `$1` placeholders, is kept: it says where the failure was.
 */
const DATA_FIELDS = ['params', 'parameters', 'queryOptions', 'detail', 'where'];
const REDACTED = '[redacted]';
/** PostgreSQL quotes the offending value at the end of a line: `invalid input syntax for type integer: "…"`. */
const QUOTED_VALUE = /: "[^\n]*"(?=\n|$)/g;
/** Shorter strings are not searched for in the text: they would match inside ordinary words. */
const MIN_SCRUBBED = 3;

/** The errors of a chain of causes, the first included. */
function chain(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let e = err; e && typeof e === 'object' && out.length < 10 && !out.includes(e as never);) {
    out.push(e as Record<string, unknown>);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** Every string a statement of the chain was bound to (inside JSON values too), longest first. */
function boundStrings(errors: Record<string, unknown>[]): string[] {
  const found = new Set<string>();
  const collect = (v: unknown, depth: number) => {
    if (found.size > 500 || depth > 8) return;
    if (typeof v === 'string') {
      if (v.length >= MIN_SCRUBBED) found.add(v);
    } else if (v && typeof v === 'object') {
      for (const item of Object.values(v)) collect(item, depth + 1);
    }
  };
  for (const e of errors) for (const field of DATA_FIELDS) collect(e[field], 0);
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * pino's error serializer, minus personal data: a failed query logs its message, stack and
 * statement, never the values bound to it. Drizzle puts them in its message (`Failed query: …
 * \nparams: …`), hence in the stack too; those, each bound value and PostgreSQL's quoted values
 * are replaced with `[redacted]`, and the fields that carry data are dropped.
 */
export function serializeError(err: unknown): unknown {
  if (typeof err === 'string') return scrubText(err, []);
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (out === err || !out || typeof out !== 'object') return err;
  const errors = chain(err);
  const values = boundStrings(errors);
  const listed = errors.flatMap((e) => (Array.isArray(e.params) ? [`params: ${String(e.params)}`] : []));
  for (const [key, value] of Object.entries(out)) {
    if (DATA_FIELDS.includes(key)) delete out[key];
    else if (typeof value === 'string' && key !== 'type') out[key] = scrubText(value, values, listed);
  }
  return out;
}

function scrubText(text: string, values: string[], listed: string[] = []): string {
  let s = text;
  for (const l of listed) s = s.split(l).join(`params: ${REDACTED}`);
  // A Drizzle message quoted in a string (a stored `lastError`) has no error object to read.
  if (!listed.length) s = s.replace(/^params: [\s\S]*$/m, `params: ${REDACTED}`);
  for (const v of values) s = s.split(v).join(REDACTED);
  return s.replace(QUOTED_VALUE, `: "${REDACTED}"`);
}
