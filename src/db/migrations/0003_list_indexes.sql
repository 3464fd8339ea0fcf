DROP INDEX "tickets_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_ws_status_idx";--> statement-breakpoint
DROP INDEX "tickets_created_idx";--> statement-breakpoint
DROP INDEX "tickets_updated_idx";--> statement-breakpoint
DROP INDEX "tickets_email_idx";--> statement-breakpoint
CREATE INDEX "tickets_open_idx" ON "tickets" USING btree ("workspace_id","pinned" DESC NULLS FIRST,"waiting_since","id","status","department_id","requester_id","assignee_ids") WHERE "tickets"."deleted_at" is null and "tickets"."status" in ('active', 'pending');--> statement-breakpoint
CREATE INDEX "tickets_waiting_idx" ON "tickets" USING btree ("workspace_id","pinned" DESC NULLS FIRST,"waiting_since","id") WHERE "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_requester_group_idx" ON "tickets" USING btree ("workspace_id","requester_group_id") WHERE "tickets"."requester_group_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("workspace_id","department_id","status","pinned" DESC NULLS FIRST,"waiting_since","id") WHERE "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_ws_status_idx" ON "tickets" USING btree ("workspace_id","status","pinned" DESC NULLS FIRST,"waiting_since","id") WHERE "tickets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("workspace_id","pinned","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("workspace_id","pinned","updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_email_idx" ON "tickets" USING btree ("workspace_id","requester_email" text_pattern_ops);