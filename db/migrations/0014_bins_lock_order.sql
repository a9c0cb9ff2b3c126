-- Concurrent writers of complaints (intake's group commit, several app processes, staff transitions)
-- upsert the same rows of the map and area bins from their statement-level triggers. Unordered, two
-- statements could lock those rows in opposite orders and deadlock (seen at 300 submissions/s). The
-- same functions, now upserting their grouped rows in key order: every statement takes the bins'
-- row locks in one global order, so they queue instead of deadlocking.
CREATE OR REPLACE FUNCTION public.complaint_map_bins_on_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_map_bins_on_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_map_bins_on_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT complaint_map_bins_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_map_bins_all_on_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_map_bins_all_on_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_map_bins_all_on_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT complaint_map_bins_all_pk DO UPDATE SET
    n = b.n + excluded.n, w = b.w + excluded.w,
    sum_lng = b.sum_lng + excluded.sum_lng, sum_lat = b.sum_lat + excluded.sum_lat;
  RETURN NULL;
END $function$

;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.complaint_area_bins_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- TG_OP picks the transition tables: INSERT (+new), DELETE (-old), UPDATE (+new -old of changed rows).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_area_bins AS b (county_code, town_code, village_code, kind, category_code, status, month, n)
    SELECT coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, ''), kind,
      coalesce(category_code, ''), status, date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
      count(*)::integer
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT complaint_area_bins_pk DO UPDATE SET n = b.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_area_bins AS b (county_code, town_code, village_code, kind, category_code, status, month, n)
    SELECT coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, ''), kind,
      coalesce(category_code, ''), status, date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
      -count(*)::integer
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
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
  ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT complaint_area_bins_pk DO UPDATE SET n = b.n + excluded.n;
  END IF;
  RETURN NULL;
END $function$

;
