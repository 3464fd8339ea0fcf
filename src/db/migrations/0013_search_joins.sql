-- Issue 14: ticket search that finds what people type (src/server/modules/tickets/search-text.ts).
--
-- search_norm(t): the SQL twin of normalizeText (src/contracts/text.ts), for text the application
-- does not normalise before storing it (user names): Arabic yeh and kaf become Persian, digits of
-- three scripts ASCII, diacritics and tatweel go, ZWNJ and the other joiners become a space.
CREATE OR REPLACE FUNCTION search_norm(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(btrim(regexp_replace(regexp_replace(regexp_replace(
    translate(t, 'يىكۀة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'ییکهه01234567890123456789'),
    '[\u064B-\u065F\u0670\u0640]', '', 'g'),
    '[\u200B\u200C\u200D\u2060\u00AD]', ' ', 'g'),
    '\s+', ' ', 'g')))
$$;
--> statement-breakpoint
-- search_joins(v): what a vector adds to the words of a text so that a word is found however its
-- parts were written — joined with ZWNJ, with a space or with nothing (نمی‌شود, نمی شود, نمیشود;
-- کتاب‌ها, کتاب ها, کتابها; وی‌پی‌ان, وی پی ان, ویپیان). Text is indexed with ZWNJ as a space
-- (normalizeText), so its words are the parts; this adds the parts joined, for neighbours
-- (consecutive positions) of Persian script where the first is a prefix written apart (می, نمی,
-- بی) or the second a suffix written apart (ها, های, ای, ام, اش, تر, ترین, ی …), and for two or
-- three neighbouring letter names (the letters of an acronym: وی پی ان, پی دی اف, آی پی). Only these
-- closed lists are joined — never any two short words (و، به، از, در…), never Latin words — which
-- keeps the vectors and their GIN index small (docs/queries.md gives the sizes). Besides, a
-- number inside a longer token (inv-123 → -123, 1402/05/12, v2) is added as its own word, so that
-- a bare number finds it. The added words carry no position (they are found, never used for
-- phrases), which also makes the function safe to apply twice. The query side (search-text.ts,
-- joinedAlternatives) uses the same lists.
CREATE OR REPLACE FUNCTION search_joins(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH w AS (
    SELECT u.lexeme AS l, p.pos
    FROM unnest(v) u, unnest(u.positions) p(pos)
    WHERE p.pos < 16383 AND char_length(u.lexeme) <= 24
      AND u.lexeme ~ '^[\u0620-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF]+$'
  ),
  s AS (
    SELECT l, pos,
      l = ANY ('{می,نمی,بی}'::text[]) AS prefix,
      l = ANY ('{ها,های,هایی,هایم,هایت,هایش,هایمان,هایتان,هایشان,ای,ام,ات,اش,ایم,اید,اند,تر,ترین,ی}'::text[]) AS suffix,
      l = ANY ('{آ,ای,بی,پی,تی,سی,جی,چی,اچ,دی,ار,آر,زد,اس,اف,کیو,کی,ال,ام,ان,او,وی,دبلیو,ایکس,اکس,وای,آی,یو}'::text[]) AS letter
    FROM w
  ),
  j AS (
    SELECT a.l || b.l AS l FROM s a JOIN s b ON b.pos = a.pos + 1
    WHERE a.prefix OR b.suffix OR (a.letter AND b.letter)
    UNION
    SELECT a.l || b.l || c.l FROM s a JOIN s b ON b.pos = a.pos + 1 JOIN s c ON c.pos = b.pos + 1
    WHERE a.letter AND b.letter AND c.letter
    UNION
    SELECT d[1] FROM unnest(v) u, regexp_matches(u.lexeme, '[0-9]+', 'g') d
    WHERE u.lexeme ~ '[0-9]' AND u.lexeme !~ '^[0-9]+$'
  )
  SELECT coalesce(array_to_tsvector(array_agg(l)), ''::tsvector) FROM j
$$;
--> statement-breakpoint
-- search_vector(t): the vector of an already normalised text, as the application indexes it.
CREATE OR REPLACE FUNCTION search_vector(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v || search_joins(v) FROM to_tsvector('simple', t) v
$$;
--> statement-breakpoint
CREATE TABLE "search_reindex" (
	"name" text PRIMARY KEY NOT NULL,
	"done_through_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "users_search_gin" ON "users" USING gin (to_tsvector('simple', search_norm("name" || ' ' || "username")));
--> statement-breakpoint
-- The vectors of existing tickets gain their joined words (and the guest's name) in batches,
-- outside this transaction (tickets/search-reindex.ts): a fresh database has nothing to do.
INSERT INTO "search_reindex" ("name") SELECT 'joins-1' WHERE EXISTS (SELECT 1 FROM "tickets");
