CREATE SEQUENCE "public"."report_versions" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "report_recounts" (
	"workspace_id" bigint NOT NULL,
	"version" bigint NOT NULL,
	"previous" bigint NOT NULL,
	"days" date[] NOT NULL,
	CONSTRAINT "report_recounts_workspace_id_version_pk" PRIMARY KEY("workspace_id","version")
);
--> statement-breakpoint
ALTER TABLE "report_state" ALTER COLUMN "version" SET DEFAULT nextval('report_versions');--> statement-breakpoint
ALTER TABLE "report_recounts" ADD CONSTRAINT "report_recounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Versions go on from the highest one a workspace holds (they never go back).
SELECT setval('report_versions', coalesce((SELECT max(version) FROM report_state), 0) + 1, false);
