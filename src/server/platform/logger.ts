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
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
