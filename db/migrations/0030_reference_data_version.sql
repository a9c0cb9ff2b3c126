CREATE TABLE "reference_data_version" (
	"one" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- One row; every statement that writes reference data adds one to it, in its own transaction (so the
-- new count becomes visible exactly when the change commits). App processes compare it with the count
-- their cached reference data was read at instead of reloading that data every few seconds.
ALTER TABLE "reference_data_version" ADD CONSTRAINT "reference_data_version_one" CHECK ("one");
--> statement-breakpoint
INSERT INTO "reference_data_version" ("one", "version") VALUES (true, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reference_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_data_version SET version = version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['routing_rules', 'offices', 'office_categories', 'divisions', 'deadline_policies',
    'calendar_days', 'categories', 'triage_rules', 'facilities', 'settings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION reference_data_changed()', t || '_reference_version', t);
  END LOOP;
END $$;
