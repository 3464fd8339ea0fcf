import type { Access } from './access';

/**
 * What the OpenAPI document says of one operation beyond its zod schemas. Each module keeps a
 * catalogue of these (`<module>.api-docs.ts`) keyed by `METHOD /path` as the route is declared
 * under /api/v1 (`GET /tickets/:number`). The route table supplies the access rule, so the
 * security and the common error answers are derived, never hand-copied.
 */
export interface OperationDoc {
  /** Stable, camelCase; the web app's typed client calls operations by it. Never renamed. */
  operationId: string;
  /** One line, imperative ("List tickets"). */
  summary: string;
  /** Who may call it, what it does, what to watch for. Markdown. */
  description: string;
  /** Error answers beyond those derived from the route (400, 401, 403, 404, 409, 503). */
  errors?: ErrorStatus[];
  /** An example JSON request body (checked against the schema by the lint). */
  example?: unknown;
  /** Multipart form parts: name → description; a part named `file` is the binary upload. */
  multipart?: Record<string, string>;
  /** A non-JSON success answer: its media type (image/*, application/octet-stream, text/event-stream). */
  produces?: string;
  /** The success answer when the route declares no response schema (default: 200 for reads, 204 otherwise). */
  success?: { status: 200 | 202 | 204 | 303; description: string };
  /** Deprecated operations keep working; the answer carries `Deprecation` and `Sunset` headers. */
  deprecated?: { since: string; sunset: string; use: string };
}

export type ApiDocs = Record<string, OperationDoc>;

export interface TagDoc {
  name: string;
  description: string;
}

/** The statuses an operation may document, each with the one error schema. */
export const ERROR_RESPONSES = {
  400: ['BadRequest', 'The request is malformed or a field is invalid (`invalid`); `fields` names each bad field.'],
  401: [
    'Unauthorized',
    'Not signed in, or the session or token has ended (`unauthorized`); at sign-in, a two-factor code is needed (`two_factor_required`) or was wrong (`two_factor_invalid`).',
  ],
  402: ['LimitReached', 'A plan or quota limit was reached (`limit_reached`).'],
  403: [
    'Forbidden',
    'Signed in but not allowed (`forbidden`), a missing or wrong `x-csrf-token` on a cookie session, an address outside the allowed list (`ip_not_allowed`), or staff who must turn on two-factor sign-in first (`two_factor_setup_required`).',
  ],
  404: ['NotFound', 'Nothing with that identifier in this workspace, or not visible to the caller (`not_found`).'],
  409: ['Conflict', 'The request conflicts with the current state (`conflict`), or an `Idempotency-Key` was reused.'],
  410: ['Gone', 'The link existed but has expired (`gone`).'],
  413: ['TooLarge', 'The body or file is larger than allowed (`too_large`).'],
  415: ['UnsupportedMediaType', 'The file type is not accepted (`unsupported_media_type`).'],
  423: ['Locked', 'The ticket is locked by staff (`locked`).'],
  429: ['RateLimited', 'Too many requests (`rate_limited`); `Retry-After` says how many seconds to wait.'],
  502: [
    'DirectoryUnavailable',
    'A directory server the workspace set up could not be reached or searched (`directory_unavailable`); `details.stage` names where it stopped.',
  ],
  503: [
    'Unavailable',
    'The database is unreachable (`database_unavailable`) or the workspace is suspended (`suspended`); retry later.',
  ],
} as const;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** `/tickets/:number` → `/api/v1/tickets/{number}` */
export const openApiPath = (route: string) => `/api/v1${route.replace(/:(\w+)/g, '{$1}')}`;

export interface RouteInfo {
  method: string;
  /** As registered: /api/v1/tickets/:number */
  url: string;
  access: Access;
  idempotent: boolean;
}

type Json = Record<string, unknown>;
type Operation = Json & {
  parameters?: Json[];
  requestBody?: Json;
  responses?: Record<string, Json>;
  tags?: string[];
};

const WRITE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Completes the document fastify-swagger built from the zod schemas: operation ids, texts,
 * security per access rule, error answers, multipart and binary bodies, examples. Throws when an
 * API route has no catalogue entry, or an entry names no route, so neither can drift.
 */
export function completeDocument(doc: Json, routes: RouteInfo[], docs: ApiDocs, tags: TagDoc[]): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const used = new Set<string>();
  const statuses = new Set<ErrorStatus>();
  const ids = new Map<string, string>();
  for (const route of routes) {
    const rel = route.url.replace(/^\/api\/v1/, '');
    const key = `${route.method} ${rel}`;
    const entry = docs[key];
    if (!entry) throw new Error(`API route ${key} has no entry in its module's api-docs catalogue`);
    const clash = ids.get(entry.operationId);
    if (clash) throw new Error(`operationId ${entry.operationId} is used by ${clash} and ${key}`);
    ids.set(entry.operationId, key);
    used.add(key);
    const op = paths[openApiPath(rel)]?.[route.method.toLowerCase()];
    if (!op) continue; // hidden from the document
    for (const status of describe(op, route, entry)) statuses.add(status);
  }
  const unused = Object.keys(docs).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`api-docs entries without a route: ${unused.join(', ')}`);

  const components = (doc.components ?? {}) as Json;
  doc.components = {
    ...components,
    schemas: { ...(components.schemas as Json), Error: ERROR_SCHEMA },
    responses: Object.fromEntries(
      [...statuses].sort().map((status) => [
        ERROR_RESPONSES[status][0],
        {
          description: ERROR_RESPONSES[status][1],
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      ]),
    ),
  };
  doc.tags = tags;
  return doc;
}

/** Fills one operation in place; answers the error statuses it documents. */
function describe(op: Operation, route: RouteInfo, entry: OperationDoc): Set<ErrorStatus> {
  const method = route.method.toLowerCase();
  op.operationId = entry.operationId;
  op.summary = entry.summary;
  op.description = entry.description;
  if (entry.deprecated) {
    op.deprecated = true;
    op.description += `\n\nDeprecated since ${entry.deprecated.since}; removed after ${entry.deprecated.sunset}. Use \`${entry.deprecated.use}\`.`;
  }
  op.security = securityFor(route.access, WRITE.has(method));

  const responses = (op.responses ??= {});
  // A success answer fastify-swagger could not infer (no response schema: 204s, files, streams);
  // it then puts a bare "Default Response" 200 there, which would be untrue for most writes.
  const successes = Object.keys(responses).filter((s) => s.startsWith('2'));
  const inferred =
    successes.length === 1 &&
    responses[successes[0]].description === 'Default Response' &&
    !responses[successes[0]].content;
  if (!successes.length || inferred) {
    for (const s of successes) delete responses[s];
    const status = entry.success?.status ?? (method === 'get' || entry.produces ? 200 : 204);
    responses[String(status)] = {
      description: entry.success?.description ?? (status === 204 ? 'Done; no content.' : 'Done.'),
    };
  }
  for (const [status, res] of Object.entries(responses)) {
    if (!status.startsWith('2')) continue;
    if (entry.produces && status === '200')
      responses[status] = {
        description: res.description ?? 'The content.',
        content: {
          [entry.produces]: {
            schema: { type: 'string', format: entry.produces.startsWith('text/') ? undefined : 'binary' },
          },
        },
      };
    if (status === '204') delete res.content;
    res.description ??= 'Done.';
    if (res.description === 'Default Response') res.description = 'Done.';
  }

  if (entry.multipart) {
    const properties = Object.fromEntries(
      Object.entries(entry.multipart).map(([name, description]) => [
        name,
        name === 'file' ? { type: 'string', format: 'binary', description } : { type: 'string', description },
      ]),
    );
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': { schema: { type: 'object', required: ['file'], properties } },
      },
    };
  }
  if (entry.example !== undefined) {
    const json = (op.requestBody?.content as Record<string, Json> | undefined)?.['application/json'];
    if (!json) throw new Error(`${op.operationId}: an example, but no JSON request body`);
    json.example = entry.example;
  }
  if (route.idempotent) {
    (op.parameters ??= []).push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID) chosen by the client. A retry with the same key and body gets the first answer again instead of creating a second record; the same key with another body is refused with 409. Keys are kept for 24 hours.',
      schema: { type: 'string', maxLength: 255 },
    });
  }

  const statuses = new Set<ErrorStatus>(entry.errors ?? []);
  if (op.parameters?.length || op.requestBody || WRITE.has(method)) statuses.add(400);
  if (route.access.kind !== 'public' && route.access.kind !== 'platform') {
    statuses.add(401);
    statuses.add(403);
  }
  if (op.parameters?.some((p) => p.in === 'path')) statuses.add(404);
  if (route.idempotent) statuses.add(409);
  statuses.add(503);
  for (const status of [...statuses].sort()) {
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` };
  }
  return statuses;
}

/**
 * Public operations need nothing. Others take a session cookie (writes also the CSRF token from
 * GET /auth/session) or an API token. The operator's take the operator's cookie (writes also its
 * CSRF token) or HTTP Basic auth with the operator's credentials.
 */
function securityFor(rule: Access, write: boolean) {
  if (rule.kind === 'public' || rule.kind === 'platform') return [];
  if (rule.kind === 'operator')
    return [write ? { operatorSession: [], csrfToken: [] } : { operatorSession: [] }, { operatorBasic: [] }];
  return [write ? { session: [], csrfToken: [] } : { session: [] }, { bearer: [] }];
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description:
            'Stable machine-readable code: invalid, unauthorized, forbidden, not_found, conflict, limit_reached, rate_limited, locked, too_large, unsupported_media_type, ip_not_allowed, two_factor_required, two_factor_invalid, two_factor_setup_required, suspended, subscription_expired, directory_unavailable, database_unavailable, internal.',
          example: 'not_found',
        },
        message: {
          type: 'string',
          description: 'Human-readable, in the language of `Accept-Language` (fa or en).',
          example: 'Not found.',
        },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'For `invalid`: each bad field (dotted path) and its translated message.',
        },
        details: { type: 'object', additionalProperties: true, description: 'Extra facts some errors carry.' },
      },
    },
  },
  example: { error: { code: 'invalid', message: 'Some fields are invalid.', fields: { subject: 'Required.' } } },
};
