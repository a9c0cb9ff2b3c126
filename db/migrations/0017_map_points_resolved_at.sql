-- The map's high-zoom points show the deadline state of lib/sla/deadline-state.ts, which tells a late
-- resolution (超期办结: resolved_at after resolve_due_at) from one on time: the covering index of the
-- points query carries resolved_at too, so the points stay an index-only scan.
DROP INDEX IF EXISTS complaints_map_cell_idx;
--> statement-breakpoint
CREATE INDEX complaints_map_cell_idx ON complaints (map_cell_key(ST_X(location), ST_Y(location), 16))
  INCLUDE (id, location, submitted_at, kind, status, category_code, urgency_code, channel, resolve_due_at,
    resolved_at, building_id, county_code, town_code, village_code, grid_id, reported_by_user_id,
    responsible_office_id, co_office_ids);
