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
    (req) => reportOverview({ ctx: req.ctx, input: req.query }),
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
