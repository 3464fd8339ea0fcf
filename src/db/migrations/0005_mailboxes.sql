CREATE TYPE "public"."mail_after_fetch" AS ENUM('seen', 'move');--> statement-breakpoint
CREATE TYPE "public"."mail_protocol" AS ENUM('imap', 'pop3', 'none');--> statement-breakpoint
CREATE TYPE "public"."mail_tls" AS ENUM('tls', 'starttls', 'none');--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mailboxes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"department_id" bigint,
	"address" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"inbound_protocol" "mail_protocol" DEFAULT 'none' NOT NULL,
	"inbound_host" text,
	"inbound_port" integer,
	"inbound_tls" "mail_tls" DEFAULT 'tls' NOT NULL,
	"inbound_username" text,
	"inbound_password_sealed" text,
	"imap_folder" text DEFAULT 'INBOX' NOT NULL,
	"after_fetch" "mail_after_fetch" DEFAULT 'seen' NOT NULL,
	"move_to_folder" text,
	"smtp_host" text,
	"smtp_port" integer,
	"smtp_tls" "mail_tls" DEFAULT 'starttls' NOT NULL,
	"smtp_auth" boolean DEFAULT true NOT NULL,
	"smtp_username" text,
	"smtp_password_sealed" text,
	"fetch_interval_minutes" integer DEFAULT 5 NOT NULL,
	"last_fetch_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_fetch_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_system_uq" ON "mailboxes" USING btree ("workspace_id") WHERE "mailboxes"."department_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_department_uq" ON "mailboxes" USING btree ("workspace_id","department_id") WHERE "mailboxes"."department_id" is not null;--> statement-breakpoint
CREATE INDEX "mailboxes_list_idx" ON "mailboxes" USING btree ("workspace_id","id");