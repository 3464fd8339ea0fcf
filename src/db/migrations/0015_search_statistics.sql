-- Issue 14: the planner's guess of how many tickets a searched word or number matches comes from
-- the most common lexemes of search_public and search_notes. With the default sample (100), a
-- lexeme outside that list is guessed at hundreds of rows even when no ticket holds it (a ticket
-- number, a rare word), and the planner then walks a list's sort index through every ticket of the
-- workspace looking for 25 that match (2.7 s at a million tickets). A larger sample keeps the
-- guess for rare lexemes small, so such searches take the GIN index and sort the few rows found
-- (0.2 ms). docs/queries.md has both plans.
ALTER TABLE "tickets" ALTER COLUMN "search_public" SET STATISTICS 1000;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "search_notes" SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "tickets";
