DROP INDEX "alerts_open_uq";--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "pattern" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "cell_key" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "detail" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_uq" ON "alerts" USING btree ("kind","area_code","category_code",coalesce("cell_key", '')) WHERE "alerts"."closed_at" is null;