CREATE TABLE "complaint_area_bins" (
	"county_code" text NOT NULL,
	"town_code" text NOT NULL,
	"village_code" text NOT NULL,
	"kind" "complaint_kind" NOT NULL,
	"category_code" text NOT NULL,
	"status" "complaint_status" NOT NULL,
	"month" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "complaint_area_bins_pk" PRIMARY KEY("county_code","town_code","village_code","kind","category_code","status","month")
);
--> statement-breakpoint
CREATE INDEX "complaint_area_bins_town_idx" ON "complaint_area_bins" USING btree ("town_code");--> statement-breakpoint
CREATE INDEX "complaint_area_bins_village_idx" ON "complaint_area_bins" USING btree ("village_code");--> statement-breakpoint
-- The map's area panel at scale (issue 5): complaint_area_bins counts complaints per county × town ×
-- village × kind × own category × status × submission month, kept exact like the map bins
-- (statement-level triggers with transition tables, one grouped upsert of deltas per statement).
-- Unlike the map bins a status change moves a count (only changes of the binned columns do).
CREATE OR REPLACE FUNCTION complaint_area_bins_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_OP picks the transition tables: INSERT (+new), DELETE (-old), UPDATE (+new -old of changed rows).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_area_bins AS b (county_code, town_code, village_code, kind, category_code, status, month, n)
    SELECT coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, ''), kind,
      coalesce(category_code, ''), status, date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
      count(*)::integer
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT complaint_area_bins_pk DO UPDATE SET n = b.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_area_bins AS b (county_code, town_code, village_code, kind, category_code, status, month, n)
    SELECT coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, ''), kind,
      coalesce(category_code, ''), status, date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
      -count(*)::integer
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT complaint_area_bins_pk DO UPDATE SET n = b.n + excluded.n;
  ELSE
    INSERT INTO complaint_area_bins AS b (county_code, town_code, village_code, kind, category_code, status, month, n)
    SELECT coalesce(r.county_code, ''), coalesce(r.town_code, ''), coalesce(r.village_code, ''), r.kind,
      coalesce(r.category_code, ''), r.status, date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
      sum(r.s)::integer
    FROM (
      SELECT 1 AS s, n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.status, n.submitted_at
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.status, n.submitted_at)
        IS DISTINCT FROM (o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.status, o.submitted_at)
      UNION ALL
      SELECT -1 AS s, o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.status, o.submitted_at
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.status, n.submitted_at)
        IS DISTINCT FROM (o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.status, o.submitted_at)
    ) r GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT complaint_area_bins_pk DO UPDATE SET n = b.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_area_bins_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_area_bins;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaints_area_bins_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_area_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_area_bins_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_area_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_area_bins_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_area_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_area_bins_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_area_bins_on_truncate();
--> statement-breakpoint
INSERT INTO complaint_area_bins (county_code, town_code, village_code, kind, category_code, status, month, n)
  SELECT coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, ''), kind,
    coalesce(category_code, ''), status, date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
    count(*)::integer
  FROM complaints GROUP BY 1, 2, 3, 4, 5, 6, 7;
