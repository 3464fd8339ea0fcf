import { F, FIG_COLS, newHeldDay, type HeldDay } from './report-held-day';

/**
 * Histograms added up in memory: spans of held days' entries (day index, start, end, …) are
 * summed per bucket into two scratch arrays (buckets are smallints), then read in bucket order.
 * One merge at a time: JavaScript runs one request's code at once, and no caller awaits between
 * gathering and clearing.
 */
const counts = new Float64Array(32_768);
const sums = new Float64Array(32_768);

/** Adds up the spans' entries; the buckets they touched, ascending. Read with `at`, then `clear`. */
export function gather(spans: number[], held: HeldDay[]): number[] {
  const touched: number[] = [];
  for (let x = 0; x < spans.length; x += 3) {
    const d = held[spans[x]];
    const end = spans[x + 2];
    for (let i = spans[x + 1]; i < end; i++) {
      const b = d.b[i];
      if (counts[b] === 0) touched.push(b);
      counts[b] += d.n[i];
      sums[b] += d.s[i];
    }
  }
  return touched.sort((a, b) => a - b);
}

export const countAt = (b: number) => counts[b];
export const sumAt = (b: number) => sums[b];

export function clear(touched: number[]) {
  for (const b of touched) {
    counts[b] = 0;
    sums[b] = 0;
  }
}

interface Acc {
  dep: number;
  agent: number;
  fig: number[];
  fr: number[];
  res: number[];
}

/**
 * Days added up into one (a month's days): a row per department and agent, figures summed and
 * histograms merged, packed as a held day is.
 */
export function mergeDays(days: HeldDay[]): HeldDay {
  const groups = new Map<string, Acc>();
  days.forEach((d, i) => {
    const f = d.fig;
    for (let r = 0; r < d.rows; r++) {
      const o = r * FIG_COLS;
      const [dep, agent] = [d.ids[2 * r], d.ids[2 * r + 1]];
      const key = `${dep}:${agent}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dep, agent, fig: [0, 0, 0, 0, 0, 0, 0], fr: [], res: [] }));
      for (let c = F.created; c <= F.csatN; c++) g.fig[c] += f[o + c];
      if (f[o + F.frEnd] > f[o + F.frStart]) g.fr.push(i, f[o + F.frStart], f[o + F.frEnd]);
      if (f[o + F.resEnd] > f[o + F.resStart]) g.res.push(i, f[o + F.resStart], f[o + F.resEnd]);
    }
  });
  // Entries: at most those of the days; the arrays are cut to what the merge keeps.
  const size = days.reduce((n, d) => n + d.b.length, 0);
  const out = newHeldDay(groups.size, size);
  let e = 0;
  const put = (spans: number[]) => {
    const from = e;
    const touched = gather(spans, days);
    for (const b of touched) {
      out.b[e] = b;
      out.n[e] = counts[b];
      out.s[e] = sums[b];
      e++;
    }
    clear(touched);
    return [from, e];
  };
  let r = 0;
  for (const g of groups.values()) {
    const o = r * FIG_COLS;
    out.ids[2 * r] = g.dep;
    out.ids[2 * r + 1] = g.agent;
    out.fig.set(g.fig, o);
    [out.fig[o + F.frStart], out.fig[o + F.frEnd]] = put(g.fr);
    [out.fig[o + F.resStart], out.fig[o + F.resEnd]] = put(g.res);
    r++;
  }
  return { ...out, b: out.b.slice(0, e), n: out.n.slice(0, e), s: out.s.slice(0, e) };
}
