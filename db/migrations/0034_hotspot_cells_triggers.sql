-- Hot-spot cells (issue 17): complaint_hotspot_cells is complaint_hotspot_bins summed over category and
-- status (per CST month × village × town × county × 250 m base cell). At a million complaints the bins
-- hold about one row per complaint; analyses without a category or status filter read the cells, about
-- 6× fewer rows. Kept exact from the bins themselves: statement-level triggers with transition tables
-- on complaint_hotspot_bins move each cell by the change of its bins' counts, one grouped upsert per
-- statement in key order (one global lock order, as 0014_bins_lock_order). A status or category change
-- moves counts between bins of the same cell and leaves the cell untouched (zero deltas are dropped).
CREATE OR REPLACE FUNCTION complaint_hotspot_cells_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_hotspot_cells AS c (month, village_code, town_code, county_code, cx, cy, n)
    SELECT month, village_code, town_code, county_code, cx, cy, sum(n)::integer
    FROM new_bins GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT complaint_hotspot_cells_pk DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_hotspot_cells AS c (month, village_code, town_code, county_code, cx, cy, n)
    SELECT month, village_code, town_code, county_code, cx, cy, -sum(n)::integer
    FROM old_bins GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT complaint_hotspot_cells_pk DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO complaint_hotspot_cells AS c (month, village_code, town_code, county_code, cx, cy, n)
    SELECT month, village_code, town_code, county_code, cx, cy, sum(n)::integer
    FROM (
      SELECT month, village_code, town_code, county_code, cx, cy, n FROM new_bins
      UNION ALL
      SELECT month, village_code, town_code, county_code, cx, cy, -n FROM old_bins
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT complaint_hotspot_cells_pk DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_hotspot_cells_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_hotspot_cells;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaint_hotspot_bins_cells_insert AFTER INSERT ON complaint_hotspot_bins
  REFERENCING NEW TABLE AS new_bins FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_cells_apply();
--> statement-breakpoint
CREATE TRIGGER complaint_hotspot_bins_cells_update AFTER UPDATE ON complaint_hotspot_bins
  REFERENCING OLD TABLE AS old_bins NEW TABLE AS new_bins FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_cells_apply();
--> statement-breakpoint
CREATE TRIGGER complaint_hotspot_bins_cells_delete AFTER DELETE ON complaint_hotspot_bins
  REFERENCING OLD TABLE AS old_bins FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_cells_apply();
--> statement-breakpoint
CREATE TRIGGER complaint_hotspot_bins_cells_truncate AFTER TRUNCATE ON complaint_hotspot_bins
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_hotspot_cells_on_truncate();
--> statement-breakpoint
ALTER TABLE "complaint_hotspot_cells" SET (fillfactor = 60);
--> statement-breakpoint
INSERT INTO complaint_hotspot_cells (month, village_code, town_code, county_code, cx, cy, n)
  SELECT month, village_code, town_code, county_code, cx, cy, sum(n)::integer
  FROM complaint_hotspot_bins GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0;
