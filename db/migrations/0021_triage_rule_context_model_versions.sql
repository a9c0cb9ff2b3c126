ALTER TABLE "triage_rules" ADD COLUMN "requires" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "triage_rules" ADD COLUMN "excludes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "triage_models" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "triage_models" ADD COLUMN "metrics" jsonb;--> statement-breakpoint
ALTER TABLE "triage_models" ADD COLUMN "promoted_at" timestamp with time zone;