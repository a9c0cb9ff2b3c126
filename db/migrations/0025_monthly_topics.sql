CREATE TABLE "monthly_topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"division_code" text NOT NULL,
	"month" date NOT NULL,
	"area_code" text NOT NULL,
	"category_code" text NOT NULL,
	"candidate" jsonb NOT NULL,
	"note" text,
	"picked_by_user_id" integer NOT NULL,
	"picked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_area_code_divisions_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_topics" ADD CONSTRAINT "monthly_topics_picked_by_user_id_users_id_fk" FOREIGN KEY ("picked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_topics_division_month_uq" ON "monthly_topics" USING btree ("division_code","month");