CREATE TABLE "complaint_stats_daily" (
	"area_code" text NOT NULL,
	"day" date NOT NULL,
	"office_id" integer NOT NULL,
	"category" text NOT NULL,
	"volume" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"on_time_num" integer DEFAULT 0 NOT NULL,
	"on_time_den" integer DEFAULT 0 NOT NULL,
	"no_deadline" integer DEFAULT 0 NOT NULL,
	"dispatch_num" integer DEFAULT 0 NOT NULL,
	"dispatch_den" integer DEFAULT 0 NOT NULL,
	"reply_num" integer DEFAULT 0 NOT NULL,
	"reply_den" integer DEFAULT 0 NOT NULL,
	"return_num" integer DEFAULT 0 NOT NULL,
	"return_den" integer DEFAULT 0 NOT NULL,
	"reopen_num" integer DEFAULT 0 NOT NULL,
	"reopen_den" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"handling_seconds" numeric DEFAULT '0' NOT NULL,
	"rating_den" integer DEFAULT 0 NOT NULL,
	"rating_num" integer DEFAULT 0 NOT NULL,
	"letters_issued" integer DEFAULT 0 NOT NULL,
	"letters_answered" integer DEFAULT 0 NOT NULL,
	"checks_done" integer DEFAULT 0 NOT NULL,
	"checks_passed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "complaint_stats_daily_pk" PRIMARY KEY("area_code","day","office_id","category")
);
--> statement-breakpoint
CREATE TABLE "complaint_stats_daily_durations" (
	"area_code" text NOT NULL,
	"day" date NOT NULL,
	"hour" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"seconds" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "complaint_stats_daily_durations_pk" PRIMARY KEY("area_code","day","hour")
);
