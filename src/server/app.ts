import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { responseSerializerCompiler } from './platform/http/serializer';
import type { AppDeps } from './platform/context';
import type { Access } from './platform/http/access';
import { installErrorHandling } from './platform/http/error-handler';
import { installIdempotency } from './platform/http/idempotency';
import { installRequestContext, newRequestId } from './platform/http/request-context';
import { acceptEmptyJsonBodies, refuseInvalidText, zodValidatorCompiler } from './platform/http/validation';
import { SERVER_TIMEOUTS, installBodyTimeout, timeoutOptions, type ServerTimeouts } from './platform/http/timeouts';
import { installOpenApi } from './platform/http/openapi';
import { healthRoutes } from './modules/health';
import { apiRoutes } from './modules/api.routes';
import { apiDocs, apiTags } from './modules/api-docs';
import { webRoutes } from './modules/web';
import { kbSiteRoutes } from './modules/kb';
import { getSettings } from './modules/settings';
import { checkWorkspace } from './modules/cloud';
import { createOperatorCheck } from './modules/operator';
import { addTicketEventSink } from './modules/tickets';
import { webhookTicketSink } from './modules/webhooks';
import { csatSink } from './modules/csat';
import { triggersSink } from './modules/automation';

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  /** Declares `config.idempotent`: accepts an Idempotency-Key header. */
  idempotent: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its access rule; the permission test is generated from it. */
    routeTable: RouteEntry[];
  }
}

/** 1 MiB of JSON is far more than any form needs; uploads have their own, larger limits. */
export const BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  /** Bounds on slow clients (platform/http/timeouts.ts); tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
}

/** Builds the HTTP application from its infrastructure. It does not listen: main.ts does. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const timeouts = { ...SERVER_TIMEOUTS, ...opts.timeouts };
  const app = Fastify({
    ...timeoutOptions(timeouts),
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: newRequestId,
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;

  installBodyTimeout(app, timeouts);
  app.setValidatorCompiler(zodValidatorCompiler);
  acceptEmptyJsonBodies(app);
  refuseInvalidText(app);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/v1');
    const rule = route.config?.access as Access | undefined;
    if (isApi && !rule) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    if (isApi && route.method !== 'HEAD') {
      for (const method of [route.method].flat())
        if (method !== 'HEAD')
          app.routeTable.push({ method, url: route.url, access: rule!, idempotent: route.config?.idempotent === true });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });

  await app.register(cookie);
  // HTTPS-only headers only when the install is served over HTTPS: over plain HTTP (an intranet
  // reached by any host name) `upgrade-insecure-requests` would turn every script and style URL
  // into https:// and leave a blank page, and HSTS would lock browsers out of the host.
  const https = deps.config.publicUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { files: 1, fields: 10, fileSize: 1024 * 1024 * 1024 } });
  installErrorHandling(app);
  // Cloud mode: expired workspaces turn read-only and suspended ones closed (self-hosted: no check at all).
  installRequestContext(app, deps, {
    rulesOf: getSettings,
    ...(deps.config.cloud.enabled && { checkWorkspace }),
    // Undefined without an operator (not cloud mode, or OPERATOR_* unset): operator routes answer 404.
    checkOperator: createOperatorCheck(deps),
  });
  installIdempotency(app, deps);
  // K5: a closed ticket's satisfaction survey (a Set: building the app again adds it once).
  addTicketEventSink(csatSink);
  // K10: webhooks for ticket, message and SLA events (a Set: building the app again adds it once).
  addTicketEventSink(webhookTicketSink);
  // K7: triggers (a Set: building the app again adds it once).
  addTicketEventSink(triggersSink);
  await installOpenApi(app, apiDocs, apiTags);

  await app.register(healthRoutes, { deps });
  await app.register(apiRoutes, { prefix: '/api/v1', cloud: deps.config.cloud.enabled });
  await app.register(kbSiteRoutes);
  await webRoutes(app, deps.config.webDir);
  return app;
}
