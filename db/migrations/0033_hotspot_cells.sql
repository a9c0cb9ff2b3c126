CREATE TABLE "complaint_hotspot_cells" (
	"month" date NOT NULL,
	"village_code" text NOT NULL,
	"town_code" text NOT NULL,
	"county_code" text NOT NULL,
	"cx" integer NOT NULL,
	"cy" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "complaint_hotspot_cells_pk" PRIMARY KEY("month","village_code","town_code","county_code","cx","cy")
);
