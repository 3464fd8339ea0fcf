import type { Explained, ExplainedStatement } from './run';
import type { KeptPlan } from './kept-plans';
import { AFTERWORD, NOTES, PREAMBLE } from './notes';

/**
 * The SQL as issued, on a few lines: clauses of the outer query start a line, and so do the
 * conditions of its where; the page's long select list is shortened.
 */
function formatSql(sql: string): string {
  if (!sql.startsWith('select "') && !sql.startsWith('select count(*) from "')) {
    // Written by hand (the dashboard): keep its lines, without their common indentation.
    const lines = sql.split('\n').map((l) => l.trimEnd());
    const indent = Math.min(
      ...lines
        .slice(1)
        .filter((l) => l.trim())
        .map((l) => l.length - l.trimStart().length),
    );
    return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))]
      .filter((l) => l.trim())
      .join('\n');
  }
  const short = sql.replace(
    /^select ("[a-z_]+", ){10,}"[a-z_]+" from/,
    (m) => `select ${m.slice(7, 60).replace(/, "[^"]*$/, '')}, … /* ${m.split(',').length} columns */ from`,
  );
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < short.length; i++) {
    const c = short[i];
    if (c === "'") quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    const rest = short.slice(i);
    if (!quoted && depth === 0 && /^ (from|where|order by|limit) /.test(rest)) {
      out += '\n';
      continue;
    }
    if (!quoted && depth === 1 && /^ and /.test(rest)) {
      out += '\n  ';
      continue;
    }
    out += c;
  }
  return out;
}

const param = (v: unknown) => (typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? `'{${v.join(',')}}'` : String(v));

/** The plan without the per-node buffer lines (the top node keeps its own). */
function trimPlan(plan: string[]): string[] {
  const out: string[] = [];
  let buffersShown = false;
  let planning = false;
  for (const line of plan) {
    if (/^Planning:/.test(line)) planning = true;
    else if (/^Planning Time/.test(line)) planning = false;
    if (planning) continue;
    if (/^\s+Buffers:/.test(line)) {
      if (buffersShown) continue;
      buffersShown = true;
    }
    out.push(line);
  }
  return out;
}

function statement(s: ExplainedStatement, heading: string): string {
  const params = s.params.map((v, i) => `$${i + 1} = ${param(v)}`).join(', ');
  return [
    `**${heading}** — ${s.executionMs.toFixed(2)} ms (planning ${s.planningMs.toFixed(2)} ms); ${s.indexes.length ? `reads ${s.indexes.map((i) => `\`${i}\``).join(', ')}` : 'no index'}${s.seqScanOnTickets ? ' — **Seq Scan on tickets**' : ''}`,
    '',
    '```sql',
    formatSql(s.sql),
    params ? `-- ${params}` : '',
    '```',
    '',
    '```text',
    ...trimPlan(s.plan),
    '```',
    '',
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === '```sql'))
    .join('\n');
}

const cell = (e: Explained | undefined, label: 'page' | 'count') => {
  const s = e?.statements.find((x) => (label === 'count' ? x.label === 'count' : x.label !== 'count'));
  return s ? s.executionMs.toFixed(2) : '—';
};

/**
 * Issue 21: the ticket page's statements as the server runs them (named, prepared), explained as
 * EXECUTE after six calls — the plan each connection keeps — and, with a larger database, its times there.
 */
function keptSection(kept: KeptPlan[], also: { kept: KeptPlan[]; tickets: number } | null): string {
  if (!kept.length) return '';
  const big = also ? ` at ${also.tickets.toLocaleString('en')}` : '';
  const rows = kept.map((k) => {
    const other = also?.kept.find((x) => x.title === k.title);
    const cells = [
      k.title,
      k.executionMs.toFixed(2),
      k.planningMs.toFixed(3),
      k.generic ? 'generic' : 'custom',
      k.indexes.map((i) => `\`${i}\``).join(', '),
    ];
    if (also)
      cells.push(other ? other.executionMs.toFixed(2) : '—', other ? (other.generic ? 'generic' : 'custom') : '—');
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '<a id="kept-plans"></a>',
    '## Plans kept: the ticket page',
    '',
    'The ticket page (the ticket, then its thread, as an agent opens a ticket of about 20 messages) sends ' +
      'its statements as named prepared statements (`queryPrepared`, `runPrepared`, `preparedStatement` in ' +
      '`src/server/platform/db/prepared.ts`): each connection parses and plans a text once, and from the sixth ' +
      'call PostgreSQL keeps a generic plan when it costs no more than the plans made for the values. Here each ' +
      'statement the page sent through Drizzle (the names of its people and departments, a fixed statement ' +
      'prepared once, are left out as for the lists) is prepared under a name, run six times, then explained ' +
      'as `EXECUTE`: the plan ' +
      'the server keeps, and what planning still costs per call (looking the plan up). Writes are prepared the ' +
      "same way (a reply's ticket UPDATE, a creation's INSERT, pg-boss's job inserts): bench/README.md, " +
      '"A reply and a creation in fewer round trips".',
    '',
    also
      ? `| statement | execution ms | planning ms | plan kept | indexes read | execution ms${big} | plan kept${big} |`
      : '| statement | execution ms | planning ms | plan kept | indexes read |',
    also ? '|---|---:|---:|---|---|---:|---|' : '|---|---:|---:|---|---|',
    ...rows,
    '',
    ...kept.map((k) => statement(k, k.title)),
  ].join('\n');
}

export function report(r: {
  results: Explained[];
  version: string;
  tickets: number;
  messages: number;
  notes: string[];
  kept: KeptPlan[];
  /** The same scenarios on a larger database, for the summary. */
  also: { results: Explained[]; tickets: number; kept: KeptPlan[] } | null;
}): string {
  const big = r.also ? ` at ${r.also.tickets.toLocaleString('en')}` : '';
  const head = r.also
    ? [
        '| query | page and count ms | count apart ms | total | indexes read | page and count ms' +
          big +
          ' | count apart ms' +
          big +
          ' |',
        '|---|---:|---:|---:|---|---:|---:|',
      ]
    : ['| query | page and count ms | count apart ms | total | indexes read |', '|---|---:|---:|---:|---|'];
  const row = (e: Explained, i: number) => {
    const idx = [...new Set(e.statements.flatMap((s) => s.indexes))]
      .filter((x) => x.startsWith('tickets'))
      .map((x) => `\`${x}\``)
      .join(', ');
    const cells = [
      `${i + 1}. [${e.scenario.title}](#${i + 1}-${e.scenario.key})`,
      cell(e, 'page'),
      cell(e, 'count'),
      e.total === null ? '—' : e.total.toLocaleString('en'),
      idx,
    ];
    if (r.also) {
      const other = r.also.results.find((x) => x.scenario.key === e.scenario.key);
      cells.push(cell(other, 'page'), cell(other, 'count'));
    }
    return `| ${cells.join(' | ')} |`;
  };
  const sections = r.results.map((e, i) =>
    [
      `<a id="${i + 1}-${e.scenario.key}"></a>`,
      `## ${i + 1}. ${e.scenario.title}`,
      '',
      e.scenario.what + (e.total !== null ? ` Matches ${e.total.toLocaleString('en')} tickets.` : ''),
      '',
      NOTES[e.scenario.key] ?? '',
      '',
      ...e.statements.map((s) =>
        statement(s, s.label === 'page' ? 'The page' : s.label === 'count' ? 'Its count' : 'The counters'),
      ),
    ].join('\n'),
  );
  return [
    PREAMBLE({
      version: r.version,
      tickets: r.tickets,
      messages: r.messages,
      notes: r.notes,
      also: r.also?.tickets ?? null,
    }),
    ...head,
    ...r.results.map(row),
    '',
    AFTERWORD(r.also?.tickets ?? null),
    '',
    ...sections,
    keptSection(r.kept, r.also),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
