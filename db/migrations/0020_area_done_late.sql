-- The area panel counts late resolutions (超期办结) apart from the bins' closed counts: a partial index
-- of them (a small share of the closed complaints) keeps that count an index-only scan per county.
CREATE INDEX complaints_done_late_idx ON complaints (county_code)
  INCLUDE (id, location, town_code, village_code, grid_id, kind, category_code, urgency_code, channel, submitted_at,
    responsible_office_id, reported_by_user_id, co_office_ids, status, resolve_due_at, resolved_at)
  WHERE status IN ('resolved', 'closed') AND resolved_at > resolve_due_at;
