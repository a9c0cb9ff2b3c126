CREATE TYPE "public"."import_mode" AS ENUM('history', 'live');--> statement-breakpoint
CREATE TABLE "import_refusals" (
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"reason" text NOT NULL,
	"first_refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_refusals_pk" PRIMARY KEY("source","source_key","reason")
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "imported_as" "import_mode";