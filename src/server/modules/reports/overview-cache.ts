import type { TReportOverview } from '../../../contracts/reports';
import type { AppDeps } from '../../platform/context';
import type { ReportScope } from './report-scope';

const MAX_ENTRIES = 500;

/**
 * An overview and its answer's body once serialized: a reused overview is sent as those bytes
 * (reports.routes.ts), not validated and serialized again per request (33 KB at 200 agents;
 * 1,478 → 2,254 reused overviews a second at 1M tickets).
 */
export interface OverviewResult {
  value: TReportOverview;
  body: { bytes?: Buffer };
}

interface Cache {
  /** Per workspace: the report days' version the cached overviews were added up from. */
  versions: Map<number, number>;
  overviews: Map<string, Promise<OverviewResult>>;
}
/** One cache per database (an app; tests run several in one process). */
const caches = new WeakMap<AppDeps['database'], Cache>();

/**
 * An overview added up from report days is reused while the days have not changed: the key
 * holds their version (report_state.version, raised by every refresh that recounted a day), so
 * a reused overview is never older than the last change an overview or the refresh job took in.
 * Computed once at a time per key: managers opening the same page share one computation.
 */
export function cachedOverview(
  deps: AppDeps,
  workspaceId: number,
  version: number,
  s: ReportScope,
  compute: () => Promise<TReportOverview>,
): Promise<OverviewResult> {
  let c = caches.get(deps.database);
  if (!c) caches.set(deps.database, (c = { versions: new Map(), overviews: new Map() }));
  if (c.versions.get(workspaceId) !== version) {
    // The workspace's older overviews can never be asked for again.
    for (const k of c.overviews.keys()) if (k.startsWith(`${workspaceId}|`)) c.overviews.delete(k);
    c.versions.set(workspaceId, version);
  }
  const key = [workspaceId, version, s.timeZone, s.from, s.to, s.departmentId ?? '', s.agentId ?? ''].join('|');
  const hit = c.overviews.get(key);
  if (hit) return hit;
  if (c.overviews.size >= MAX_ENTRIES) c.overviews.clear();
  const value = compute().then((v): OverviewResult => ({ value: v, body: {} }));
  c.overviews.set(key, value);
  const overviews = c.overviews;
  value.catch(() => overviews.delete(key));
  return value;
}
