CREATE TABLE "clue_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"clue_id" integer NOT NULL,
	"author_user_id" integer,
	"from_status" "clue_status",
	"to_status" "clue_status",
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"facility_id" integer NOT NULL,
	"office_id" integer,
	"kind" text NOT NULL,
	"acted_on" timestamp with time zone NOT NULL,
	"result" text,
	"amount_yuan" integer,
	"source_ref" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enforcement_actions_source_ref_unique" UNIQUE("source_ref")
);
--> statement-breakpoint
ALTER TABLE "clue_notes" ADD CONSTRAINT "clue_notes_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_notes" ADD CONSTRAINT "clue_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_actions" ADD CONSTRAINT "enforcement_actions_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_actions" ADD CONSTRAINT "enforcement_actions_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clue_notes_clue_idx" ON "clue_notes" USING btree ("clue_id","created_at");--> statement-breakpoint
CREATE INDEX "enforcement_actions_facility_idx" ON "enforcement_actions" USING btree ("facility_id","acted_on");