CREATE TABLE "alert_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"complaint_watermark" bigint NOT NULL,
	"series" integer NOT NULL,
	"opened" integer NOT NULL,
	"updated" integer NOT NULL,
	"closed" integer NOT NULL,
	"took_ms" integer NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"category_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"window" text NOT NULL,
	"area_code" text NOT NULL,
	"area_level" "division_level" NOT NULL,
	"area_name" text NOT NULL,
	"area_path" text NOT NULL,
	"county_code" text NOT NULL,
	"town_code" text,
	"category_code" text NOT NULL,
	"observed" integer NOT NULL,
	"expected" real NOT NULL,
	"upper_limit" integer NOT NULL,
	"p_value" real NOT NULL,
	"peak_observed" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"complaint_ids" bigint[] NOT NULL,
	"began_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_area_code_divisions_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_subscriptions" ADD CONSTRAINT "alert_subscriptions_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_area_code_divisions_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_runs_finished_idx" ON "alert_runs" USING btree ("finished_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_subscriptions_uq" ON "alert_subscriptions" USING btree ("user_id","area_code",coalesce("category_code", ''));--> statement-breakpoint
CREATE INDEX "alert_subscriptions_area_idx" ON "alert_subscriptions" USING btree ("area_code");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_uq" ON "alerts" USING btree ("kind","area_code","category_code") WHERE "alerts"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_county_idx" ON "alerts" USING btree ("county_code","began_at");--> statement-breakpoint
CREATE INDEX "alerts_began_idx" ON "alerts" USING btree ("began_at");