import type { FastifyInstance } from 'fastify';

/**
 * How long a client may take (issue 12). Without bounds a body sent one byte a second holds a
 * connection — and a request slot — for as long as the client likes.
 *
 * - `headersMs` (10 s): request line and headers (Node's `server.headersTimeout`).
 * - `bodyMs` (60 s): the whole request, body included, for every request that is not an upload.
 *   JSON bodies are at most 1 MiB (app.ts `BODY_LIMIT`); a client that cannot send that in a
 *   minute is not a client. Enforced by `installBodyTimeout` below.
 * - `uploadMs` (10 min): the whole request for `multipart/form-data` (uploads, logos, .eml
 *   imports): files may reach the configured size limit over a slow line. It is also Node's
 *   `server.requestTimeout`, the backstop for every request, so nothing is received for longer.
 * - `idleMs` (60 s): a socket on which nothing moves either way is closed (Fastify's
 *   `connectionTimeout`, i.e. `server.timeout`). Live streams (SSE) send a `: ping` every 25 s,
 *   so they stay open; a download whose reader stopped reading is closed.
 * - `keepAliveMs` (65 s): an idle keep-alive connection between two requests. Above the 60 s
 *   that reverse proxies (nginx) keep their upstream connections, so the proxy closes first and
 *   never sends on a connection we are closing.
 * - `checkIntervalMs` (1 s): how often Node checks the header and request bounds
 *   (`connectionsCheckingInterval`, 30 s by default, which would let each bound run 30 s late).
 *
 * Node's request bounds cover *receiving* the request only: once it has arrived, a long answer
 * (an SSE stream, a large download) is not cut by them.
 */
export interface ServerTimeouts {
  headersMs: number;
  bodyMs: number;
  uploadMs: number;
  idleMs: number;
  keepAliveMs: number;
  checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  bodyMs: 60_000,
  uploadMs: 10 * 60_000,
  idleMs: 60_000,
  keepAliveMs: 65_000,
  checkIntervalMs: 1_000,
};

/** The Fastify options that carry the bounds Node enforces itself. */
export function timeoutOptions(t: ServerTimeouts) {
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.uploadMs,
    // Passed to http.createServer: some of these exist only as constructor options.
    http: { headersTimeout: t.headersMs, requestTimeout: t.uploadMs, connectionsCheckingInterval: t.checkIntervalMs },
  };
}

const hasBody = (headers: Record<string, string | string[] | undefined>) =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * The shorter bound for bodies that are not uploads. Node's `requestTimeout` is one number for
 * the whole server, so the per-request one is kept here: a request whose body has not fully
 * arrived `bodyMs` (or `uploadMs` for multipart) after its headers loses its connection.
 * Registered first, so that it runs before anything else reads the database.
 */
export function installBodyTimeout(app: FastifyInstance, t: ServerTimeouts) {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (raw.complete || !hasBody(raw.headers)) return done();
    const upload = /^multipart\//i.test(raw.headers['content-type'] ?? '');
    const ms = upload ? t.uploadMs : t.bodyMs;
    const timer = setTimeout(() => {
      if (raw.complete) return;
      request.log.info({ ms }, 'request body too slow: connection closed');
      raw.socket?.destroy();
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    raw.once('end', clear);
    raw.once('close', clear);
    // Answered before its body was read (a 401 or 404 to a post): the body's time no longer matters.
    reply.raw.once('finish', clear);
    done();
  });
}
