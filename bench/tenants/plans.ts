import { ZListTicketsQuery } from '../../src/contracts/tickets';
import type { Permission } from '../../src/contracts/permissions';
import { openDatabase } from '../../src/server/platform/db/open-database';
import { systemClock } from '../../src/server/platform/clock';
import type { Actor, AppDeps, Ctx } from '../../src/server/platform/context';
import { listTickets } from '../../src/server/modules/tickets/list-tickets';
import { explainAll, type ExplainedStatement } from '../explain/run';
import type { Fixture } from '../load/scenarios';
import { EXTRA_QUERIES } from './load';

/** The list queries the load scenarios send (bench/load/scenarios.ts), as the API parses them. */
export function planInputs(f: Pick<Fixture, 'agentDepartment' | 'wordFa' | 'wordEn' | 'phrase'>) {
  return [
    { key: 'queue-first-page', input: { status: 'active,pending' } },
    { key: 'queue-filtered', input: { departmentId: f.agentDepartment, status: 'active', priority: 'high' } },
    { key: 'search-fa', input: { q: f.wordFa } },
    { key: 'search-en', input: { q: f.wordEn } },
    { key: 'search-phrase', input: { q: f.phrase } },
    { key: 'search-number', input: { q: '#123' } },
    ...Object.entries(EXTRA_QUERIES).map(([key, q]) => ({ key, input: { q } })),
  ];
}

export interface ScanNode {
  node: string;
  index: string | null;
  table: string;
  rows: number;
  /** The node's Index Cond / Recheck Cond / Filter names workspace_id, or asks a ticket vector for
   * words under a workspace's prefix (`'<id>:word'`, migration 0031), or it looks rows up by the
   * key of a row already chosen (a ticket's messages by ticket_id, a walked page's tickets by the
   * ids its InitPlan chose): it reads one workspace's rows. */
  byWorkspace: boolean;
  cond: string;
}

export interface PlanSummary {
  key: string;
  statements: (ExplainedStatement & { buffers: number; scans: ScanNode[] })[];
}

/** A ticket vector's index condition whose every word carries a workspace's prefix ('<id>:word'). */
function prefixedWords(cond: string): boolean {
  const m = /^Index Cond: \(search_(?:public|notes) @@ '(.*)'::tsquery\)$/.exec(cond);
  const words = m ? [...m[1].matchAll(/''((?:[^']|'''')*)''/g)].map((w) => w[1]) : [];
  return words.length > 0 && words.every((w) => /^\d+:/.test(w));
}

/** Every scan of the plan with the rows it produced (× loops) and whether it is bounded by the workspace. */
export function scansOf(plan: string[]): ScanNode[] {
  const out: ScanNode[] = [];
  const re =
    /(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan)(?: Backward)? (?:using (\w+) )?on (\w+).*?rows=(\d+) loops=(\d+)/;
  for (let i = 0; i < plan.length; i++) {
    const m = re.exec(plan[i]);
    if (!m) continue;
    const conds: string[] = [];
    for (let j = i + 1; j < plan.length && !plan[j].includes('->') && !/^\S/.test(plan[j]); j++)
      if (/(Index Cond|Recheck Cond|Filter):/.test(plan[j])) conds.push(plan[j].trim());
    const isBitmapIndex = m[1] === 'Bitmap Index Scan';
    out.push({
      node: m[1],
      index: isBitmapIndex ? m[3] : (m[2] ?? null),
      table: isBitmapIndex ? '(bitmap)' : m[3],
      rows: Number(m[4]) * Number(m[5]),
      byWorkspace: conds.some(
        (c) =>
          /workspace_id/.test(c) ||
          /^Index Cond: \((\w+\.)?(id|ticket_id) = \w+\.id\)/.test(c) ||
          // The ids an InitPlan of the same statement chose (a walked page: search-walk.ts).
          /^Index Cond: \((\w+\.)?id = ANY \(\$\d+\)\)$/.test(c) ||
          prefixedWords(c),
      ),
      cond: conds.join(' · '),
    });
  }
  return out;
}

/** Shared buffers (hit + read) of the whole statement: the root node's Buffers line. */
export function buffersOf(plan: string[]): number {
  const line = plan.find((l) => /Buffers: shared/.test(l)) ?? '';
  const n = (what: string) => Number(new RegExp(`${what}=(\\d+)`).exec(line)?.[1] ?? 0);
  return n('hit') + n('read');
}

/** agent1 of a workspace as the request context makes it (permissions of its access level). */
async function agentActor(q: (t: string, v?: unknown[]) => Promise<Record<string, unknown>[]>, workspaceId: number) {
  const [a] = await q(
    `select u.id, u.name, al.permissions, array(select da.department_id from department_agents da where da.user_id = u.id order by 1) as deps
       from users u join access_levels al on al.id = u.access_level_id where u.workspace_id = $1 and u.username = 'agent1'`,
    [workspaceId],
  );
  const actor: Actor = {
    id: Number(a.id),
    role: 'agent',
    name: String(a.name),
    username: 'agent1',
    permissions: new Set(a.permissions as Permission[]),
    departmentIds: (a.deps as (string | number)[]).map(Number),
    ticketAccess: true,
    locale: 'fa',
    via: 'session',
  };
  return actor;
}

/**
 * Runs listTickets as agent1 of a workspace for each load scenario, captures the SQL it sends
 * on `tickets` (as bench:explain does) and explains it (ANALYZE, BUFFERS; median of `runs`).
 */
export async function explainWorkspace(
  url: string,
  slug: string,
  f: Pick<Fixture, 'agentDepartment' | 'wordFa' | 'wordEn' | 'phrase'>,
  runs = 5,
): Promise<{ workspaceId: number; tickets: number; plans: PlanSummary[] }> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const database = await openDatabase({
    databaseUrl: url,
    poolSize: 2,
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  });
  try {
    const q = async (text: string, values?: unknown[]) =>
      (await database.executeSql(text, values)).rows as Record<string, unknown>[];
    const [ws] = await q('select id from workspaces where slug = $1', [slug]);
    const workspaceId = Number(ws.id);
    const [{ n }] = await q('select count(*)::int as n from tickets where workspace_id = $1', [workspaceId]);
    const actor = await agentActor(q, workspaceId);
    const deps = { database, clock: systemClock } as unknown as AppDeps;
    const ctx: Ctx = {
      workspaceId,
      actor,
      db: database.db,
      inTx: false,
      locale: 'fa',
      ip: '127.0.0.1',
      requestId: 'bench-tenants',
      deps,
    };
    const plans: PlanSummary[] = [];
    for (const s of planInputs(f)) {
      // Twice: the first counts the list's total in its statement, the second (within the
      // count cache's 10 s, as most requests under load) does not. Both are explained.
      captured.length = 0;
      await listTickets({ ctx, input: ZListTicketsQuery.parse(s.input) });
      await listTickets({ ctx, input: ZListTicketsQuery.parse(s.input) });
      const seen = new Set<string>();
      const statements = captured.filter((c) => {
        // Not the workspace's size (search-walk.ts: read once, kept five minutes).
        if (!/from "?tickets"? /.test(c.sql) || /pg_stats/.test(c.sql) || seen.has(c.sql)) return false;
        seen.add(c.sql);
        return true;
      });
      const ex = await explainAll(q, { key: s.key, title: s.key, what: '', who: 'agent' }, statements, null, runs);
      plans.push({
        key: s.key,
        statements: ex.statements.map((st) => ({ ...st, buffers: buffersOf(st.plan), scans: scansOf(st.plan) })),
      });
    }
    return { workspaceId, tickets: Number(n), plans };
  } finally {
    await database.close();
  }
}
