-- Issue 19: a ticket's search vectors key every word by its workspace, as users_name_vector does
-- for names (migration 0028). The GIN indexes of search_public and search_notes then hold each
-- workspace's words under keys of their own: a bare number or a common word reads the asking
-- workspace's posting list only, where it read the list of every workspace holding that word
-- and dropped the others' tickets (with a thousand workspaces, «5» read ~66,000 tickets to keep
-- 66: 14 ms — bench/README.md "Many workspaces"). A query is prefixed the same way
-- (workspace_lexemes(<workspace>, <tsquery>), tickets/search-conditions.ts).
--
-- search_vector(ws, t): what the application stores for a normalised text (search-text.ts).
-- Prefixing keeps positions and the order of a vector's lexemes (all share one prefix), so
-- search_vector(ws, a) || search_vector(ws, b) = workspace_lexemes(ws, search_vector(a) || search_vector(b)).
CREATE OR REPLACE FUNCTION search_vector(ws bigint, t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN workspace_lexemes(ws, search_vector(t));
--> statement-breakpoint
-- bare_lexemes(v): the vector without its workspace prefixes (the quoted runs of the text form,
-- as workspace_lexemes); what search_joins() reads when a rebuild adds joins to a stored vector
-- (tickets/search-reindex.ts).
CREATE OR REPLACE FUNCTION bare_lexemes(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(v::text, '''[0-9]+:((?:[^'']|'''')*)''', '''\1''', 'g')::tsvector;
--> statement-breakpoint
-- The subject's trigram index (for a part of a word: subject_norm like '%…%') gains the workspace
-- as its first column (btree_gin): the planner puts `workspace_id = <id>` into the same GIN scan,
-- which then reads the asking workspace's entries of each trigram only, where it read every
-- workspace's («please» in subjects: 6,316 tickets of a thousand workspaces to keep 9 — 1.3 ms
-- against 0.24). Once the vectors are keyed by workspace too, no part of ticket search reads
-- another workspace's entries.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "tickets_subject_trgm";--> statement-breakpoint
CREATE INDEX "tickets_subject_trgm" ON "tickets" USING gin ("workspace_id","subject_norm" gin_trgm_ops);--> statement-breakpoint
-- The stored vectors are rewritten once, indexes dropped first and built again after (faster than
-- updating a GIN index row by row). A fresh database has nothing to rewrite. A rebuild still
-- pending from migration 0013 (search_reindex) goes on afterwards on the prefixed vectors.
DROP INDEX IF EXISTS "tickets_search_public_gin";--> statement-breakpoint
DROP INDEX IF EXISTS "tickets_search_notes_gin";--> statement-breakpoint
UPDATE "tickets" SET
  "search_public" = workspace_lexemes("workspace_id", "search_public"),
  "search_notes" = workspace_lexemes("workspace_id", "search_notes")
WHERE ("search_public" <> ''::tsvector OR "search_notes" <> ''::tsvector);--> statement-breakpoint
CREATE INDEX "tickets_search_public_gin" ON "tickets" USING gin ("search_public");--> statement-breakpoint
CREATE INDEX "tickets_search_notes_gin" ON "tickets" USING gin ("search_notes");--> statement-breakpoint
ANALYZE "tickets";
