CREATE TABLE "directories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "directories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"start_tls" boolean DEFAULT false NOT NULL,
	"ca_cert" text,
	"verify_tls" boolean DEFAULT true NOT NULL,
	"bind_dn" text DEFAULT '' NOT NULL,
	"bind_password_sealed" text,
	"base_dn" text NOT NULL,
	"user_filter" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"active_directory" boolean DEFAULT false NOT NULL,
	"nested_groups" boolean DEFAULT false NOT NULL,
	"group_mappings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_role" text DEFAULT 'customer' NOT NULL,
	"sync_interval_minutes" integer DEFAULT 60 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"next_sync_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_sync_report" jsonb,
	"last_sync_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_id" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_uid" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_dn" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "recovery_code_hashes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "directories" ADD CONSTRAINT "directories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directories_position_idx" ON "directories" USING btree ("workspace_id","position","id");--> statement-breakpoint
CREATE INDEX "directories_due_idx" ON "directories" USING btree ("next_sync_at") WHERE "directories"."active" and "directories"."sync_interval_minutes" > 0;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_directory_uid_uq" ON "users" USING btree ("workspace_id","directory_id","directory_uid") WHERE "users"."directory_id" is not null and "users"."deleted_at" is null;