/**
 * Issue 21: the ticket page's statements are named prepared statements (platform/db/prepared.ts):
 * PostgreSQL plans each once per connection and, from the sixth call, keeps a generic plan. Here
 * each statement the page sent is prepared the same way, run six times, then explained as
 * `EXECUTE` — the plan the server's connections actually keep.
 */
import { createRequire } from 'node:module';
import pg from 'pg';
import { explained, type ExplainedStatement } from './run';

/** node-postgres's own conversion of a bound value to text (arrays, dates, JSON). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(v: unknown): string | null;
};

export interface KeptPlan extends ExplainedStatement {
  title: string;
  /** PostgreSQL chose the generic plan (its conditions show $n, not the values). */
  generic: boolean;
}

/** What each statement of the page is, from its text. */
function titleOf(sql: string): string {
  if (/ticket_views/.test(sql)) return 'The side data (first reply, followers, links, merge, survey) and the view log';
  if (/^select 'u' as k/.test(sql)) return "The page's names (people, departments, tags, groups, types)";
  if (/from "messages"/.test(sql)) return 'The thread (messages with avatars and attachments)';
  if (/^select "id", "workspace_id", "number"/.test(sql)) return 'The ticket, visible to the reader';
  return 'Another statement';
}

/** A value as node-postgres binds it, as an SQL literal (EXECUTE takes its arguments as text). */
function literal(client: pg.Client, v: unknown): string {
  const text = prepareValue(v);
  return text === null ? 'null' : client.escapeLiteral(text);
}

export async function explainKept(url: string, statements: { sql: string; params: unknown[] }[]): Promise<KeptPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: KeptPlan[] = [];
  try {
    const seen = new Set<string>();
    for (const s of statements) {
      if (seen.has(s.sql)) continue;
      seen.add(s.sql);
      const name = `kept_${seen.size}`;
      for (let i = 0; i < 6; i++) await client.query({ name, text: s.sql, values: s.params });
      const args = s.params.map((v) => literal(client, v)).join(', ');
      const { rows } = await client.query(
        `explain (analyze, buffers) execute ${name}${s.params.length ? `(${args})` : ''}`,
      );
      const plan = rows.map((r: Record<string, unknown>) => String(r['QUERY PLAN']));
      out.push({ ...explained('page', s, plan), title: titleOf(s.sql), generic: plan.some((l) => /\$\d/.test(l)) });
    }
  } finally {
    await client.end();
  }
  return out;
}
