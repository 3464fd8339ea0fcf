/**
 * A report day in memory, packed: per row (department and agent) FIG_COLS numbers in `fig`, and the
 * row's histograms (report-buckets.ts: bucket numbers ascending, counts, sums of seconds) as
 * spans of three arrays shared by the day's rows. A year at a million tickets is ~100,000 rows
 * and ~1.5 million entries: ~32 MB in ~1,800 typed arrays (an object per row and three arrays per
 * histogram would be ~600,000 objects, several times the memory).
 */
export interface HeldDay {
  rows: number;
  fig: Float64Array;
  b: Int16Array;
  n: Int32Array;
  s: Float64Array;
}
/** The columns of a row in `fig`; a histogram's entries are b/n/s[start .. end). */
export const F = {
  dep: 0,
  agent: 1,
  created: 2,
  closed: 3,
  met: 4,
  breached: 5,
  running: 6,
  csatSum: 7,
  csatN: 8,
  frStart: 9,
  frEnd: 10,
  resStart: 11,
  resEnd: 12,
} as const;
export const FIG_COLS = 13;

/** What a day takes in memory: its arrays, and ~300 bytes of objects. */
export const dayBytes = (d: HeldDay) => 300 + d.fig.byteLength + d.b.byteLength + d.n.byteLength + d.s.byteLength;
export const EMPTY: HeldDay = {
  rows: 0,
  fig: new Float64Array(0),
  b: new Int16Array(0),
  n: new Int32Array(0),
  s: new Float64Array(0),
};
