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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_days" ADD CONSTRAINT "report_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_state" ADD CONSTRAINT "report_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_dirty_ws_idx" ON "report_dirty" USING btree ("workspace_id");--> statement-breakpoint
-- K4: what the report days must recount, marked by statement (one insert per statement, none for
-- a workspace whose reports were never opened, none when no counted column changed).
CREATE FUNCTION report_mark_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', x.t)
    FROM new_rows n CROSS JOIN LATERAL (VALUES (n.created_at), (n.closed_at)) x(t)
    WHERE x.t IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', x.t)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.created_at), (n.closed_at), (o.closed_at)) x(t)
    WHERE x.t IS NOT NULL
      AND (o.status, o.department_id, o.assignee_ids, o.closed_at, o.first_response_at, o.sla_policy_id,
           o.sla_breached, o.deleted_at, o.created_at)
          IS DISTINCT FROM
          (n.status, n.department_id, n.assignee_ids, n.closed_at, n.first_response_at, n.sla_policy_id,
           n.sla_breached, n.deleted_at, n.created_at)
      AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
    -- A survey counts for its ticket's department, and not once the ticket is deleted.
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', cs.answered_at)
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN csat_surveys cs ON cs.ticket_id = n.id
    WHERE cs.answered_at IS NOT NULL
      AND (o.department_id, o.deleted_at) IS DISTINCT FROM (n.department_id, n.deleted_at)
      AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
  ELSE
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT o.workspace_id, date_trunc('minute', x.t)
    FROM old_rows o CROSS JOIN LATERAL (VALUES (o.created_at), (o.closed_at)) x(t)
    WHERE x.t IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = o.workspace_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_report_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
--> statement-breakpoint
CREATE TRIGGER tickets_report_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
--> statement-breakpoint
CREATE TRIGGER tickets_report_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_tickets();
--> statement-breakpoint
CREATE FUNCTION report_mark_surveys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', n.answered_at) FROM new_rows n
    WHERE n.answered_at IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT o.workspace_id, date_trunc('minute', o.answered_at) FROM old_rows o
    WHERE o.answered_at IS NOT NULL AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = o.workspace_id);
  ELSE
    INSERT INTO report_dirty (workspace_id, at)
    SELECT DISTINCT n.workspace_id, date_trunc('minute', x.t)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.answered_at), (o.answered_at)) x(t)
    WHERE x.t IS NOT NULL
      AND (o.rating, o.answered_at, o.agent_ids, o.ticket_id) IS DISTINCT FROM (n.rating, n.answered_at, n.agent_ids, n.ticket_id)
      AND EXISTS (SELECT 1 FROM report_state s WHERE s.workspace_id = n.workspace_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_insert AFTER INSERT ON csat_surveys REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_surveys();
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_update AFTER UPDATE ON csat_surveys REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_surveys();
--> statement-breakpoint
CREATE TRIGGER csat_surveys_report_delete AFTER DELETE ON csat_surveys REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_surveys();
