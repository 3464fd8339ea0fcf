CREATE TABLE "mail_fetched" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mail_fetched_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" bigint NOT NULL,
	"mailbox_id" bigint NOT NULL,
	"source_key" text NOT NULL,
	"message_id" text,
	"ticket_number" integer,
	"outcome" text NOT NULL,
	"error" text,
	"raw_storage_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "email_message_id" text;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "fetching_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_fetched" ADD CONSTRAINT "mail_fetched_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_fetched" ADD CONSTRAINT "mail_fetched_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_fetched_source_uq" ON "mail_fetched" USING btree ("workspace_id","mailbox_id","source_key");--> statement-breakpoint
CREATE INDEX "mail_fetched_message_id_idx" ON "mail_fetched" USING btree ("workspace_id","message_id");--> statement-breakpoint
CREATE INDEX "messages_email_message_id_idx" ON "messages" USING btree ("workspace_id","email_message_id") WHERE "messages"."email_message_id" is not null;--> statement-breakpoint
CREATE INDEX "mailboxes_due_idx" ON "mailboxes" USING btree ("next_fetch_at") WHERE "mailboxes"."active" and "mailboxes"."inbound_protocol" <> 'none';