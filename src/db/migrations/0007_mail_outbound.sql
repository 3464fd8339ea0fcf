ALTER TABLE "users" ADD COLUMN "alternate_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_status" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_error" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "users_alternate_emails_gin" ON "users" USING gin ("alternate_emails");--> statement-breakpoint
CREATE INDEX "mail_fetched_quarantine_idx" ON "mail_fetched" USING btree ("workspace_id","mailbox_id","id") WHERE "mail_fetched"."outcome" = 'quarantined';