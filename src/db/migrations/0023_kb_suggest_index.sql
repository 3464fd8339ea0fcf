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
-- Suggestions, in one pass over the hits (no second fetch by key): every word anywhere, or any
-- word in title, keywords and summary; published, in the given groups; the form's language first,
-- more of the words in the title first. `(visible and not internal) is true` keeps the planner off
-- the partial list index, which would make it fetch every article's vector from TOAST.
CREATE OR REPLACE FUNCTION kb_suggestions(ws bigint, q_all tsquery, q_any tsquery, groups bigint[], lang text, lim int)
  RETURNS TABLE(slug text, title text, summary text)
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 5 SET enable_seqscan = off
  AS $$ BEGIN RETURN QUERY
    select a.slug, a.title, a.summary from kb_articles a
     where a.workspace_id + 0 = ws and (a.search @@ q_all or a.search_head @@ q_any)
       and (a.visible and not a.internal) is true and a.group_id = any(groups)
     order by (a.locale = lang) is true desc, ts_rank(a.search_head, q_any) desc, a.id
     limit lim;
  END $$;
