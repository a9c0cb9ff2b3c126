CREATE TABLE "triage_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"confirmed_count" integer NOT NULL,
	"corpus_count" integer NOT NULL,
	"label_count" integer NOT NULL,
	"trigger" text NOT NULL,
	"trained_by_user_id" integer,
	"model" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_models" ADD CONSTRAINT "triage_models_trained_by_user_id_users_id_fk" FOREIGN KEY ("trained_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;