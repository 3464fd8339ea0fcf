/**
 * A report day in memory, packed: per row (department and agent) its ids and FIG_COLS figures,
 * and its histograms (report-buckets.ts: bucket numbers ascending, counts, sums of seconds) as
 * spans of three arrays shared by the day's rows. A year at a million tickets is ~100,000 rows
 * (76 bytes each) and ~1.5 million entries (10 bytes): ~22 MB in ~2,200 typed arrays (an object
 * per row and three arrays per histogram would be ~600,000 objects, several times the memory).
 */
export interface HeldDay {
  rows: number;
  /** Per row: department, agent (bigints, exact in a double). */
  ids: Float64Array;
  /** Per row: FIG_COLS whole numbers (F). */
  fig: Int32Array;
  b: Int16Array;
  n: Int32Array;
  /** Sums of seconds: single precision is ~7 digits, far finer than a bucket (1%). */
  s: Float32Array;
}
/** The columns of a row in `fig`; a histogram's entries are b/n/s[start .. end). */
export const F = {
  created: 0,
  closed: 1,
  met: 2,
  breached: 3,
  running: 4,
  csatSum: 5,
  csatN: 6,
  frStart: 7,
  frEnd: 8,
  resStart: 9,
  resEnd: 10,
} as const;
export const FIG_COLS = 11;

/** A held day of `rows` rows and `entries` histogram entries, zeroed. */
export const newHeldDay = (rows: number, entries: number): HeldDay => ({
  rows,
  ids: new Float64Array(rows * 2),
  fig: new Int32Array(rows * FIG_COLS),
  b: new Int16Array(entries),
  n: new Int32Array(entries),
  s: new Float32Array(entries),
});

/** What a day takes in memory: its arrays, and ~400 bytes of objects. */
export const dayBytes = (d: HeldDay) =>
  400 + d.ids.byteLength + d.fig.byteLength + d.b.byteLength + d.n.byteLength + d.s.byteLength;
export const EMPTY: HeldDay = newHeldDay(0, 0);
