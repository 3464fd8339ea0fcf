import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { completeDocument, type ApiDocs, type TagDoc } from './api-docs';

const DESCRIPTION = `The HTTP API of Pishkhan, a helpdesk. Version 1 changes only by adding: new operations, new optional fields, new error codes. Nothing is renamed or removed without a deprecation announced in this document and in \`Deprecation\`/\`Sunset\` headers on the answers.

**Authenticate** either with an API token (\`Authorization: Bearer pk_…\`, made under Profile → API tokens) or with the session cookie of \`POST /api/v1/auth/login\`; with the cookie, every write also sends the \`x-csrf-token\` header whose value \`GET /api/v1/auth/session\` returns.

**Workspaces.** A multi-workspace install picks the workspace from the host name or the \`x-workspace\` header (its slug); a signed-in caller always acts in its own workspace.

**Pages.** Lists take \`page\` (from 1) and \`pageSize\` (at most 100) and answer \`{ items, total, page, pageSize }\`.

**Errors** are \`{ "error": { "code", "message", "fields"? } }\` with a stable \`code\` and a \`message\` in the language of \`Accept-Language\` (\`fa\` or \`en\`).`;

/** Swagger UI's page has no viewport tag: without it a phone lays the page out 980 px wide. */
const DOCS_VIEWPORT_JS = `(function () {
  var meta = document.createElement('meta');
  meta.name = 'viewport';
  meta.content = 'width=device-width, initial-scale=1';
  document.head.appendChild(meta);
})();
`;

/** Swagger UI on a phone: narrower margins, long paths and code wrap or scroll inside their box. */
const DOCS_PHONE_CSS = `@media (max-width: 640px) {
  .swagger-ui .wrapper { padding: 0 8px; }
  .swagger-ui .topbar .download-url-wrapper { display: none; }
  .swagger-ui .info { margin: 16px 0; }
  .swagger-ui .info .title { font-size: 28px; }
  .swagger-ui .opblock .opblock-summary { flex-wrap: wrap; }
  .swagger-ui .opblock .opblock-summary-path,
  .swagger-ui .opblock .opblock-summary-path__deprecated { flex-shrink: 1; max-width: 100%; word-break: break-all; }
  .swagger-ui .opblock .opblock-summary-description { flex-basis: 100%; }
  .swagger-ui .opblock-tag { font-size: 20px; }
  .swagger-ui .opblock-tag small { display: none; }
  .swagger-ui table { display: block; overflow-x: auto; }
  .swagger-ui pre, .swagger-ui .highlight-code { max-width: 100%; overflow-x: auto; }
}
`;

/**
 * The OpenAPI document is generated from the zod contracts of the routes and completed from
 * each module's api-docs catalogue (platform/http/api-docs.ts). The browsable page is /api/docs.
 */
export async function installOpenApi(app: FastifyInstance, apiDocs: ApiDocs, tags: TagDoc[]) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pishkhan API',
        version: '1',
        description: DESCRIPTION,
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: '/', description: 'This installation' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from Profile → API tokens (`pk_…`). It carries its owner’s rights and scopes.',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'pk_session',
            description:
              'The session cookie set by POST /api/v1/auth/login (or the sign-in code and sign-up operations).',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description:
              'With the session cookie, writes send this header; its value comes from GET /api/v1/auth/session.',
          },
          operatorSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'pishkhan_operator',
            description:
              'The platform operator’s cookie (cloud mode), set by POST /api/v1/operator/login for 8 hours; writes send its CSRF token (from the login answer or GET /api/v1/operator/session) in x-csrf-token.',
          },
          operatorBasic: {
            type: 'http',
            scheme: 'basic',
            description:
              'The platform operator’s username and password (OPERATOR_USERNAME/OPERATOR_PASSWORD), for scripts; no CSRF token.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => {
      if (!('openapiObject' in document)) throw new Error('expected an OpenAPI 3 document');
      return completeDocument(document.openapiObject as Record<string, unknown>, app.routeTable, apiDocs, tags);
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // No CSP of the plugin's: the app's own (helmet, on every answer) fits Swagger UI — its scripts
    // are its own files, its inline styles are allowed — while the plugin's forbids those styles
    // and sends `upgrade-insecure-requests`, which breaks the page on an install served over HTTP.
    staticCSP: false,
    theme: {
      title: 'Pishkhan API',
      js: [{ filename: 'viewport.js', content: DOCS_VIEWPORT_JS }],
      css: [{ filename: 'phone.css', content: DOCS_PHONE_CSS }],
    },
    uiConfig: {
      deepLinking: true,
      // Tags collapsed: with every one of 160-odd operations expanded at once, Swagger UI's first
      // render stopped part-way through the first tag (no error); a reader opens the tag they need.
      docExpansion: 'none',
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: false,
      validatorUrl: null,
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Deprecated operations announce it on every answer (RFC 9745 `Deprecation`, RFC 8594 `Sunset`).
  app.addHook('onSend', async (req, reply) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/v1/')) return;
    const entry = apiDocs[`${req.method} ${url.slice('/api/v1'.length)}`];
    if (!entry?.deprecated) return;
    reply.header('deprecation', `@${Math.floor(Date.parse(entry.deprecated.since) / 1000)}`);
    reply.header('sunset', new Date(entry.deprecated.sunset).toUTCString());
  });
}
