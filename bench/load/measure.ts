import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface Measured {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  rssPeakMb: number | null;
  durationS: number;
}

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string | (() => string);
  body?: string | (() => string);
  headers?: Record<string, string>;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/**
 * Drives the server with autocannon at a fixed concurrency after a warm-up, and computes the
 * percentiles from every response time (autocannon's own summary has no p95).
 */
export async function drive(
  url: string,
  req: LoadRequest,
  opts: { connections: number; durationS: number; warmupS: number; pid?: number },
): Promise<Measured> {
  const make = () => {
    const path = typeof req.path === 'function' ? req.path() : req.path;
    const body = typeof req.body === 'function' ? req.body() : req.body;
    return {
      method: req.method ?? 'GET',
      path,
      body,
      headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
    };
  };
  const run = (durationS: number, record: boolean) =>
    new Promise<{ latencies: number[]; result: autocannon.Result; peak: number | null }>((resolve, reject) => {
      const latencies: number[] = [];
      let peak: number | null = null;
      const sampler = setInterval(() => {
        const r = rssMb(opts.pid);
        if (r !== null && (peak === null || r > peak)) peak = r;
      }, 250);
      const instance = autocannon(
        {
          url,
          connections: opts.connections,
          duration: durationS,
          // setupRequest builds each request afresh (new subjects, other pages), so no response is cached.
          requests: [{ setupRequest: ((r: Record<string, unknown>) => ({ ...r, ...make() })) as never }],
        },
        (err, result) => {
          clearInterval(sampler);
          if (err) reject(err);
          else resolve({ latencies, result, peak });
        },
      );
      if (record) instance.on('response', (_c: unknown, _s: number, _b: number, time: number) => latencies.push(time));
    });
  if (opts.warmupS > 0) await run(opts.warmupS, false);
  const { latencies, result, peak } = await run(opts.durationS, true);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: result.requests.total,
    rps: round(result.requests.total / opts.durationS),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    p99: round(pct(latencies, 99)),
    max: round(latencies.at(-1) ?? 0),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssPeakMb: peak,
    durationS: opts.durationS,
  };
}
