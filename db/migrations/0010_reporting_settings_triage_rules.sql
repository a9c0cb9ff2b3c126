CREATE TABLE "monthly_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"month" date NOT NULL,
	"version" smallint DEFAULT 1 NOT NULL,
	"generated_by_user_id" integer,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"data" jsonb NOT NULL,
	"pdf_key" text,
	"pdf_bytes" integer,
	"pdf_sha256" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"keywords" text[] NOT NULL,
	"urgency_code" text,
	"category_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_area_code_divisions_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_generated_by_user_id_users_id_fk" FOREIGN KEY ("generated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_rules" ADD CONSTRAINT "triage_rules_urgency_code_urgency_grades_code_fk" FOREIGN KEY ("urgency_code") REFERENCES "public"."urgency_grades"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_rules" ADD CONSTRAINT "triage_rules_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_rules" ADD CONSTRAINT "triage_rules_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_area_month_version_uq" ON "monthly_reports" USING btree ("area_code","month","version");--> statement-breakpoint
CREATE INDEX "monthly_reports_month_idx" ON "monthly_reports" USING btree ("month");