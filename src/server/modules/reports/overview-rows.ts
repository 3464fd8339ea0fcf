/** What an overview's statement answers (overview.ts), or the same added up in memory (overview-in-memory.ts). */
/** A percentile's inputs per group: how many values, and the buckets at the ranks around p. */
export interface Pct {
  k: number;
  n: number;
  m_lo: number | null;
  m_hi: number | null;
  p_lo: number | null;
  p_hi: number | null;
}
export interface GroupRow {
  k: number;
  name: string | null;
  created: number;
  closed: number;
  csat_sum: number;
  csat_n: number;
}
/** The counts an overview adds up every ticket once for. */
export interface Figures {
  created: number;
  closed: number;
  met: number;
  breached: number;
  running: number;
  csat_sum: number;
  csat_n: number;
}
export interface OverviewRow {
  totals: Figures;
  by_day: { day: string; created: number; closed: number }[] | null;
  fr: Pct[] | null;
  res: Pct[] | null;
  by_agent: GroupRow[] | null;
  agent_fr: Pct[] | null;
  by_department: GroupRow[] | null;
  department_fr: Pct[] | null;
  /** Whole past months of the range not added up yet (read from their days). */
  unlisted: string[] | null;
  /** Tickets open when the range begins. */
  open_before: number;
}
