CREATE TABLE "report_days" (
	"workspace_id" bigint NOT NULL,
	"day" date NOT NULL,
	"department_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"sla_met" integer DEFAULT 0 NOT NULL,
	"sla_breached" integer DEFAULT 0 NOT NULL,
	"sla_running" integer DEFAULT 0 NOT NULL,
	"csat_sum" integer DEFAULT 0 NOT NULL,
	"csat_count" integer DEFAULT 0 NOT NULL,
	"fr_buckets" smallint[],
	"fr_counts" integer[],
	"fr_sums" double precision[],
	"res_buckets" smallint[],
	"res_counts" integer[],
	"res_sums" double precision[],
	CONSTRAINT "report_days_workspace_id_day_department_id_agent_id_pk" PRIMARY KEY("workspace_id","day","department_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "report_dirty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_dirty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"workspace_id" bigint PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"built_at" timestamp with time zone,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_days" ADD CONSTRAINT "report_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_state" ADD CONSTRAINT "report_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_dirty_ws_idx" ON "report_dirty" USING btree ("workspace_id");--> statement-breakpoint
-- K4: what the report days must recount: the minutes of the created_at, closed_at (before and
-- after) and answered_at a change touches. Inserts and deletes mark by statement (one insert per
-- statement); updates by row, only when a counted column changed (the WHEN is checked without
-- calling anything: a reply's or a search vector's update costs nothing). None for a workspace
-- whose reports were never opened (no report_state).
CREATE FUNCTION report_mark_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', x.t)
    FROM new_rows n CROSS JOIN LATERAL (VALUES (n.created_at), (n.closed_at)) x(t)
    WHERE x.t IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
  ELSE
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT o.workspace_id, date_trunc('minute', x.t)
    FROM old_rows o CROSS JOIN LATERAL (VALUES (o.created_at), (o.closed_at)) x(t)
    WHERE x.t IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = o.workspace_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_mark_ticket_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = NEW.workspace_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO report_dirty (workspace_id, at)
  SELECT DISTINCT NEW.workspace_id, date_trunc('minute', x.t)
  FROM (VALUES (NEW.created_at), (NEW.closed_at), (OLD.closed_at), (OLD.created_at)) x(t)
  WHERE x.t IS NOT NULL;
  -- A survey counts for its ticket's department, and not once the ticket is deleted.
  IF (OLD.department_id, OLD.deleted_at) IS DISTINCT FROM (NEW.department_id, NEW.deleted_at) THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT NEW.workspace_id, date_trunc('minute', cs.answered_at)
    FROM csat_surveys cs WHERE cs.ticket_id = NEW.id AND cs.answered_at IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_report_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
--> statement-breakpoint
CREATE TRIGGER tickets_report_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.status, OLD.department_id, OLD.assignee_ids, OLD.closed_at, OLD.first_response_at, OLD.sla_policy_id,
         OLD.sla_breached, OLD.deleted_at, OLD.created_at)
        IS DISTINCT FROM
        (NEW.status, NEW.department_id, NEW.assignee_ids, NEW.closed_at, NEW.first_response_at, NEW.sla_policy_id,
         NEW.sla_breached, NEW.deleted_at, NEW.created_at))
  EXECUTE FUNCTION report_mark_ticket_change();
--> statement-breakpoint
CREATE TRIGGER tickets_report_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
--> statement-breakpoint
CREATE FUNCTION report_mark_survey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.answered_at IS NOT NULL
     AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = NEW.workspace_id) THEN
    INSERT INTO report_dirty (workspace_id, at) VALUES (NEW.workspace_id, date_trunc('minute', NEW.answered_at));
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.answered_at IS NOT NULL
     AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = OLD.workspace_id) THEN
    INSERT INTO report_dirty (workspace_id, at) VALUES (OLD.workspace_id, date_trunc('minute', OLD.answered_at));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_insert AFTER INSERT ON csat_surveys FOR EACH ROW
  WHEN (NEW.answered_at IS NOT NULL) EXECUTE FUNCTION report_mark_survey();
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_update AFTER UPDATE ON csat_surveys FOR EACH ROW
  WHEN ((OLD.rating, OLD.answered_at, OLD.agent_ids, OLD.ticket_id) IS DISTINCT FROM (NEW.rating, NEW.answered_at, NEW.agent_ids, NEW.ticket_id))
  EXECUTE FUNCTION report_mark_survey();
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_delete AFTER DELETE ON csat_surveys FOR EACH ROW
  WHEN (OLD.answered_at IS NOT NULL) EXECUTE FUNCTION report_mark_survey();
