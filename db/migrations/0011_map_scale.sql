CREATE TABLE "complaint_map_bins_all" (
	"level" smallint NOT NULL,
	"cx" integer NOT NULL,
	"cy" integer NOT NULL,
	"county_code" text NOT NULL,
	"town_code" text NOT NULL,
	"kind" "complaint_kind" NOT NULL,
	"category" text NOT NULL,
	"n" integer NOT NULL,
	"w" integer NOT NULL,
	"sum_lng" double precision NOT NULL,
	"sum_lat" double precision NOT NULL,
	CONSTRAINT "complaint_map_bins_all_pk" PRIMARY KEY("level","cx","cy","county_code","town_code","kind","category")
);
--> statement-breakpoint
CREATE INDEX "complaints_reported_by_idx" ON "complaints" USING btree ("reported_by_user_id");
--> statement-breakpoint
-- The map at scale (issue 5). (1) complaint_map_bins_all: the bins without month and village,
-- kept exact the same way as complaint_map_bins (statement-level triggers with transition tables, one
-- grouped upsert of deltas per statement); a division's map without a time filter reads ~15× fewer rows.
-- (2) map_cell_key: one bigint per cell (x · 2^level + y), mirrored by cellKey in lib/map/cells.ts;
-- a covering index on the level-16 keys (≈ 550 m cells) lets the high-zoom points read a view's complaints by index-only scan (the
-- rows of a dense view are scattered over the whole heap, in submission order).
-- (3) a partial covering index on open complaints (≈ 5 % of a year's): status and deadline-state
-- filters, which the bins cannot answer, read only those. Its predicate is repeated verbatim by
-- complaintFilterSql (db/queries/map-bins.ts) whenever the filter implies an open complaint.
-- map_cell_key names its callees by schema: PostgreSQL 17 (PGlite) builds indexes with a safe search_path.
CREATE OR REPLACE FUNCTION map_cell_key(lng double precision, lat double precision, level integer) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (public.map_cell_x(lng, level)::bigint << level) + public.map_cell_y(lat, level) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_all_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins_all AS b
    (level, cx, cy, county_code, town_code, kind, category, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.kind, d.category, sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT 1 AS s, location, county_code, town_code, kind, category_code, urgency_code FROM new_rows) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_all_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins_all AS b
    (level, cx, cy, county_code, town_code, kind, category, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.kind, d.category, sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT -1 AS s, location, county_code, town_code, kind, category_code, urgency_code FROM old_rows) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_all_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_map_bins_all AS b
    (level, cx, cy, county_code, town_code, kind, category, n, w, sum_lng, sum_lat)
  SELECT l.level, map_cell_x(d.lng, l.level), map_cell_y(d.lat, l.level), d.county_code, d.town_code,
    d.kind, d.category, sum(d.s)::integer, sum(d.s * d.w)::integer, sum(d.s * d.lng), sum(d.s * d.lat)
  FROM (
    SELECT r.s, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
      coalesce(r.county_code, '') AS county_code, coalesce(r.town_code, '') AS town_code, r.kind,
      coalesce((SELECT coalesce(cat.parent_code, cat.code) FROM categories cat WHERE cat.code = r.category_code), '') AS category,
      CASE r.urgency_code WHEN 'extra_urgent' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END AS w
    FROM (SELECT 1 AS s, n.location, n.county_code, n.town_code, n.kind, n.category_code, n.urgency_code FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.location::text, n.county_code, n.town_code, n.kind, n.category_code, n.urgency_code) IS DISTINCT FROM (o.location::text, o.county_code, o.town_code, o.kind, o.category_code, o.urgency_code)
      UNION ALL
      SELECT -1 AS s, o.location, o.county_code, o.town_code, o.kind, o.category_code, o.urgency_code FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (n.location::text, n.county_code, n.town_code, n.kind, n.category_code, n.urgency_code) IS DISTINCT FROM (o.location::text, o.county_code, o.town_code, o.kind, o.category_code, o.urgency_code)) r
  ) d CROSS JOIN (VALUES (12), (13), (14), (15), (16)) l(level)
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_map_bins_all_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_map_bins_all;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_all_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_all_on_insert();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_all_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_all_on_update();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_all_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_all_on_delete();
--> statement-breakpoint
CREATE TRIGGER complaints_map_bins_all_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_map_bins_all_on_truncate();
--> statement-breakpoint
INSERT INTO complaint_map_bins_all AS b
    (level, cx, cy, county_code, town_code, kind, category, n, w, sum_lng, sum_lat)
  SELECT level, cx, cy, county_code, town_code, kind, category, sum(n)::integer, sum(w)::integer, sum(sum_lng), sum(sum_lat)
  FROM complaint_map_bins GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0;
--> statement-breakpoint
CREATE INDEX complaints_map_cell_idx ON complaints (map_cell_key(ST_X(location), ST_Y(location), 16))
  INCLUDE (id, location, submitted_at, kind, status, category_code, urgency_code, channel, resolve_due_at,
    building_id, county_code, town_code, village_code, grid_id, reported_by_user_id, responsible_office_id, co_office_ids);
--> statement-breakpoint
CREATE INDEX complaints_open_map_idx ON complaints (county_code)
  INCLUDE (id, location, submitted_at, kind, status, category_code, urgency_code, channel, resolve_due_at,
    building_id, town_code, village_code, grid_id, reported_by_user_id, responsible_office_id, co_office_ids)
  WHERE status NOT IN ('resolved', 'closed', 'merged', 'rejected');
