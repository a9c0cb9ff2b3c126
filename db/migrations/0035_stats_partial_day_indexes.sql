CREATE INDEX IF NOT EXISTS "complaints_resolved_idx" ON "complaints" USING btree ("resolved_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "complaints_first_replied_idx" ON "complaints" USING btree ("first_replied_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "complaints_first_reply_due_idx" ON "complaints" USING btree ("first_reply_due_at");