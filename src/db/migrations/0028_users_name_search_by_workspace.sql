-- workspace_lexemes(ws, v): the vector (or query) with every lexeme prefixed by the workspace id,
-- positions and operators kept. A GIN index of such vectors keeps each workspace's words under
-- keys of their own: looking up a name reads the asking workspace's entries only, where an index
-- of the bare words read every workspace's people of that name and dropped the others' (with a
-- thousand workspaces, «رضا» read 5,044 users to keep 3 — bench/README.md, issue 19).
-- The tsvector and tsquery text forms quote every lexeme ('…', a quote inside doubled), so the
-- quoted runs are exactly the lexemes. SQL-standard bodies (RETURN …) bind their functions when
-- created: an index expression runs with search_path = pg_catalog (PostgreSQL 17), where a
-- quoted body would not find search_norm; they are still inlined into the index and the query.
CREATE OR REPLACE FUNCTION workspace_lexemes(ws bigint, v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(v::text, '''((?:[^'']|'''')*)''', '''' || ws::text || ':\1''', 'g')::tsvector;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workspace_lexemes(ws bigint, q tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(q::text, '''((?:[^'']|'''')*)''', '''' || ws::text || ':\1''', 'g')::tsquery;
--> statement-breakpoint
-- users_name_vector: the words of a person's name and username, Persian-folded (search_norm),
-- under the workspace's prefix. Ticket search by requester (tickets/search-conditions.ts) asks
-- it with workspace_lexemes(<workspace>, <query>).
CREATE OR REPLACE FUNCTION users_name_vector(ws bigint, name text, username text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN workspace_lexemes(ws, to_tsvector('simple', search_norm(name || ' ' || username)));
--> statement-breakpoint
DROP INDEX "users_search_gin";--> statement-breakpoint
CREATE INDEX "users_name_search_gin" ON "users" USING gin (users_name_vector("workspace_id", "name", "username"));
