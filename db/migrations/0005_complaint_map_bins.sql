CREATE TABLE "complaint_map_bins" (
	"level" smallint NOT NULL,
	"cx" integer NOT NULL,
	"cy" integer NOT NULL,
	"county_code" text NOT NULL,
	"town_code" text NOT NULL,
	"village_code" text NOT NULL,
	"kind" "complaint_kind" NOT NULL,
	"category" text NOT NULL,
	"month" date NOT NULL,
	"n" integer NOT NULL,
	"w" integer NOT NULL,
	"sum_lng" double precision NOT NULL,
	"sum_lat" double precision NOT NULL,
	CONSTRAINT "complaint_map_bins_pk" PRIMARY KEY("level","cx","cy","county_code","town_code","village_code","kind","category","month")
);
--> statement-breakpoint
CREATE INDEX "complaint_map_bins_county_idx" ON "complaint_map_bins" USING btree ("county_code","level","month");--> statement-breakpoint
CREATE INDEX "complaint_map_bins_town_idx" ON "complaint_map_bins" USING btree ("town_code","level");