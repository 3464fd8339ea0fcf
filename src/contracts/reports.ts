import { z } from 'zod';
import { ZIdInput } from './common';
import { ZDay } from './calendars';

/** K4 reports: api.md "Settings, reports, automation, webhooks"; definitions in docs/api.md "Reports". */

/** A range of the workspace's calendar days (both ends included); default the last 30 days. */
export const ZReportQuery = z.object({
  from: ZDay.optional(),
  to: ZDay.optional(),
  departmentId: ZIdInput.optional(),
  agentId: ZIdInput.optional(),
});
export type TReportQuery = z.infer<typeof ZReportQuery>;

/** Minutes; null when no ticket of the range has the measure. */
const ZPercentiles = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

const ZCsat = z.object({ average: z.number().nullable(), responses: z.number().int() });

export const ZReportDay = z.object({
  date: z.string(),
  created: z.number().int(),
  closed: z.number().int(),
  /** The backlog: tickets open at the end of the day (created by then, not closed by then), as they stand now. */
  open: z.number().int(),
});

export const ZReportGroupRow = z.object({
  id: z.string(),
  name: z.string(),
  created: z.number().int(),
  closed: z.number().int(),
  firstResponseMedian: z.number().nullable(),
  csatAverage: z.number().nullable(),
  csatResponses: z.number().int(),
});
export type TReportGroupRow = z.infer<typeof ZReportGroupRow>;

export const ZReportOverview = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  created: z.number().int(),
  closed: z.number().int(),
  firstResponse: ZPercentiles,
  resolution: ZPercentiles,
  /** Share (0..1) of the decided SLA tickets met without a breach; null when none. */
  slaAttainment: z.number().nullable(),
  sla: z.object({ met: z.number().int(), breached: z.number().int(), running: z.number().int() }),
  csat: ZCsat,
  /** Tickets open when the range begins and when it ends (reopened tickets count as open). */
  backlog: z.object({ start: z.number().int(), end: z.number().int() }),
  byDay: z.array(ZReportDay),
  byAgent: z.array(ZReportGroupRow),
  byDepartment: z.array(ZReportGroupRow),
});
export type TReportOverview = z.infer<typeof ZReportOverview>;
