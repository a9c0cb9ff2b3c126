CREATE TYPE "public"."attachment_kind" AS ENUM('photo', 'video', 'audio');--> statement-breakpoint
CREATE TYPE "public"."building_use" AS ENUM('residential', 'mixed', 'public', 'commercial', 'rural_house');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('web', 'wechat', 'hotline', 'grid_worker', 'open311', 'walk_in');--> statement-breakpoint
CREATE TYPE "public"."clue_status" AS ENUM('new', 'verifying', 'filed', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."complaint_kind" AS ENUM('complaint', 'misconduct');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('received', 'triaged', 'dispatched', 'accepted', 'in_progress', 'resolved', 'reopened', 'closed', 'returned', 'transferred', 'escalated', 'merged', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."datum" AS ENUM('wgs84', 'gcj02', 'bd09', 'cgcs2000');--> statement-breakpoint
CREATE TYPE "public"."division_level" AS ENUM('city', 'county', 'town', 'village');--> statement-breakpoint
CREATE TYPE "public"."facility_kind" AS ENUM('community_health_centre', 'hospital', 'school', 'kindergarten', 'market', 'residential_compound', 'water_works', 'elderly_care', 'bus_station');--> statement-breakpoint
CREATE TYPE "public"."office_kind" AS ENUM('government', 'department', 'committee', 'discipline');--> statement-breakpoint
CREATE TYPE "public"."rating_level" AS ENUM('satisfied', 'basically_satisfied', 'unsatisfied');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('grid_worker', 'handler', 'inspector', 'leader', 'admin');--> statement-breakpoint
CREATE TYPE "public"."spot_check_result" AS ENUM('pending', 'passed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."tier" AS ENUM('county', 'town', 'village');--> statement-breakpoint
CREATE TYPE "public"."visit_method" AS ENUM('phone', 'in_person', 'meeting');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" bigint,
	"kind" "attachment_kind" NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_contacts" (
	"complaint_id" bigint PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"phone_last4" text
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"type" text NOT NULL,
	"from_status" "complaint_status",
	"to_status" "complaint_status",
	"actor_user_id" integer,
	"actor_office_id" integer,
	"public_note" text,
	"data" jsonb,
	"public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"kind" "complaint_kind" DEFAULT 'complaint' NOT NULL,
	"channel" "channel" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category_code" text,
	"urgency_code" text,
	"triage_reason" text,
	"location" geometry(Point,4326) NOT NULL,
	"original_lng" text,
	"original_lat" text,
	"location_datum" "datum" DEFAULT 'wgs84' NOT NULL,
	"address" text,
	"county_code" text,
	"town_code" text,
	"village_code" text,
	"grid_id" integer,
	"building_id" integer,
	"household_id" integer,
	"facility_id" integer,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reported_by_user_id" integer,
	"status" "complaint_status" DEFAULT 'received' NOT NULL,
	"responsible_office_id" integer,
	"co_office_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"routing_reason" text,
	"merged_into_id" bigint,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"return_count" smallint DEFAULT 0 NOT NULL,
	"idempotency_key" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"triaged_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"first_replied_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"dispatch_due_at" timestamp with time zone,
	"first_reply_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_tracking_code_unique" UNIQUE("tracking_code"),
	CONSTRAINT "complaints_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"round" smallint DEFAULT 1 NOT NULL,
	"level" "rating_level" NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"grid_id" integer NOT NULL,
	"address" text NOT NULL,
	"use" "building_use" NOT NULL,
	"floors" smallint NOT NULL,
	"footprint" geometry(Polygon,4326) NOT NULL,
	"centre" geometry(Point,4326) NOT NULL,
	CONSTRAINT "buildings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"level" "division_level" NOT NULL,
	"ur_code" text,
	"centre" geometry(Point,4326),
	"boundary" geometry(MultiPolygon,4326) NOT NULL,
	"boundary_source" text NOT NULL,
	"population" integer
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" "facility_kind" NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"boundary" geometry(Polygon,4326),
	"building_id" integer,
	"supervising_office_id" integer NOT NULL,
	"operator" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"village_code" text NOT NULL,
	"boundary" geometry(MultiPolygon,4326) NOT NULL,
	CONSTRAINT "grids_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"unit" text NOT NULL,
	"size" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"phone" text,
	"is_head" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_categories" (
	"office_id" integer NOT NULL,
	"category_code" text NOT NULL,
	CONSTRAINT "office_categories_office_id_category_code_pk" PRIMARY KEY("office_id","category_code")
);
--> statement-breakpoint
CREATE TABLE "offices" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "office_kind" NOT NULL,
	"tier" "tier" NOT NULL,
	"division_code" text NOT NULL,
	"parent_id" integer,
	"phone" text,
	CONSTRAINT "offices_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"tier" "tier" NOT NULL,
	"division_code" text,
	"office_id" integer,
	"co_office_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"division_code" text,
	"grid_id" integer,
	"office_id" integer,
	"phone" text,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" integer,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"data" jsonb,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clue_complaints" (
	"clue_id" integer NOT NULL,
	"complaint_id" bigint NOT NULL,
	CONSTRAINT "clue_complaints_clue_id_complaint_id_pk" PRIMARY KEY("clue_id","complaint_id")
);
--> statement-breakpoint
CREATE TABLE "clues" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"score" real DEFAULT 0 NOT NULL,
	"status" "clue_status" DEFAULT 'new' NOT NULL,
	"suspected_office_id" integer,
	"division_code" text,
	"evidence" jsonb,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clues_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "follow_up_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" bigint,
	"building_id" integer,
	"household_id" integer,
	"visitor_user_id" integer NOT NULL,
	"method" "visit_method" NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"visited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"inspector_user_id" integer,
	"sampled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" "spot_check_result" DEFAULT 'pending' NOT NULL,
	"finding" text,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"complaint_id" bigint,
	"office_id" integer NOT NULL,
	"issuing_office_id" integer NOT NULL,
	"issued_by_user_id" integer,
	"reason" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer" text,
	CONSTRAINT "supervision_letters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"is_workday" boolean NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"level" smallint NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"color" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_code" text,
	"tier" "tier",
	"urgency_code" text,
	"dispatch_hours" integer NOT NULL,
	"first_reply_days" integer NOT NULL,
	"resolve_days" integer NOT NULL,
	"working_days" boolean DEFAULT true NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "urgency_grades" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"rank" smallint NOT NULL,
	"color" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_contacts" ADD CONSTRAINT "complaint_contacts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_actor_office_id_offices_id_fk" FOREIGN KEY ("actor_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_urgency_code_urgency_grades_code_fk" FOREIGN KEY ("urgency_code") REFERENCES "public"."urgency_grades"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_county_code_divisions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_town_code_divisions_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_village_code_divisions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_responsible_office_id_offices_id_fk" FOREIGN KEY ("responsible_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_merged_into_id_complaints_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_parent_code_divisions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_village_code_divisions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_categories" ADD CONSTRAINT "office_categories_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_categories" ADD CONSTRAINT "office_categories_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_parent_id_offices_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_complaints" ADD CONSTRAINT "clue_complaints_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_complaints" ADD CONSTRAINT "clue_complaints_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_suspected_office_id_offices_id_fk" FOREIGN KEY ("suspected_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "public"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_inspector_user_id_users_id_fk" FOREIGN KEY ("inspector_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_issuing_office_id_offices_id_fk" FOREIGN KEY ("issuing_office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_letters" ADD CONSTRAINT "supervision_letters_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_code_categories_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_policies" ADD CONSTRAINT "deadline_policies_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_policies" ADD CONSTRAINT "deadline_policies_urgency_code_urgency_grades_code_fk" FOREIGN KEY ("urgency_code") REFERENCES "public"."urgency_grades"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_complaint_idx" ON "attachments" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_events_type_idx" ON "complaint_events" USING btree ("type","created_at");--> statement-breakpoint
CREATE INDEX "complaints_location_gist" ON "complaints" USING gist ("location");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status");--> statement-breakpoint
CREATE INDEX "complaints_kind_idx" ON "complaints" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "complaints_category_idx" ON "complaints" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "complaints_urgency_idx" ON "complaints" USING btree ("urgency_code");--> statement-breakpoint
CREATE INDEX "complaints_office_due_idx" ON "complaints" USING btree ("responsible_office_id","resolve_due_at");--> statement-breakpoint
CREATE INDEX "complaints_submitted_idx" ON "complaints" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "complaints_resolve_due_idx" ON "complaints" USING btree ("resolve_due_at");--> statement-breakpoint
CREATE INDEX "complaints_county_idx" ON "complaints" USING btree ("county_code","submitted_at");--> statement-breakpoint
CREATE INDEX "complaints_town_idx" ON "complaints" USING btree ("town_code","submitted_at");--> statement-breakpoint
CREATE INDEX "complaints_village_idx" ON "complaints" USING btree ("village_code","submitted_at");--> statement-breakpoint
CREATE INDEX "complaints_grid_idx" ON "complaints" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "complaints_building_idx" ON "complaints" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "complaints_facility_idx" ON "complaints" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "complaints_channel_idx" ON "complaints" USING btree ("channel");--> statement-breakpoint
CREATE INDEX "ratings_complaint_idx" ON "ratings" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "ratings_created_idx" ON "ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "buildings_footprint_gist" ON "buildings" USING gist ("footprint");--> statement-breakpoint
CREATE INDEX "buildings_centre_gist" ON "buildings" USING gist ("centre");--> statement-breakpoint
CREATE INDEX "buildings_grid_idx" ON "buildings" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "divisions_boundary_gist" ON "divisions" USING gist ("boundary");--> statement-breakpoint
CREATE INDEX "divisions_centre_gist" ON "divisions" USING gist ("centre");--> statement-breakpoint
CREATE INDEX "divisions_parent_idx" ON "divisions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "divisions_level_idx" ON "divisions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "facilities_location_gist" ON "facilities" USING gist ("location");--> statement-breakpoint
CREATE INDEX "facilities_boundary_gist" ON "facilities" USING gist ("boundary");--> statement-breakpoint
CREATE INDEX "facilities_kind_idx" ON "facilities" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "facilities_office_idx" ON "facilities" USING btree ("supervising_office_id");--> statement-breakpoint
CREATE INDEX "facilities_division_idx" ON "facilities" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "grids_boundary_gist" ON "grids" USING gist ("boundary");--> statement-breakpoint
CREATE INDEX "grids_village_idx" ON "grids" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "households_building_idx" ON "households" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "office_categories_cat_idx" ON "office_categories" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "offices_division_idx" ON "offices" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "offices_kind_tier_idx" ON "offices" USING btree ("kind","tier");--> statement-breakpoint
CREATE INDEX "offices_parent_idx" ON "offices" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "routing_rules_match_idx" ON "routing_rules" USING btree ("category_code","tier","division_code");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "users_office_idx" ON "users" USING btree ("office_id");--> statement-breakpoint
CREATE INDEX "users_grid_idx" ON "users" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "clues_status_idx" ON "clues" USING btree ("status");--> statement-breakpoint
CREATE INDEX "clues_division_idx" ON "clues" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "follow_up_visits_complaint_idx" ON "follow_up_visits" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "follow_up_visits_building_idx" ON "follow_up_visits" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "spot_checks_complaint_idx" ON "spot_checks" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "spot_checks_result_idx" ON "spot_checks" USING btree ("result");--> statement-breakpoint
CREATE INDEX "supervision_letters_office_idx" ON "supervision_letters" USING btree ("office_id","issued_at");--> statement-breakpoint
CREATE INDEX "supervision_letters_complaint_idx" ON "supervision_letters" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "deadline_policies_match_idx" ON "deadline_policies" USING btree ("category_code","tier","urgency_code");