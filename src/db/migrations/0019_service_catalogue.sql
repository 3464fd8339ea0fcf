CREATE TABLE "desks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "desks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"department_id" bigint NOT NULL,
	"visible" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_types" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"desk_id" bigint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"icon" text,
	"department_id" bigint,
	"default_priority" "ticket_priority" DEFAULT 'medium' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"workflow" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"visible" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_timers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_timers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"started_by" text,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "transition" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "desk_id" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "desk_number" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "request_type_id" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "values" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "workflow_status" text;--> statement-breakpoint
ALTER TABLE "desks" ADD CONSTRAINT "desks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desks" ADD CONSTRAINT "desks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_types" ADD CONSTRAINT "request_types_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_types" ADD CONSTRAINT "request_types_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_types" ADD CONSTRAINT "request_types_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_timers" ADD CONSTRAINT "ticket_timers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_timers" ADD CONSTRAINT "ticket_timers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "desks_key_uq" ON "desks" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "desks_position_idx" ON "desks" USING btree ("workspace_id","position","id");--> statement-breakpoint
CREATE INDEX "request_types_desk_idx" ON "request_types" USING btree ("workspace_id","desk_id","position","id") WHERE "request_types"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "ticket_timers_ticket_idx" ON "ticket_timers" USING btree ("ticket_id","kind");--> statement-breakpoint
CREATE INDEX "ticket_timers_due_idx" ON "ticket_timers" USING btree ("workspace_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_desk_number_uq" ON "tickets" USING btree ("workspace_id","desk_id","desk_number") WHERE "tickets"."desk_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_request_type_idx" ON "tickets" USING btree ("workspace_id","request_type_id","requester_id","created_at") WHERE "tickets"."request_type_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_values_gin" ON "tickets" USING gin ("values" jsonb_path_ops) WHERE "tickets"."values" is not null;