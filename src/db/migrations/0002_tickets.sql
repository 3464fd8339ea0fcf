CREATE TYPE "public"."author_kind" AS ENUM('customer', 'agent', 'guest', 'system');--> statement-breakpoint
CREATE TYPE "public"."message_kind" AS ENUM('reply', 'note');--> statement-breakpoint
CREATE TYPE "public"."text_direction" AS ENUM('rtl', 'ltr', 'auto');--> statement-breakpoint
CREATE TYPE "public"."ticket_priority" AS ENUM('urgent', 'high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('active', 'pending', 'closed', 'locked');--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"kind" "message_kind" NOT NULL,
	"author_id" bigint,
	"author_kind" "author_kind" NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"body_html" text NOT NULL,
	"direction" text_direction DEFAULT 'auto' NOT NULL,
	"cc" text[] DEFAULT '{}'::text[] NOT NULL,
	"bcc" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"workspace_id" bigint PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"actor_id" bigint,
	"actor_name" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_participants" (
	"workspace_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"notify" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_participants_ticket_id_user_id_kind_pk" PRIMARY KEY("ticket_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "ticket_views" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_views_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"by_admin" boolean DEFAULT false NOT NULL,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tickets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"subject" text NOT NULL,
	"department_id" bigint NOT NULL,
	"type_id" bigint,
	"priority" "ticket_priority" DEFAULT 'medium' NOT NULL,
	"status" "ticket_status" DEFAULT 'active' NOT NULL,
	"requester_id" bigint,
	"requester_group_id" bigint,
	"guest_name" text,
	"guest_email" text,
	"tracking_hash" text,
	"created_by_id" bigint,
	"internal" boolean DEFAULT false NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"assignee_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"tag_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"cc" text[] DEFAULT '{}'::text[] NOT NULL,
	"bcc" text[] DEFAULT '{}'::text[] NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"note_count" integer DEFAULT 0 NOT NULL,
	"waiting_since" timestamp with time zone,
	"last_message_at" timestamp with time zone,
	"last_agent_reply_at" timestamp with time zone,
	"last_customer_reply_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requester_email" text,
	"subject_norm" text DEFAULT '' NOT NULL,
	"search_public" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"search_notes" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"deleted_by_id" bigint
);
--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "ticket_id" bigint;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "message_id" bigint;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "claim_hash" text;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_counters" ADD CONSTRAINT "ticket_counters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_views" ADD CONSTRAINT "ticket_views_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_ticket_idx" ON "messages" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_participants_user_idx" ON "ticket_participants" USING btree ("user_id","kind");--> statement-breakpoint
CREATE INDEX "ticket_views_ticket_idx" ON "ticket_views" USING btree ("ticket_id","viewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_uq" ON "tickets" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("workspace_id","department_id","status","pinned","waiting_since","id") WHERE "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_ws_status_idx" ON "tickets" USING btree ("workspace_id","status","pinned","waiting_since","id") WHERE "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("workspace_id","requester_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_email_idx" ON "tickets" USING btree ("workspace_id","requester_email");--> statement-breakpoint
CREATE INDEX "tickets_assignees_gin" ON "tickets" USING gin ("assignee_ids");--> statement-breakpoint
CREATE INDEX "tickets_tags_gin" ON "tickets" USING gin ("tag_ids");--> statement-breakpoint
CREATE INDEX "tickets_search_public_gin" ON "tickets" USING gin ("search_public");--> statement-breakpoint
CREATE INDEX "tickets_search_notes_gin" ON "tickets" USING gin ("search_notes");--> statement-breakpoint
CREATE INDEX "tickets_subject_trgm" ON "tickets" USING gin ("subject_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tickets_pending_idx" ON "tickets" USING btree ("status","status_changed_at") WHERE "tickets"."status" = 'pending' and "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "files_message_idx" ON "files" USING btree ("message_id");