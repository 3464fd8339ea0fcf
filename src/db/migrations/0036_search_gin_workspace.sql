-- Issue 19: among many workspaces the planner's estimate of a searched word reads the vectors'
-- most common words — 10,000 of every workspace's, decompressed at every estimate, 0.3 ms per
-- `@@` of a statement (a staff search has two, its first page four) — and a workspace the
-- statistics do not describe gains nothing from them. Such a search now hands its query over
-- as a one-time subquery's value (search-conditions.ts, `opaque`), which the planner estimates
-- at the default share; with the workspace a key of the same GIN index, as in tickets_subject_trgm
-- (btree_gin, migration 0031), that default applies to the workspace's rows, not the table's, and
-- the search keeps these indexes. The words are keyed by the workspace already (migration 0031):
-- the entries read are the same. Rebuilding both takes a minute or two a million tickets.
DROP INDEX "tickets_search_public_gin";--> statement-breakpoint
DROP INDEX "tickets_search_notes_gin";--> statement-breakpoint
CREATE INDEX "tickets_search_public_gin" ON "tickets" USING gin ("workspace_id","search_public");--> statement-breakpoint
CREATE INDEX "tickets_search_notes_gin" ON "tickets" USING gin ("workspace_id","search_notes");