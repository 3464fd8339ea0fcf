CREATE INDEX "kb_articles_search_head_gin" ON "kb_articles" USING gin ("search_head");--> statement-breakpoint
-- The articles of a workspace whose search vector matches, read through the GIN index: the
-- planner would otherwise scan the table for a common word (its estimate leaves out fetching
-- every row's vector from TOAST: 120 ms instead of 10). The SET clause holds for the function's
-- own plan only; ROWS steers the caller to fetch the hits by key.
-- PL/pgSQL keeps the statement's plan for the connection (an SQL function is planned each call).
CREATE OR REPLACE FUNCTION kb_hits(ws bigint, q tsquery) RETURNS SETOF bigint
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 200 SET enable_seqscan = off
  AS $$ BEGIN RETURN QUERY select id from kb_articles where workspace_id + 0 = ws and search @@ q; END $$;
--> statement-breakpoint
-- Suggestions: every word anywhere, or any word in title, keywords and summary.
CREATE OR REPLACE FUNCTION kb_suggestion_hits(ws bigint, q_all tsquery, q_any tsquery) RETURNS SETOF bigint
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 200 SET enable_seqscan = off
  AS $$ BEGIN RETURN QUERY select id from kb_articles where workspace_id + 0 = ws and (search @@ q_all or search_head @@ q_any); END $$;
