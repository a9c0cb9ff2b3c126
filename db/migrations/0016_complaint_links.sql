CREATE TYPE "public"."link_method" AS ENUM('footprint', 'nearest', 'address', 'reporter', 'name_mention', 'short_name', 'facility_area', 'facility_point', 'kind_nearest', 'staff');--> statement-breakpoint
CREATE TYPE "public"."link_state" AS ENUM('auto', 'confirmed', 'corrected');--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "building_link_method" "link_method";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "building_link_confidence" real;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "building_link_reason" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "building_link_state" "link_state" DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "facility_link_method" "link_method";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "facility_link_confidence" real;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "facility_link_reason" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "facility_link_state" "link_state" DEFAULT 'auto' NOT NULL;