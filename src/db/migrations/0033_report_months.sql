CREATE TABLE "report_months" (
	"workspace_id" bigint NOT NULL,
	"month" date NOT NULL,
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
	CONSTRAINT "report_months_workspace_id_month_department_id_agent_id_pk" PRIMARY KEY("workspace_id","month","department_id","agent_id")
);
--> statement-breakpoint
ALTER TABLE "report_state" ADD COLUMN "months_built" date[] DEFAULT '{}'::date[] NOT NULL;--> statement-breakpoint
ALTER TABLE "report_months" ADD CONSTRAINT "report_months_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;