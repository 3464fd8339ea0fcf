import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
} from 'drizzle-orm/pg-core';
import { id, tstz } from './columns';
import { workspaceFk } from './workspaces';

// K4 at scale: the reports' figures kept per day, so an overview reads days, not tickets.
// modules/reports/report-days.ts keeps them; docs/ARCHITECTURE.md ("Reports") explains the design.

/**
 * The figures of a report day or month, per department and agent: counts, SLA outcomes,
 * satisfaction sums, and the first-response and resolution times as sparse histograms (bucket
 * numbers, counts and sums of seconds). Fresh builders for each table.
 */
const figures = () => ({
  created: integer().notNull().default(0),
  closed: integer().notNull().default(0),
  slaMet: integer().notNull().default(0),
  slaBreached: integer().notNull().default(0),
  slaRunning: integer().notNull().default(0),
  csatSum: integer().notNull().default(0),
  csatCount: integer().notNull().default(0),
  frBuckets: smallint().array(),
  frCounts: integer().array(),
  frSums: doublePrecision().array(),
  resBuckets: smallint().array(),
  resCounts: integer().array(),
  resSums: doublePrecision().array(),
});

/**
 * One row per local day (the workspace's zone), department and agent (0: the department's
 * tickets each once; an agent: the tickets assigned to them, the surveys naming them): counts,
 * SLA outcomes, satisfaction sums, and the first-response and resolution times as sparse
 * histograms (bucket numbers, counts and sums of seconds; report-buckets.ts: buckets 1% wide,
 * read back as their mean, so a percentile is exact while values fall in buckets of their own,
 * and within 1% of the exact one when they share).
 */
export const reportDays = pgTable(
  'report_days',
  {
    workspaceId: workspaceFk(),
    day: date({ mode: 'string' }).notNull(),
    departmentId: bigint({ mode: 'number' }).notNull(),
    agentId: bigint({ mode: 'number' }).notNull(),
    ...figures(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.day, t.departmentId, t.agentId] }),
    // The backlog when a range begins: created less closed over every day before it, read from
    // this index alone (a year of rows is ~100,000; the tickets' each-once rows ~15,000).
    index('report_days_backlog_idx').on(t.workspaceId, t.agentId, t.departmentId, t.day, t.created, t.closed),
  ],
);

/**
 * Whole past months of report days added up (report-months.ts): the same columns per month,
 * department and agent, histograms merged. An overview reads a month's rows instead of its days
 * when the range holds the whole month and the month is listed in report_state.months_built:
 * a year is ~3,600 rows and ~610,000 histogram entries instead of ~100,000 rows and ~1,540,000
 * at a million tickets. Rebuilt by the `reports.months` job; a refresh that recounts a day of a
 * month takes the month off the list (its rows are deleted) until then.
 */
export const reportMonths = pgTable(
  'report_months',
  {
    workspaceId: workspaceFk(),
    month: date({ mode: 'string' }).notNull(),
    departmentId: bigint({ mode: 'number' }).notNull(),
    agentId: bigint({ mode: 'number' }).notNull(),
    ...figures(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.departmentId, t.agentId] })],
);

/** Report days' versions, of every workspace (report_state.version). */
export const reportVersions = pgSequence('report_versions');

/**
 * A workspace's report days: the zone they were cut in, and since when they are complete (null
 * while a build runs). Its row is committed before a build reads anything, so every ticket
 * written from then on is marked in report_dirty (the triggers skip workspaces without one).
 */
export const reportState = pgTable('report_state', {
  workspaceId: workspaceFk().primaryKey(),
  timeZone: text().notNull(),
  builtAt: tstz(),
  /**
   * Raised by every refresh that recounted a day, a finished build and a new zone: overviews are
   * cached by it. Drawn from one sequence, so it never goes back, not even when the row is made
   * again; report_recounts chains one version to the next.
   */
  version: bigint({ mode: 'number' })
    .notNull()
    .default(sql`nextval('report_versions')`),
  /** The first days of the months whose report_months rows are complete (report-months.ts). */
  monthsBuilt: date({ mode: 'string' })
    .array()
    .notNull()
    .default(sql`'{}'::date[]`),
  createdAt: tstz()
    .notNull()
    .default(sql`now()`),
});

/**
 * Which days each refresh recounted, under the version it raised report_state.version to and
 * the one before: a server process holding report days in memory (report-day-memory.ts) follows
 * the chain from the version it holds and forgets those days. A workspace keeps the last 1,000;
 * where the chain breaks (a build, a new zone, a process further behind) it forgets them all.
 */
export const reportRecounts = pgTable(
  'report_recounts',
  {
    workspaceId: workspaceFk(),
    version: bigint({ mode: 'number' }).notNull(),
    /** The version this one followed: a process holding that one forgets `days` and holds this one. */
    previous: bigint({ mode: 'number' }).notNull(),
    days: date({ mode: 'string' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.version] })],
);

/**
 * What changed since the days were last brought up to date: the minute of each created_at,
 * closed_at (before and after) and answered_at written, by statement triggers on tickets and
 * csat_surveys. Append-only (no unique key, so writers never wait on each other or on a
 * refresh); a refresh deletes what it takes.
 */
export const reportDirty = pgTable(
  'report_dirty',
  {
    id: id(),
    workspaceId: bigint({ mode: 'number' }).notNull(),
    at: tstz().notNull(),
  },
  (t) => [index('report_dirty_ws_idx').on(t.workspaceId)],
);
