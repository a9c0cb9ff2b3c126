-- Keep complaint_map_bins exact as complaints arrive and change: statement-level triggers with
-- transition tables turn each INSERT / UPDATE / DELETE statement into one grouped upsert of deltas
-- (a bulk insert of 5,000 complaints is one upsert, not 5,000). Only changes of the binned columns
-- (location, area codes, kind, category, urgency, submission time) move counts; status changes do not.
-- TRUNCATE of complaints empties the bins. Finally the bins are filled from the complaints present.
-- The cell maths (slippy-map tile x/y at zoom = level) is mirrored in lib/map/cells.ts.
CREATE OR REPLACE FUNCTION map_cell_x(lng double precision, level integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT floor((lng + 180.0) / 360.0 * (1 << level))::integer $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION map_cell_y(lat double precision, level integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT floor((1.0 - ln(tan(radians(greatest(-85.0511, least(85.0511, lat))))
    + 1.0 / cos(radians(greatest(-85.0511, least(85.0511, lat))))) / pi()) / 2.0 * (1 << level))::integer $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins AS b
    (level, cx, cy, county_code, town_code, village_code, kind, category, month, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.village_code, d.kind, d.category, d.month,
    sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code,
      coalesce(r.village_code, '') AS village_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT 1 AS s, location, county_code, town_code, village_code, kind, category_code, submitted_at, urgency_code FROM new_rows) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins AS b
    (level, cx, cy, county_code, town_code, village_code, kind, category, month, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.village_code, d.kind, d.category, d.month,
    sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code,
      coalesce(r.village_code, '') AS village_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT -1 AS s, location, county_code, town_code, village_code, kind, category_code, submitted_at, urgency_code FROM old_rows) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins AS b
    (level, cx, cy, county_code, town_code, village_code, kind, category, month, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.village_code, d.kind, d.category, d.month,
    sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code,
      coalesce(r.village_code, '') AS village_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT 1 AS s, n.location, n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.submitted_at, n.urgency_code FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.location::text, n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.submitted_at, n.urgency_code) IS DISTINCT FROM (o.location::text, o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.submitted_at, o.urgency_code)
      UNION ALL
      SELECT -1 AS s, o.location, o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.submitted_at, o.urgency_code FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.location::text, n.county_code, n.town_code, n.village_code, n.kind, n.category_code, n.submitted_at, n.urgency_code) IS DISTINCT FROM (o.location::text, o.county_code, o.town_code, o.village_code, o.kind, o.category_code, o.submitted_at, o.urgency_code)) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_map_bins;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_on_insert();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_on_update();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_on_delete();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_on_truncate();
--> statement-breakpoint
DELETE FROM complaint_map_bins;
--> statement-breakpoint
INSERT INTO complaint_map_bins AS b
    (level, cx, cy, county_code, town_code, village_code, kind, category, month, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.village_code, d.kind, d.category, d.month,
    sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code,
      coalesce(r.village_code, '') AS village_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      date_trunc('month', r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT 1 AS s, location, county_code, town_code, village_code, kind, category_code, submitted_at, urgency_code FROM complaints) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
