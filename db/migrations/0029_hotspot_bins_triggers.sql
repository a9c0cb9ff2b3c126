-- Hot-spot bins (issue 17): complaint_hotspot_bins counts complaints (kind 'complaint' only) per CST
-- submission month × village × town × county × 250 m base cell of location_m (EPSG:4543) × own
-- category × status, kept exact like the map and area bins: statement-level triggers with transition
-- tables, one grouped upsert of deltas per statement, in key order (one global lock order, see
-- 0014_bins_lock_order). Only changes of the binned columns move a count.
CREATE OR REPLACE FUNCTION complaint_hotspot_bins_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_hotspot_bins AS b (month, village_code, town_code, county_code, cx, cy, category_code, status, n)
    SELECT date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(village_code, ''),
      coalesce(town_code, ''), coalesce(county_code, ''), floor(ST_X(location_m) / 250::float8)::integer,
      floor(ST_Y(location_m) / 250::float8)::integer, coalesce(category_code, ''), status, count(*)::integer
    FROM new_rows WHERE kind = 'complaint'
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT complaint_hotspot_bins_pk DO UPDATE SET n = b.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_hotspot_bins AS b (month, village_code, town_code, county_code, cx, cy, category_code, status, n)
    SELECT date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(village_code, ''),
      coalesce(town_code, ''), coalesce(county_code, ''), floor(ST_X(location_m) / 250::float8)::integer,
      floor(ST_Y(location_m) / 250::float8)::integer, coalesce(category_code, ''), status, -count(*)::integer
    FROM old_rows WHERE kind = 'complaint'
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT complaint_hotspot_bins_pk DO UPDATE SET n = b.n + excluded.n;
  ELSE
    INSERT INTO complaint_hotspot_bins AS b (month, village_code, town_code, county_code, cx, cy, category_code, status, n)
    SELECT date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(r.village_code, ''),
      coalesce(r.town_code, ''), coalesce(r.county_code, ''), floor(ST_X(r.location_m) / 250::float8)::integer,
      floor(ST_Y(r.location_m) / 250::float8)::integer, coalesce(r.category_code, ''), r.status, sum(r.s)::integer
    FROM (
      SELECT 1 AS s, n.submitted_at, n.village_code, n.town_code, n.county_code, n.location_m, n.category_code, n.status
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.kind = 'complaint'
        AND (n.kind, n.submitted_at, n.village_code, n.town_code, n.county_code, n.location, n.category_code, n.status)
          IS DISTINCT FROM (o.kind, o.submitted_at, o.village_code, o.town_code, o.county_code, o.location, o.category_code, o.status)
      UNION ALL
      SELECT -1 AS s, o.submitted_at, o.village_code, o.town_code, o.county_code, o.location_m, o.category_code, o.status
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.kind = 'complaint'
        AND (n.kind, n.submitted_at, n.village_code, n.town_code, n.county_code, n.location, n.category_code, n.status)
          IS DISTINCT FROM (o.kind, o.submitted_at, o.village_code, o.town_code, o.county_code, o.location, o.category_code, o.status)
    ) r
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT complaint_hotspot_bins_pk DO UPDATE SET n = b.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_hotspot_bins_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_hotspot_bins;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaints_hotspot_bins_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_hotspot_bins_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_hotspot_bins_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_bins_apply();
--> statement-breakpoint
CREATE TRIGGER complaints_hotspot_bins_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_bins_on_truncate();
--> statement-breakpoint
INSERT INTO complaint_hotspot_bins (month, village_code, town_code, county_code, cx, cy, category_code, status, n)
  SELECT date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(village_code, ''),
    coalesce(town_code, ''), coalesce(county_code, ''), floor(ST_X(location_m) / 250::float8)::integer,
    floor(ST_Y(location_m) / 250::float8)::integer, coalesce(category_code, ''), status, count(*)::integer
  FROM complaints WHERE kind = 'complaint'
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
