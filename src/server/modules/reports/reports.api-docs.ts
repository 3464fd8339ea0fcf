import type { ApiDocs } from '../../platform/http/api-docs';

/** Both exports share the bound of a process's exports at once. */
const AT_ONCE =
  'A server process runs at most a quarter of its database connections’ worth of exports at once (DB_POOL_SIZE / 4, at least one): one more is answered 429 with Retry-After.';

const RANGE =
  'from and to are calendar days (YYYY-MM-DD, both included) of the workspace’s time zone (setting timeZone, Asia/Tehran by default); default the last 30 days up to today; at most 366 days; from after to is a 400. departmentId and agentId narrow it to one department, or to the tickets assigned to one agent.';

/** The OpenAPI texts of the reports' operations (platform/http/api-docs.ts). */
export const reportsApiDocs: ApiDocs = {
  'GET /reports/overview': {
    operationId: 'getReportOverview',
    summary: 'Report on a date range',
    description: `Needs reports.view (admins always). Agents see the figures of the tickets they may see in lists (their departments’, unless tickets.view_all). ${RANGE} Volume (created and closed), first response and resolution times (median and 90th percentile, minutes), SLA attainment, satisfaction, per day, per agent and per department; definitions in docs/api.md “Reports”.`,
  },
  'GET /reports/export.csv': {
    operationId: 'exportReportCsv',
    summary: 'Export the range’s tickets as CSV',
    description: `Needs reports.view. The tickets created in the range that the caller may see, streamed as UTF-8 CSV with a byte order mark (Excel reads Persian): number, subject, department, status, priority, requester, assignees, created, first response, closed (ISO 8601, UTC), SLA, satisfaction; in Persian also the Jalali creation and closing dates. ${RANGE} ${AT_ONCE}`,
    produces: 'text/csv',
  },
  'GET /reports/export.xlsx': {
    operationId: 'exportReportXlsx',
    summary: 'Export the range’s tickets as an Excel workbook',
    description: `Needs reports.view. The same columns as the CSV export in one sheet (right to left in Persian), written by a streaming workbook writer. ${RANGE} ${AT_ONCE}`,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};
