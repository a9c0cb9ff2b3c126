-- Statistics rollups (issue 17), kept exact like the map and area bins: statement-level triggers with
-- transition tables apply facts(after) - facts(before) of the rows a statement changed, grouped and
-- upserted in key order (0014: one lock order, no deadlocks). The facts of a complaint mirror
-- db/queries/stats.ts condition for condition, each placed in the CST month of its own date; the
-- deadline-dependent ones (on-time and first-reply denominators of open cases, dispatch denominator
-- of undispatched cases, overdue) are stored as if every deadline had passed, and readers subtract the
-- cases whose deadline is still ahead of "now" (small: found through the due-date indexes below).
-- Only kind = 'complaint' is counted (no statistic shows misconduct reports).
CREATE OR REPLACE FUNCTION complaint_stats_areas(county text, town text, village text) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT array_remove(array[(SELECT d.parent_code FROM divisions d WHERE d.code = county), county, town, village], NULL)
$$;
--> statement-breakpoint
-- One row per placing date of the complaint (and, when `related`, per rating, letter and spot check).
CREATE OR REPLACE FUNCTION complaint_stats_facts(c complaints, with_related boolean)
RETURNS TABLE (month date, volume integer, resolved integer, on_time_num integer, on_time_den integer, no_deadline integer, dispatch_num integer, dispatch_den integer, reply_num integer, reply_den integer, return_num integer, return_den integer, reopen_num integer, reopen_den integer, overdue integer, handling_seconds numeric, rating_den integer, rating_num integer, letters_issued integer, letters_answered integer, checks_done integer, checks_passed integer)
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', f.at AT TIME ZONE 'Asia/Shanghai')::date, f.volume, f.resolved, f.on_time_num, f.on_time_den, f.no_deadline, f.dispatch_num, f.dispatch_den, f.reply_num, f.reply_den, f.return_num, f.return_den, f.reopen_num, f.reopen_den, f.overdue, f.handling_seconds, f.rating_den, f.rating_num, f.letters_issued, f.letters_answered, f.checks_done, f.checks_passed
  FROM (
    SELECT c.submitted_at AS at, 1 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, coalesce((CASE WHEN c.return_count > 0 THEN coalesce((SELECT min(e.created_at) FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'dispatched'), c.dispatched_at) ELSE c.dispatched_at END) <= c.dispatch_due_at, false)::int AS dispatch_num, (c.dispatched_at IS NOT NULL OR (c.status NOT IN ('merged','rejected') AND c.dispatch_due_at IS NOT NULL))::int AS dispatch_den, 0 AS reply_num, 0 AS reply_den, (c.return_count > 0)::int AS return_num, (c.dispatched_at IS NOT NULL)::int AS return_den, (c.status NOT IN ('merged','rejected') AND c.reopen_count > 0)::int AS reopen_num, (c.status NOT IN ('merged','rejected') AND (c.resolved_at IS NOT NULL OR c.reopen_count > 0))::int AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    WHERE c.submitted_at IS NOT NULL
    UNION ALL
    SELECT c.resolved_at AS at, 0 AS volume, 1 AS resolved, coalesce(c.resolved_at <= c.resolve_due_at, false)::int AS on_time_num, (c.resolve_due_at IS NOT NULL)::int AS on_time_den, (c.resolve_due_at IS NULL AND c.status IN ('resolved','closed'))::int AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 0 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, extract(epoch FROM (c.resolved_at - c.submitted_at)) AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    WHERE c.resolved_at IS NOT NULL
    UNION ALL
    SELECT c.resolve_due_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, (c.resolved_at IS NULL AND c.status IN ('received','triaged','dispatched','accepted','in_progress','reopened','returned','transferred','escalated'))::int AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 0 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, (c.status NOT IN ('merged','rejected') AND (c.resolved_at IS NULL OR c.resolved_at > c.resolve_due_at))::int AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    WHERE c.resolve_due_at IS NOT NULL
    UNION ALL
    SELECT c.first_replied_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, coalesce(c.first_replied_at <= c.first_reply_due_at, false)::int AS reply_num, 1 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    WHERE c.first_replied_at IS NOT NULL
    UNION ALL
    SELECT c.first_reply_due_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 1 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    WHERE c.first_replied_at IS NULL AND c.status IN ('received','triaged','dispatched','accepted','in_progress','reopened','returned','transferred','escalated') AND c.first_reply_due_at IS NOT NULL
    UNION ALL
    SELECT r.created_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 0 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 1 AS rating_den, (r.level::text IN ('satisfied','basically_satisfied'))::int AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    FROM ratings r WHERE with_related AND r.complaint_id = c.id
    UNION ALL
    SELECT l.issued_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 0 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 1 AS letters_issued, (l.answered_at IS NOT NULL)::int AS letters_answered, 0 AS checks_done, 0 AS checks_passed
    FROM supervision_letters l WHERE with_related AND l.complaint_id = c.id
    UNION ALL
    SELECT k.checked_at AS at, 0 AS volume, 0 AS resolved, 0 AS on_time_num, 0 AS on_time_den, 0 AS no_deadline, 0 AS dispatch_num, 0 AS dispatch_den, 0 AS reply_num, 0 AS reply_den, 0 AS return_num, 0 AS return_den, 0 AS reopen_num, 0 AS reopen_den, 0 AS overdue, 0::numeric AS handling_seconds, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, (k.result IN ('passed','failed'))::int AS checks_done, (k.result = 'passed')::int AS checks_passed
    FROM spot_checks k WHERE with_related AND k.complaint_id = c.id AND k.checked_at IS NOT NULL
  ) f
  WHERE c.kind = 'complaint'
$$;
--> statement-breakpoint
-- Each branch applies its signed rows (+1 after, -1 before; `rel`: also move the rows' ratings, letters
-- and checks, when the key changed) with the same two grouped upserts.
CREATE OR REPLACE FUNCTION complaint_stats_on_complaints() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new complaint has no ratings, letters or checks yet; a deleted one has none left (no cascades).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce((x.c).responsible_office_id, 0), coalesce(left((x.c).category_code, 2), ''), f.month, sum(x.s * f.volume)::integer, sum(x.s * f.resolved)::integer, sum(x.s * f.on_time_num)::integer, sum(x.s * f.on_time_den)::integer, sum(x.s * f.no_deadline)::integer, sum(x.s * f.dispatch_num)::integer, sum(x.s * f.dispatch_den)::integer, sum(x.s * f.reply_num)::integer, sum(x.s * f.reply_den)::integer, sum(x.s * f.return_num)::integer, sum(x.s * f.return_den)::integer, sum(x.s * f.reopen_num)::integer, sum(x.s * f.reopen_den)::integer, sum(x.s * f.overdue)::integer, sum(x.s * f.handling_seconds), sum(x.s * f.rating_den)::integer, sum(x.s * f.rating_num)::integer, sum(x.s * f.letters_issued)::integer, sum(x.s * f.letters_answered)::integer, sum(x.s * f.checks_done)::integer, sum(x.s * f.checks_passed)::integer
    FROM (SELECT 1 AS s, n::complaints AS c, false AS rel FROM new_rows n WHERE n.kind = 'complaint') x
    CROSS JOIN LATERAL complaint_stats_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.s * f.volume) <> 0 OR sum(x.s * f.resolved) <> 0 OR sum(x.s * f.on_time_num) <> 0 OR sum(x.s * f.on_time_den) <> 0 OR sum(x.s * f.no_deadline) <> 0 OR sum(x.s * f.dispatch_num) <> 0 OR sum(x.s * f.dispatch_den) <> 0 OR sum(x.s * f.reply_num) <> 0 OR sum(x.s * f.reply_den) <> 0 OR sum(x.s * f.return_num) <> 0 OR sum(x.s * f.return_den) <> 0 OR sum(x.s * f.reopen_num) <> 0 OR sum(x.s * f.reopen_den) <> 0 OR sum(x.s * f.overdue) <> 0 OR sum(x.s * f.handling_seconds) <> 0 OR sum(x.s * f.rating_den) <> 0 OR sum(x.s * f.rating_num) <> 0 OR sum(x.s * f.letters_issued) <> 0 OR sum(x.s * f.letters_answered) <> 0 OR sum(x.s * f.checks_done) <> 0 OR sum(x.s * f.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT a.code, date_trunc('month', (x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date,
      floor(x.secs / 3600)::integer, sum(x.s)::integer, sum(x.s * x.secs)
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT 1 AS s, n::complaints AS c, false AS rel FROM new_rows n WHERE n.kind = 'complaint') y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3
    HAVING sum(x.s) <> 0 OR sum(x.s * x.secs) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce((x.c).responsible_office_id, 0), coalesce(left((x.c).category_code, 2), ''), f.month, sum(x.s * f.volume)::integer, sum(x.s * f.resolved)::integer, sum(x.s * f.on_time_num)::integer, sum(x.s * f.on_time_den)::integer, sum(x.s * f.no_deadline)::integer, sum(x.s * f.dispatch_num)::integer, sum(x.s * f.dispatch_den)::integer, sum(x.s * f.reply_num)::integer, sum(x.s * f.reply_den)::integer, sum(x.s * f.return_num)::integer, sum(x.s * f.return_den)::integer, sum(x.s * f.reopen_num)::integer, sum(x.s * f.reopen_den)::integer, sum(x.s * f.overdue)::integer, sum(x.s * f.handling_seconds), sum(x.s * f.rating_den)::integer, sum(x.s * f.rating_num)::integer, sum(x.s * f.letters_issued)::integer, sum(x.s * f.letters_answered)::integer, sum(x.s * f.checks_done)::integer, sum(x.s * f.checks_passed)::integer
    FROM (SELECT -1 AS s, o::complaints AS c, false AS rel FROM old_rows o WHERE o.kind = 'complaint') x
    CROSS JOIN LATERAL complaint_stats_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.s * f.volume) <> 0 OR sum(x.s * f.resolved) <> 0 OR sum(x.s * f.on_time_num) <> 0 OR sum(x.s * f.on_time_den) <> 0 OR sum(x.s * f.no_deadline) <> 0 OR sum(x.s * f.dispatch_num) <> 0 OR sum(x.s * f.dispatch_den) <> 0 OR sum(x.s * f.reply_num) <> 0 OR sum(x.s * f.reply_den) <> 0 OR sum(x.s * f.return_num) <> 0 OR sum(x.s * f.return_den) <> 0 OR sum(x.s * f.reopen_num) <> 0 OR sum(x.s * f.reopen_den) <> 0 OR sum(x.s * f.overdue) <> 0 OR sum(x.s * f.handling_seconds) <> 0 OR sum(x.s * f.rating_den) <> 0 OR sum(x.s * f.rating_num) <> 0 OR sum(x.s * f.letters_issued) <> 0 OR sum(x.s * f.letters_answered) <> 0 OR sum(x.s * f.checks_done) <> 0 OR sum(x.s * f.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT a.code, date_trunc('month', (x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date,
      floor(x.secs / 3600)::integer, sum(x.s)::integer, sum(x.s * x.secs)
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT -1 AS s, o::complaints AS c, false AS rel FROM old_rows o WHERE o.kind = 'complaint') y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3
    HAVING sum(x.s) <> 0 OR sum(x.s * x.secs) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  ELSE
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce((x.c).responsible_office_id, 0), coalesce(left((x.c).category_code, 2), ''), f.month, sum(x.s * f.volume)::integer, sum(x.s * f.resolved)::integer, sum(x.s * f.on_time_num)::integer, sum(x.s * f.on_time_den)::integer, sum(x.s * f.no_deadline)::integer, sum(x.s * f.dispatch_num)::integer, sum(x.s * f.dispatch_den)::integer, sum(x.s * f.reply_num)::integer, sum(x.s * f.reply_den)::integer, sum(x.s * f.return_num)::integer, sum(x.s * f.return_den)::integer, sum(x.s * f.reopen_num)::integer, sum(x.s * f.reopen_den)::integer, sum(x.s * f.overdue)::integer, sum(x.s * f.handling_seconds), sum(x.s * f.rating_den)::integer, sum(x.s * f.rating_num)::integer, sum(x.s * f.letters_issued)::integer, sum(x.s * f.letters_answered)::integer, sum(x.s * f.checks_done)::integer, sum(x.s * f.checks_passed)::integer
    FROM (SELECT -1 AS s, o::complaints AS c, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) AS rel FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count) UNION ALL SELECT 1, n::complaints, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count)) x
    CROSS JOIN LATERAL complaint_stats_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.s * f.volume) <> 0 OR sum(x.s * f.resolved) <> 0 OR sum(x.s * f.on_time_num) <> 0 OR sum(x.s * f.on_time_den) <> 0 OR sum(x.s * f.no_deadline) <> 0 OR sum(x.s * f.dispatch_num) <> 0 OR sum(x.s * f.dispatch_den) <> 0 OR sum(x.s * f.reply_num) <> 0 OR sum(x.s * f.reply_den) <> 0 OR sum(x.s * f.return_num) <> 0 OR sum(x.s * f.return_den) <> 0 OR sum(x.s * f.reopen_num) <> 0 OR sum(x.s * f.reopen_den) <> 0 OR sum(x.s * f.overdue) <> 0 OR sum(x.s * f.handling_seconds) <> 0 OR sum(x.s * f.rating_den) <> 0 OR sum(x.s * f.rating_num) <> 0 OR sum(x.s * f.letters_issued) <> 0 OR sum(x.s * f.letters_answered) <> 0 OR sum(x.s * f.checks_done) <> 0 OR sum(x.s * f.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT a.code, date_trunc('month', (x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date,
      floor(x.secs / 3600)::integer, sum(x.s)::integer, sum(x.s * x.secs)
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT -1 AS s, o::complaints AS c, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) AS rel FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count) UNION ALL SELECT 1, n::complaints, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count)) y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3
    HAVING sum(x.s) <> 0 OR sum(x.s * x.secs) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_supervision_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_spot_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''),
      date_trunc('month', d.at AT TIME ZONE 'Asia/Shanghai')::date, sum(d.s * d.rating_den)::integer, sum(d.s * d.rating_num)::integer, sum(d.s * d.letters_issued)::integer, sum(d.s * d.letters_answered)::integer, sum(d.s * d.checks_done)::integer, sum(d.s * d.checks_passed)::integer
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.s * d.rating_den) <> 0 OR sum(d.s * d.rating_num) <> 0 OR sum(d.s * d.letters_issued) <> 0 OR sum(d.s * d.letters_answered) <> 0 OR sum(d.s * d.checks_done) <> 0 OR sum(d.s * d.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A returned case's first dispatch is its earliest 'dispatched' event (db/queries/stats.ts FIRST_DISPATCH):
-- a 'dispatched' event appended for such a case may move it (events are append-only: inserts only).
CREATE OR REPLACE FUNCTION complaint_stats_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, dispatch_num)
  SELECT a.code, coalesce(x.responsible_office_id, 0), coalesce(left(x.category_code, 2), ''),
    date_trunc('month', x.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, sum(x.delta)::integer
  FROM (
    SELECT c.*,
      coalesce(coalesce((SELECT min(e.created_at) FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type = 'dispatched'), c.dispatched_at) <= c.dispatch_due_at, false)::int
      - coalesce(coalesce((SELECT min(e.created_at) FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type = 'dispatched' AND e.id NOT IN (SELECT id FROM new_rows)),
          c.dispatched_at) <= c.dispatch_due_at, false)::int AS delta
    FROM complaints c
    WHERE c.id IN (SELECT complaint_id FROM new_rows WHERE type = 'dispatched')
      AND c.return_count > 0 AND c.kind = 'complaint' AND c.submitted_at IS NOT NULL
  ) x
  CROSS JOIN LATERAL unnest(complaint_stats_areas(x.county_code, x.town_code, x.village_code)) a(code)
  GROUP BY 1, 2, 3, 4
  HAVING sum(x.delta) <> 0
  ORDER BY 1, 4, 2, 3
  ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET dispatch_num = b.dispatch_num + excluded.dispatch_num;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_stats_rollups;
  DELETE FROM complaint_stats_durations;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER complaints_stats_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_complaints();
--> statement-breakpoint
CREATE TRIGGER ratings_stats_insert AFTER INSERT ON ratings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_ratings();
--> statement-breakpoint
CREATE TRIGGER supervision_letters_stats_insert AFTER INSERT ON supervision_letters
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_supervision_letters();
--> statement-breakpoint
CREATE TRIGGER spot_checks_stats_insert AFTER INSERT ON spot_checks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_spot_checks();
--> statement-breakpoint
CREATE TRIGGER complaints_stats_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_complaints();
--> statement-breakpoint
CREATE TRIGGER ratings_stats_update AFTER UPDATE ON ratings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_ratings();
--> statement-breakpoint
CREATE TRIGGER supervision_letters_stats_update AFTER UPDATE ON supervision_letters
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_supervision_letters();
--> statement-breakpoint
CREATE TRIGGER spot_checks_stats_update AFTER UPDATE ON spot_checks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_spot_checks();
--> statement-breakpoint
CREATE TRIGGER complaints_stats_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_complaints();
--> statement-breakpoint
CREATE TRIGGER ratings_stats_delete AFTER DELETE ON ratings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_ratings();
--> statement-breakpoint
CREATE TRIGGER supervision_letters_stats_delete AFTER DELETE ON supervision_letters
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_supervision_letters();
--> statement-breakpoint
CREATE TRIGGER spot_checks_stats_delete AFTER DELETE ON spot_checks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_spot_checks();
--> statement-breakpoint
CREATE TRIGGER complaint_events_stats_insert AFTER INSERT ON complaint_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_events();
--> statement-breakpoint
CREATE TRIGGER complaints_stats_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_stats_on_truncate();
--> statement-breakpoint
-- The readers' corrections find cases whose deadline is still ahead through these (small) indexes.
CREATE INDEX complaints_reply_due_open_idx ON complaints (first_reply_due_at) WHERE first_replied_at IS NULL;
--> statement-breakpoint
CREATE INDEX complaints_dispatch_due_open_idx ON complaints (dispatch_due_at) WHERE dispatched_at IS NULL;
--> statement-breakpoint
CREATE INDEX complaints_resolve_due_open_idx ON complaints (resolve_due_at)
  INCLUDE (county_code, town_code, village_code, kind, status, resolved_at, responsible_office_id, category_code)
  WHERE resolved_at IS NULL OR resolved_at > resolve_due_at;
--> statement-breakpoint
INSERT INTO complaint_stats_rollups (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT a.code, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''), f.month, sum(f.volume)::integer, sum(f.resolved)::integer, sum(f.on_time_num)::integer, sum(f.on_time_den)::integer, sum(f.no_deadline)::integer, sum(f.dispatch_num)::integer, sum(f.dispatch_den)::integer, sum(f.reply_num)::integer, sum(f.reply_den)::integer, sum(f.return_num)::integer, sum(f.return_den)::integer, sum(f.reopen_num)::integer, sum(f.reopen_den)::integer, sum(f.overdue)::integer, sum(f.handling_seconds), sum(f.rating_den)::integer, sum(f.rating_num)::integer, sum(f.letters_issued)::integer, sum(f.letters_answered)::integer, sum(f.checks_done)::integer, sum(f.checks_passed)::integer
  FROM complaints c
  CROSS JOIN LATERAL complaint_stats_facts(c, true) f
  CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
  WHERE c.kind = 'complaint'
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO complaint_stats_durations (area_code, month, hour, n, seconds)
  SELECT a.code, date_trunc('month', c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date,
    floor(extract(epoch FROM (c.resolved_at - c.submitted_at)) / 3600)::integer, count(*)::integer,
    sum(extract(epoch FROM (c.resolved_at - c.submitted_at)))
  FROM complaints c
  CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
  WHERE c.kind = 'complaint' AND c.resolved_at IS NOT NULL
  GROUP BY 1, 2, 3;
