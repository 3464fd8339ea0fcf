/**
 * The hand-written parts of docs/queries.md (bench/explain.ts writes the rest from the
 * measurements). "Before" figures are the plans of migration 0002, measured the same way.
 */
export const NOTES: Record<string, string> = {
  queue: `Served by \`tickets_open_idx\`, a partial index over the active and pending tickets whose key follows
the queue's ORDER BY exactly (\`pinned desc, waiting_since asc nulls last, id asc\`). Rows come out already
in order; the visibility test (departments, assignee, requester, follower through a hashed subplan) is a
filter, and the Limit stops the scan after 25 visible rows. Before: \`tickets_ws_status_idx\` fetched every
open ticket of the workspace, then a top-N sort (10.8 ms, growing with the queue). The count reads the same
index only: its columns after \`id\` carry status, department, requester and assignees, so it is an
index-only scan (before: 6.3 ms with a heap visit per open ticket).`,
  'queue-page-50': `Offset pagination reads and discards the rows it skips (1,225 here, some 5 µs each), so the time grows
with the page number rather than with the table. Before: 15.2 ms (everything fetched and sorted).`,
  'queue-filtered': `\`tickets_queue_idx\`: equality on department and status, then the sort columns in ORDER BY's directions,
so the page is read in order and priority is a filter on it. Before, \`pinned\` was ascending in the index:
PostgreSQL read it backwards and had to re-sort (Incremental Sort).`,
  'admin-created': `Pinned first makes the ORDER BY \`pinned desc, created_at desc, id desc\`; \`tickets_created_idx\` is now
\`(workspace_id, pinned, created_at, id)\`, read backwards. Before, \`(workspace_id, created_at, id)\` could
not give that order and every ticket of the workspace was sorted (Parallel Seq Scan, 79 ms). The count of
all tickets is inherently a pass over the whole workspace (here an index-only scan).`,
  'admin-waiting': `\`tickets_waiting_idx\` holds every status in the staff's default order; the active tickets (the only ones
with \`waiting_since\`) come first, the rest by id. Before, this page sorted all the workspace's tickets
(187 ms at 1,000,000 tickets).`,
  'customer-mine': `A customer's visibility (\`visibleTo\` in ticket-access.ts) was \`requester_id = me or exists (shared with me)
or requester_group_id in (my groups)\`: no index serves that OR as a whole, so the table was scanned
(Seq Scan: 64 ms for the page, 85 ms for the count, both growing with the table). The same condition is
now written with \`= any(array(…))\` for the shared tickets and the groups, so every branch is an index
scan (\`tickets_requester_idx\`, the primary key, the new \`tickets_requester_group_idx\`) and the BitmapOr
reads the customer's own tickets only.`,
  'assigned-to-me': `\`assigneeId=me\` was \`$me = any(assignee_ids)\`, which a GIN index cannot serve; list-tickets.ts now writes
\`assignee_ids @> array[$me]\` (the same test), served by \`tickets_assignees_gin\` and combined with the open
tickets in a BitmapAnd; the agent's few open tickets are then sorted. Before: every open ticket was read and
tested (7.0 ms).`,
  tag: `The planner picks by the tag's frequency: for a tag this common (3.5% of the tickets) it walks
\`tickets_waiting_idx\` in order and tests \`tag_ids\` on each row until 25 match; a rare tag goes through
\`tickets_tags_gin\` and a small sort. The count goes through the GIN index and visits every tagged ticket,
so it grows with the tag's use. Before: GIN plus a sort of all 3,499 tagged tickets (13 ms).`,
  email: `A prefix match (\`requester_email like 'abc%'\`). The database collation (C.UTF-8) is not \`C\`, so a plain
btree cannot serve LIKE and the filter scanned the table (Parallel Seq Scan, 0.34 s at 1,000,000 tickets);
\`tickets_email_idx\` now uses \`text_pattern_ops\`.`,
  'search-fa': `Search is \`subject_norm like '%…%' or search_public @@ q or search_notes @@ q\` (the notes only for staff),
plus the agent's visibility. For the page, with a word this common (in one ticket in ten), walking
\`tickets_waiting_idx\` and testing each row fills the page soonest; for rarer words the planner uses the
indexes below instead. The count has to find every match: a BitmapOr of the trigram index and the two GIN
indexes, then one heap visit per candidate — its time grows with the number of matches. (The generated
text draws on some 1,300 words, so every word is in a few percent of the tickets at least; real text has a
long tail of rare words, which are cheap to find and to count.) Since issue 14, staff also find tickets by
their requester: people whose name or username has the words (\`users_name_search_gin\`, keyed by workspace
and word since migration 0028, an InitPlan run once, at most 500 people) and their tickets by \`tickets_requester_idx\`; and each row of the page brings a
snippet (SubPlan: the newest visible message of the ticket that matches, \`messages_ticket_idx\` backwards,
evaluated for the page's rows only, its regular expression once per message: a lateral with \`offset 0\`). Migration 0015 raises the statistics sample of both vectors to 1,000,
so a rare word or number (outside the most common lexemes) is estimated at a few rows: the GIN indexes and a
sort of the rows found, not a walk through the sort index (2.7 s → 0.2 ms for a number no ticket holds, at
1,000,000 tickets). Since migration 0031 every index here is keyed by workspace: the vectors and the query carry
the workspace's prefix (\`'1:چاپگر':*\`) and the trigram index leads with \`workspace_id\` (btree_gin), so
with many workspaces on one database a word is looked up among the asking workspace's tickets only
(bench/README.md, "Many workspaces"); with one workspace the plans keep their shapes.`,
  'search-en': `The same plan shapes as the Persian word. An English word of the generated text is about as frequent.`,
  'search-phrase': `Every word must match, each as a prefix (\`'1:رمز':* & '1:عبور':*\`: the workspace's words, migration 0031); the GIN index intersects the two.`,
  'search-number': `\`#123\` (or \`123\`, \`۱۲۳\`) asks for ticket 123 first — \`number = 123\` on \`tickets_number_uq\`, one row,
then the visibility test — and then for every ticket whose text holds the number as a whole word
(\`search_public @@ '1:123'\`, the number under the workspace's prefix, for staff also \`search_notes\`): a rare lexeme, so the GIN indexes and a sort.`,
  dashboard: `All five counters in one pass over the open tickets, answered from \`tickets_open_idx\` alone (index-only:
status, department and assignees are in the index). Before: the same pass with a heap visit per ticket
through \`tickets_ws_status_idx\` (9.5 ms).`,
};

export function PREAMBLE(r: {
  version: string;
  tickets: number;
  messages: number;
  notes: string[];
  also: number | null;
}): string {
  return `# Ticket list queries and their plans

Issue 3 (point 9) asks that every list query be served by an index. This page shows, for the main
ticket lists, the exact SQL the application sends, its plan from \`EXPLAIN (ANALYZE, BUFFERS)\`, the time,
and the index that serves it — on a generated workspace of ${r.tickets.toLocaleString('en')} tickets and ${r.messages.toLocaleString('en')} messages.
It is written by \`bench/explain.ts\`; do not edit it by hand (the notes live in \`bench/explain/notes.ts\`).

## How it is measured

- **The SQL comes from the application.** \`bench/explain.ts\` calls \`listTickets\` and \`dashboard\`
  (src/server/modules/tickets) with a real \`Ctx\`, on a Drizzle instance whose logger records every
  statement (\`openDatabase({ logger })\`); the statements on \`tickets\` — a page and its count — are then
  explained with their parameters. The lookups of names that follow a page (departments, users, tags by
  primary key) are left out.
- **Data**: \`npm run bench:seed\` (seed 1): 20 departments, 200 agents, a customer for every ten tickets,
  tickets over two years with five messages on average, about 6% of them open (active or pending).
- **Who asks**:
${r.notes.map((n) => `  - ${n};`).join('\n')}
  - the admin is the workspace's first admin.
- Each statement runs once to warm the cache, then is explained five times; the median run is shown.
  Times are the server's execution times (without the network), measured ${new Date().toISOString().slice(0, 10)} on 2 cores —
  they follow the machine, so compare the rows of one run, not runs of different days;
  ${r.version.replace(/ on .*/, '')}, default settings (shared_buffers 128 MB, work_mem 4 MB, jit on).
- Page size 25 (the API's default); every list sorts pinned tickets first.

## How to reproduce

\`\`\`sh
# a scratch database pishkhan_queries_<pid> on BENCH_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
# seeded with 100,000 tickets, explained, dropped; writes this file
npm run bench:explain
# or against a database you seeded yourself, with a second, larger one in the summary
npm run bench:seed -- --tickets 1000000 --database-url postgres://postgres@127.0.0.1:5432/pishkhan_1m
npm run bench:explain -- --database-url postgres://…/pishkhan_100k --also postgres://…/pishkhan_1m
\`\`\`

## What changed (migration 0003_list_indexes)

- **Sort directions follow the ORDER BY.** Lists put pinned tickets first: \`pinned desc\`, then the sort
  key. The queue indexes had \`pinned\` ascending, and the date indexes had no \`pinned\` at all, so pages
  were sorted after fetching every candidate (admin's newest-first list: a sort of the whole table).
- **\`tickets_open_idx\`** (new): the open queue in its order, partial on active and pending; with the
  status, department, requester and assignees as trailing columns so that the queue's count and the
  dashboard are index-only scans.
- **\`tickets_waiting_idx\`** (new): every status in the staff's default order (no status filter).
- **\`tickets_created_idx\`, \`tickets_updated_idx\`** now start \`(workspace_id, pinned, …)\`.
- **\`tickets_requester_group_idx\`** (new, partial): tickets opened for a customer group.
- **\`tickets_email_idx\`** uses \`text_pattern_ops\`, so the e-mail prefix filter can use it.
- **Two conditions rewritten without changing their meaning**: a customer's visibility
  (\`= any(array(…))\` instead of \`exists\`/\`in\`, ticket-access.ts) and \`assigneeId\`
  (\`assignee_ids @> array[…]\` instead of \`… = any(assignee_ids)\`, list-tickets.ts).

No query in the table reads \`tickets\` with a Seq Scan. Where a count is expensive, it is because it has to
count many rows: all the tickets of a workspace, a common tag, a common word.

A list's total, when the process does not already know it (count-cache.ts keeps one for 10 s), is read in
the page's own statement (an InitPlan: \`(select count(*) from (… limit cap + 1) as capped)\`): one round
trip, not two. So the first column is the page with its count, as a page is first read; a refresh within
10 s reads the page alone. A bare number's ticket and the tickets whose text holds it are one statement too
(\`union all\`).

`;
}

export function AFTERWORD(also: number | null): string {
  if (!also) return '';
  return `### At ${also.toLocaleString('en')} tickets

The pages hardly change: they read in index order and stop after 25 rows (assigned-to-me, which combines
two bitmaps, takes some 10–15 ms). The counts grow with what they count, and two server settings matter
(the timings above are with the defaults):

- **JIT.** Plans whose estimated cost passes \`jit_above_cost\` (100,000) are compiled before they run,
  which these short queries never win back: with \`jit = off\` the queue's count took 18 ms and the
  dashboard 23 ms. Set \`jit = off\` on the server (or raise the thresholds).
- **work_mem.** A search for a common word builds a bitmap larger than 4 MB, which turns lossy: whole pages
  are re-checked, and each re-check decompresses a \`search_public\` vector (Rows Removed by Index Recheck).
  With \`work_mem = 16MB\` (and JIT off) the three searches' counts took 0.44 s, 0.13 s and 0.24 s.

Even so, a count of a broad result (all the tickets of the workspace, a common tag or word) visits every
match: 0.13–0.45 s with those two settings. If that matters, a list could count up to a limit
(\`count(*) from (… limit 1001)\`, shown as "1,000+") or take the planner's estimate for the unfiltered
list — a change of the API's \`total\`, so not made here.
`;
}
