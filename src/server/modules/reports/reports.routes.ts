import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZReportOverview, ZReportQuery } from '../../../contracts/reports';
import { access } from '../../platform/http/access';
import { exportReport, type ExportFormat } from './export-report';
import { reportOverview } from './overview';

const tags = ['reports'];
const view = { access: access.perm('reports.view') };

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/overview',
    { config: view, schema: { tags, querystring: ZReportQuery, response: { 200: ZReportOverview } } },
    async (req, reply) => {
      const r = await reportOverview({ ctx: req.ctx, input: req.query });
      // Serialized by the route's response schema once per computed overview (overview-cache.ts),
      // kept as bytes: fastify sends a Buffer as it is, with no per-request conversion. The type
      // provider types send() by the schema's object, hence the cast.
      r.body.bytes ??= Buffer.from(reply.serialize(r.value) as string);
      return reply.type('application/json; charset=utf-8').send(r.body.bytes as unknown as typeof r.value);
    },
  );
  for (const format of ['csv', 'xlsx'] as ExportFormat[])
    app.get(
      `/reports/export.${format}`,
      { config: view, schema: { tags, querystring: ZReportQuery } },
      async (req, reply) => {
        const out = await exportReport({ ctx: req.ctx, input: req.query, format });
        return reply
          .header('content-type', out.contentType)
          .header('content-disposition', `attachment; filename="${out.filename}"`)
          .header('cache-control', 'no-store')
          .send(out.stream);
      },
    );
};
