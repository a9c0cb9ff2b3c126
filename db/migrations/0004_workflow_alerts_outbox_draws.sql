CREATE TABLE "deadline_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"deadline" text NOT NULL,
	"level" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text DEFAULT 'in_app' NOT NULL,
	"recipient_office_id" integer,
	"recipient_user_id" integer,
	"complaint_id" bigint,
	"letter_id" integer,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spot_check_draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"office_id" integer NOT NULL,
	"share" real NOT NULL,
	"seed" text NOT NULL,
	"population" integer NOT NULL,
	"complaint_ids" bigint[] NOT NULL,
	"drawn_by_user_id" integer,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "draw_id" integer;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "office_id" integer;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD COLUMN "acknowledged_by_user_id" integer;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD COLUMN "answered_by_user_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_office_id_offices_id_fk" FOREIGN KEY ("recipient_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_draws" ADD CONSTRAINT "spot_check_draws_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_draws" ADD CONSTRAINT "spot_check_draws_drawn_by_user_id_users_id_fk" FOREIGN KEY ("drawn_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_alerts_once_uq" ON "deadline_alerts" USING btree ("subject_type","subject_id","deadline","level","due_at");--> statement-breakpoint
CREATE INDEX "deadline_alerts_raised_idx" ON "deadline_alerts" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "notifications_office_idx" ON "notifications" USING btree ("recipient_office_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("recipient_user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("channel","delivered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_draws_month_office_uq" ON "spot_check_draws" USING btree ("month","office_id");--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_acknowledged_by_user_id_users_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;