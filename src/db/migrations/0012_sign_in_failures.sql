CREATE TABLE "sign_in_failures" (
	"workspace_id" bigint NOT NULL,
	"account_key" text NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_try_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_failures_workspace_id_account_key_address_pk" PRIMARY KEY("workspace_id","account_key","address")
);
--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD CONSTRAINT "sign_in_failures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_failures_next_try_idx" ON "sign_in_failures" USING btree ("next_try_at");