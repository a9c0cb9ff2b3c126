-- Daily statistics rollups (issue 17): the counted quantities and the handling-time histogram of
-- 0026/0027 per CST day for cities, counties and towns, so that the partial months at either end of a
-- custom range are summed like whole months (villages, a few thousand cases each, read them raw). The
-- triggers of 0027 are replaced by ones that group the signed facts of a statement once per day and
-- write the daily rows and, summed per month from the same grouped rows, the monthly ones: one pass,
-- both tables, each upsert in key order (0014). The month of a fact is the month of its day.
CREATE OR REPLACE FUNCTION complaint_stats_day_facts(c complaints, with_related boolean)
RETURNS TABLE (day date, volume integer, resolved integer, on_time_num integer, on_time_den integer, no_deadline integer, dispatch_num integer, dispatch_den integer, reply_num integer, reply_den integer, return_num integer, return_den integer, reopen_num integer, reopen_den integer, overdue integer, handling_seconds numeric, rating_den integer, rating_num integer, letters_issued integer, letters_answered integer, checks_done integer, checks_passed integer)
LANGUAGE sql STABLE AS $$
  SELECT (f.at AT TIME ZONE 'Asia/Shanghai')::date, f.volume, f.resolved, f.on_time_num, f.on_time_den, f.no_deadline, f.dispatch_num, f.dispatch_den, f.reply_num, f.reply_den, f.return_num, f.return_den, f.reopen_num, f.reopen_den, f.overdue, f.handling_seconds, f.rating_den, f.rating_num, f.letters_issued, f.letters_answered, f.checks_done, f.checks_passed
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
-- The monthly facts are the daily ones by month (one definition of every condition).
CREATE OR REPLACE FUNCTION complaint_stats_facts(c complaints, with_related boolean)
RETURNS TABLE (month date, volume integer, resolved integer, on_time_num integer, on_time_den integer, no_deadline integer, dispatch_num integer, dispatch_den integer, reply_num integer, reply_den integer, return_num integer, return_den integer, reopen_num integer, reopen_den integer, overdue integer, handling_seconds numeric, rating_den integer, rating_num integer, letters_issued integer, letters_answered integer, checks_done integer, checks_passed integer)
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', f.day::timestamp)::date, f.volume, f.resolved, f.on_time_num, f.on_time_den, f.no_deadline, f.dispatch_num, f.dispatch_den, f.reply_num, f.reply_den, f.return_num, f.return_den, f.reopen_num, f.reopen_den, f.overdue, f.handling_seconds, f.rating_den, f.rating_num, f.letters_issued, f.letters_answered, f.checks_done, f.checks_passed
  FROM complaint_stats_day_facts(c, with_related) f
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_complaints() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A new complaint has no ratings, letters or checks yet; a deleted one has none left (no cascades).
  IF TG_OP = 'INSERT' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce((x.c).responsible_office_id, 0) AS office_id, coalesce(left((x.c).category_code, 2), '') AS category, f.day, (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s * f.volume)::integer AS volume, sum(x.s * f.resolved)::integer AS resolved, sum(x.s * f.on_time_num)::integer AS on_time_num, sum(x.s * f.on_time_den)::integer AS on_time_den, sum(x.s * f.no_deadline)::integer AS no_deadline, sum(x.s * f.dispatch_num)::integer AS dispatch_num, sum(x.s * f.dispatch_den)::integer AS dispatch_den, sum(x.s * f.reply_num)::integer AS reply_num, sum(x.s * f.reply_den)::integer AS reply_den, sum(x.s * f.return_num)::integer AS return_num, sum(x.s * f.return_den)::integer AS return_den, sum(x.s * f.reopen_num)::integer AS reopen_num, sum(x.s * f.reopen_den)::integer AS reopen_den, sum(x.s * f.overdue)::integer AS overdue, sum(x.s * f.handling_seconds) AS handling_seconds, sum(x.s * f.rating_den)::integer AS rating_den, sum(x.s * f.rating_num)::integer AS rating_num, sum(x.s * f.letters_issued)::integer AS letters_issued, sum(x.s * f.letters_answered)::integer AS letters_answered, sum(x.s * f.checks_done)::integer AS checks_done, sum(x.s * f.checks_passed)::integer AS checks_passed
    FROM (SELECT 1 AS s, n::complaints AS c, false AS rel FROM new_rows n WHERE n.kind = 'complaint') x
    CROSS JOIN LATERAL complaint_stats_day_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.volume)::integer, sum(g.resolved)::integer, sum(g.on_time_num)::integer, sum(g.on_time_den)::integer, sum(g.no_deadline)::integer, sum(g.dispatch_num)::integer, sum(g.dispatch_den)::integer, sum(g.reply_num)::integer, sum(g.reply_den)::integer, sum(g.return_num)::integer, sum(g.return_den)::integer, sum(g.reopen_num)::integer, sum(g.reopen_den)::integer, sum(g.overdue)::integer, sum(g.handling_seconds), sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.volume) <> 0 OR sum(g.resolved) <> 0 OR sum(g.on_time_num) <> 0 OR sum(g.on_time_den) <> 0 OR sum(g.no_deadline) <> 0 OR sum(g.dispatch_num) <> 0 OR sum(g.dispatch_den) <> 0 OR sum(g.reply_num) <> 0 OR sum(g.reply_den) <> 0 OR sum(g.return_num) <> 0 OR sum(g.return_den) <> 0 OR sum(g.reopen_num) <> 0 OR sum(g.reopen_den) <> 0 OR sum(g.overdue) <> 0 OR sum(g.handling_seconds) <> 0 OR sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.volume, g.resolved, g.on_time_num, g.on_time_den, g.no_deadline, g.dispatch_num, g.dispatch_den, g.reply_num, g.reply_den, g.return_num, g.return_den, g.reopen_num, g.reopen_den, g.overdue, g.handling_seconds, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.volume <> 0 OR g.resolved <> 0 OR g.on_time_num <> 0 OR g.on_time_den <> 0 OR g.no_deadline <> 0 OR g.dispatch_num <> 0 OR g.dispatch_den <> 0 OR g.reply_num <> 0 OR g.reply_den <> 0 OR g.return_num <> 0 OR g.return_den <> 0 OR g.reopen_num <> 0 OR g.reopen_den <> 0 OR g.overdue <> 0 OR g.handling_seconds <> 0 OR g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, ((x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date AS day, floor(x.secs / 3600)::integer AS hour,
      (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s)::integer AS n, sum(x.s * x.secs) AS seconds
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT 1 AS s, n::complaints AS c, false AS rel FROM new_rows n WHERE n.kind = 'complaint') y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
  ), m AS (
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT g.area_code, date_trunc('month', g.day::timestamp)::date, g.hour, sum(g.n)::integer, sum(g.seconds)
    FROM g GROUP BY 1, 2, 3
    HAVING sum(g.n) <> 0 OR sum(g.seconds) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds
  )
  INSERT INTO complaint_stats_daily_durations AS b (area_code, day, hour, n, seconds)
  SELECT g.area_code, g.day, g.hour, g.n, g.seconds FROM g WHERE NOT g.village AND (g.n <> 0 OR g.seconds <> 0)
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  ELSIF TG_OP = 'DELETE' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce((x.c).responsible_office_id, 0) AS office_id, coalesce(left((x.c).category_code, 2), '') AS category, f.day, (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s * f.volume)::integer AS volume, sum(x.s * f.resolved)::integer AS resolved, sum(x.s * f.on_time_num)::integer AS on_time_num, sum(x.s * f.on_time_den)::integer AS on_time_den, sum(x.s * f.no_deadline)::integer AS no_deadline, sum(x.s * f.dispatch_num)::integer AS dispatch_num, sum(x.s * f.dispatch_den)::integer AS dispatch_den, sum(x.s * f.reply_num)::integer AS reply_num, sum(x.s * f.reply_den)::integer AS reply_den, sum(x.s * f.return_num)::integer AS return_num, sum(x.s * f.return_den)::integer AS return_den, sum(x.s * f.reopen_num)::integer AS reopen_num, sum(x.s * f.reopen_den)::integer AS reopen_den, sum(x.s * f.overdue)::integer AS overdue, sum(x.s * f.handling_seconds) AS handling_seconds, sum(x.s * f.rating_den)::integer AS rating_den, sum(x.s * f.rating_num)::integer AS rating_num, sum(x.s * f.letters_issued)::integer AS letters_issued, sum(x.s * f.letters_answered)::integer AS letters_answered, sum(x.s * f.checks_done)::integer AS checks_done, sum(x.s * f.checks_passed)::integer AS checks_passed
    FROM (SELECT -1 AS s, o::complaints AS c, false AS rel FROM old_rows o WHERE o.kind = 'complaint') x
    CROSS JOIN LATERAL complaint_stats_day_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.volume)::integer, sum(g.resolved)::integer, sum(g.on_time_num)::integer, sum(g.on_time_den)::integer, sum(g.no_deadline)::integer, sum(g.dispatch_num)::integer, sum(g.dispatch_den)::integer, sum(g.reply_num)::integer, sum(g.reply_den)::integer, sum(g.return_num)::integer, sum(g.return_den)::integer, sum(g.reopen_num)::integer, sum(g.reopen_den)::integer, sum(g.overdue)::integer, sum(g.handling_seconds), sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.volume) <> 0 OR sum(g.resolved) <> 0 OR sum(g.on_time_num) <> 0 OR sum(g.on_time_den) <> 0 OR sum(g.no_deadline) <> 0 OR sum(g.dispatch_num) <> 0 OR sum(g.dispatch_den) <> 0 OR sum(g.reply_num) <> 0 OR sum(g.reply_den) <> 0 OR sum(g.return_num) <> 0 OR sum(g.return_den) <> 0 OR sum(g.reopen_num) <> 0 OR sum(g.reopen_den) <> 0 OR sum(g.overdue) <> 0 OR sum(g.handling_seconds) <> 0 OR sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.volume, g.resolved, g.on_time_num, g.on_time_den, g.no_deadline, g.dispatch_num, g.dispatch_den, g.reply_num, g.reply_den, g.return_num, g.return_den, g.reopen_num, g.reopen_den, g.overdue, g.handling_seconds, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.volume <> 0 OR g.resolved <> 0 OR g.on_time_num <> 0 OR g.on_time_den <> 0 OR g.no_deadline <> 0 OR g.dispatch_num <> 0 OR g.dispatch_den <> 0 OR g.reply_num <> 0 OR g.reply_den <> 0 OR g.return_num <> 0 OR g.return_den <> 0 OR g.reopen_num <> 0 OR g.reopen_den <> 0 OR g.overdue <> 0 OR g.handling_seconds <> 0 OR g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, ((x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date AS day, floor(x.secs / 3600)::integer AS hour,
      (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s)::integer AS n, sum(x.s * x.secs) AS seconds
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT -1 AS s, o::complaints AS c, false AS rel FROM old_rows o WHERE o.kind = 'complaint') y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
  ), m AS (
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT g.area_code, date_trunc('month', g.day::timestamp)::date, g.hour, sum(g.n)::integer, sum(g.seconds)
    FROM g GROUP BY 1, 2, 3
    HAVING sum(g.n) <> 0 OR sum(g.seconds) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds
  )
  INSERT INTO complaint_stats_daily_durations AS b (area_code, day, hour, n, seconds)
  SELECT g.area_code, g.day, g.hour, g.n, g.seconds FROM g WHERE NOT g.village AND (g.n <> 0 OR g.seconds <> 0)
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  ELSE
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce((x.c).responsible_office_id, 0) AS office_id, coalesce(left((x.c).category_code, 2), '') AS category, f.day, (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s * f.volume)::integer AS volume, sum(x.s * f.resolved)::integer AS resolved, sum(x.s * f.on_time_num)::integer AS on_time_num, sum(x.s * f.on_time_den)::integer AS on_time_den, sum(x.s * f.no_deadline)::integer AS no_deadline, sum(x.s * f.dispatch_num)::integer AS dispatch_num, sum(x.s * f.dispatch_den)::integer AS dispatch_den, sum(x.s * f.reply_num)::integer AS reply_num, sum(x.s * f.reply_den)::integer AS reply_den, sum(x.s * f.return_num)::integer AS return_num, sum(x.s * f.return_den)::integer AS return_den, sum(x.s * f.reopen_num)::integer AS reopen_num, sum(x.s * f.reopen_den)::integer AS reopen_den, sum(x.s * f.overdue)::integer AS overdue, sum(x.s * f.handling_seconds) AS handling_seconds, sum(x.s * f.rating_den)::integer AS rating_den, sum(x.s * f.rating_num)::integer AS rating_num, sum(x.s * f.letters_issued)::integer AS letters_issued, sum(x.s * f.letters_answered)::integer AS letters_answered, sum(x.s * f.checks_done)::integer AS checks_done, sum(x.s * f.checks_passed)::integer AS checks_passed
    FROM (SELECT -1 AS s, o::complaints AS c, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) AS rel FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count) UNION ALL SELECT 1, n::complaints, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count)) x
    CROSS JOIN LATERAL complaint_stats_day_facts(x.c, x.rel) f
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.volume)::integer, sum(g.resolved)::integer, sum(g.on_time_num)::integer, sum(g.on_time_den)::integer, sum(g.no_deadline)::integer, sum(g.dispatch_num)::integer, sum(g.dispatch_den)::integer, sum(g.reply_num)::integer, sum(g.reply_den)::integer, sum(g.return_num)::integer, sum(g.return_den)::integer, sum(g.reopen_num)::integer, sum(g.reopen_den)::integer, sum(g.overdue)::integer, sum(g.handling_seconds), sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.volume) <> 0 OR sum(g.resolved) <> 0 OR sum(g.on_time_num) <> 0 OR sum(g.on_time_den) <> 0 OR sum(g.no_deadline) <> 0 OR sum(g.dispatch_num) <> 0 OR sum(g.dispatch_den) <> 0 OR sum(g.reply_num) <> 0 OR sum(g.reply_den) <> 0 OR sum(g.return_num) <> 0 OR sum(g.return_den) <> 0 OR sum(g.reopen_num) <> 0 OR sum(g.reopen_den) <> 0 OR sum(g.overdue) <> 0 OR sum(g.handling_seconds) <> 0 OR sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.volume, g.resolved, g.on_time_num, g.on_time_den, g.no_deadline, g.dispatch_num, g.dispatch_den, g.reply_num, g.reply_den, g.return_num, g.return_den, g.reopen_num, g.reopen_den, g.overdue, g.handling_seconds, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.volume <> 0 OR g.resolved <> 0 OR g.on_time_num <> 0 OR g.on_time_den <> 0 OR g.no_deadline <> 0 OR g.dispatch_num <> 0 OR g.dispatch_den <> 0 OR g.reply_num <> 0 OR g.reply_den <> 0 OR g.return_num <> 0 OR g.return_den <> 0 OR g.reopen_num <> 0 OR g.reopen_den <> 0 OR g.overdue <> 0 OR g.handling_seconds <> 0 OR g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET volume = b.volume + excluded.volume, resolved = b.resolved + excluded.resolved, on_time_num = b.on_time_num + excluded.on_time_num, on_time_den = b.on_time_den + excluded.on_time_den, no_deadline = b.no_deadline + excluded.no_deadline, dispatch_num = b.dispatch_num + excluded.dispatch_num, dispatch_den = b.dispatch_den + excluded.dispatch_den, reply_num = b.reply_num + excluded.reply_num, reply_den = b.reply_den + excluded.reply_den, return_num = b.return_num + excluded.return_num, return_den = b.return_den + excluded.return_den, reopen_num = b.reopen_num + excluded.reopen_num, reopen_den = b.reopen_den + excluded.reopen_den, overdue = b.overdue + excluded.overdue, handling_seconds = b.handling_seconds + excluded.handling_seconds, rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, ((x.c).resolved_at AT TIME ZONE 'Asia/Shanghai')::date AS day, floor(x.secs / 3600)::integer AS hour,
      (a.code = (x.c).village_code) IS TRUE AS village, sum(x.s)::integer AS n, sum(x.s * x.secs) AS seconds
    FROM (SELECT y.s, y.c, extract(epoch FROM ((y.c).resolved_at - (y.c).submitted_at)) AS secs FROM (SELECT -1 AS s, o::complaints AS c, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) AS rel FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count) UNION ALL SELECT 1, n::complaints, (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind = 'complaint' AND (n.kind, n.county_code, n.town_code, n.village_code, n.responsible_office_id, n.category_code, n.submitted_at, n.resolved_at, n.status, n.resolve_due_at, n.first_replied_at, n.first_reply_due_at, n.dispatched_at, n.dispatch_due_at, n.return_count, n.reopen_count) IS DISTINCT FROM (o.kind, o.county_code, o.town_code, o.village_code, o.responsible_office_id, o.category_code, o.submitted_at, o.resolved_at, o.status, o.resolve_due_at, o.first_replied_at, o.first_reply_due_at, o.dispatched_at, o.dispatch_due_at, o.return_count, o.reopen_count)) y
          WHERE (y.c).resolved_at IS NOT NULL) x
    CROSS JOIN LATERAL unnest(complaint_stats_areas((x.c).county_code, (x.c).town_code, (x.c).village_code)) a(code)
    GROUP BY 1, 2, 3, 4
  ), m AS (
    INSERT INTO complaint_stats_durations AS b (area_code, month, hour, n, seconds)
    SELECT g.area_code, date_trunc('month', g.day::timestamp)::date, g.hour, sum(g.n)::integer, sum(g.seconds)
    FROM g GROUP BY 1, 2, 3
    HAVING sum(g.n) <> 0 OR sum(g.seconds) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds
  )
  INSERT INTO complaint_stats_daily_durations AS b (area_code, day, hour, n, seconds)
  SELECT g.area_code, g.day, g.hour, g.n, g.seconds FROM g WHERE NOT g.village AND (g.n <> 0 OR g.seconds <> 0)
  ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_durations_pk DO UPDATE SET n = b.n + excluded.n, seconds = b.seconds + excluded.seconds;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, r.x AS rating_den, r.y AS rating_num, 0 AS letters_issued, 0 AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.created_at AS at, 1 AS x, (r.level::text IN ('satisfied','basically_satisfied'))::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_supervision_letters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, r.x AS letters_issued, r.y AS letters_answered, 0 AS checks_done, 0 AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.issued_at AS at, 1 AS x, (r.answered_at IS NOT NULL)::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_spot_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM new_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSIF TG_OP = 'DELETE' THEN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT -1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  ELSE
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(c.responsible_office_id, 0) AS office_id, coalesce(left(c.category_code, 2), '') AS category, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = c.village_code) IS TRUE AS village, sum(d.s * d.rating_den)::integer AS rating_den, sum(d.s * d.rating_num)::integer AS rating_num, sum(d.s * d.letters_issued)::integer AS letters_issued, sum(d.s * d.letters_answered)::integer AS letters_answered, sum(d.s * d.checks_done)::integer AS checks_done, sum(d.s * d.checks_passed)::integer AS checks_passed
    FROM (SELECT r.s, r.complaint_id, r.at, 0 AS rating_den, 0 AS rating_num, 0 AS letters_issued, 0 AS letters_answered, r.x AS checks_done, r.y AS checks_passed FROM (SELECT 1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM new_rows r UNION ALL SELECT -1 AS s, r.complaint_id, r.checked_at AS at, (r.result IN ('passed','failed'))::int AS x, (r.result = 'passed')::int AS y FROM old_rows r) r) d
    JOIN complaints c ON c.id = d.complaint_id AND c.kind = 'complaint'
    CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
    WHERE d.at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.rating_den)::integer, sum(g.rating_num)::integer, sum(g.letters_issued)::integer, sum(g.letters_answered)::integer, sum(g.checks_done)::integer, sum(g.checks_passed)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.rating_den) <> 0 OR sum(g.rating_num) <> 0 OR sum(g.letters_issued) <> 0 OR sum(g.letters_answered) <> 0 OR sum(g.checks_done) <> 0 OR sum(g.checks_passed) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT g.area_code, g.day, g.office_id, g.category, g.rating_den, g.rating_num, g.letters_issued, g.letters_answered, g.checks_done, g.checks_passed
  FROM g WHERE NOT g.village AND (g.rating_den <> 0 OR g.rating_num <> 0 OR g.letters_issued <> 0 OR g.letters_answered <> 0 OR g.checks_done <> 0 OR g.checks_passed <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET rating_den = b.rating_den + excluded.rating_den, rating_num = b.rating_num + excluded.rating_num, letters_issued = b.letters_issued + excluded.letters_issued, letters_answered = b.letters_answered + excluded.letters_answered, checks_done = b.checks_done + excluded.checks_done, checks_passed = b.checks_passed + excluded.checks_passed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A returned case's first dispatch is its earliest 'dispatched' event (db/queries/stats.ts FIRST_DISPATCH):
-- a 'dispatched' event appended for such a case may move it (events are append-only: inserts only).
CREATE OR REPLACE FUNCTION complaint_stats_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH g AS MATERIALIZED (
    SELECT a.code AS area_code, coalesce(x.responsible_office_id, 0) AS office_id, coalesce(left(x.category_code, 2), '') AS category, (x.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, (a.code = x.village_code) IS TRUE AS village, sum(x.delta)::integer AS dispatch_num
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
    GROUP BY 1, 2, 3, 4, 5
  ), m AS (
    INSERT INTO complaint_stats_rollups AS b (area_code, office_id, category, month, dispatch_num)
    SELECT g.area_code, g.office_id, g.category, date_trunc('month', g.day::timestamp)::date, sum(g.dispatch_num)::integer
    FROM g GROUP BY 1, 2, 3, 4
    HAVING sum(g.dispatch_num) <> 0
    ORDER BY 1, 4, 2, 3
    ON CONFLICT ON CONSTRAINT complaint_stats_rollups_pk DO UPDATE SET dispatch_num = b.dispatch_num + excluded.dispatch_num
  )
  INSERT INTO complaint_stats_daily AS b (area_code, day, office_id, category, dispatch_num)
  SELECT g.area_code, g.day, g.office_id, g.category, g.dispatch_num
  FROM g WHERE NOT g.village AND (g.dispatch_num <> 0)
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT complaint_stats_daily_pk DO UPDATE SET dispatch_num = b.dispatch_num + excluded.dispatch_num;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION complaint_stats_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_stats_rollups;
  DELETE FROM complaint_stats_durations;
  DELETE FROM complaint_stats_daily;
  DELETE FROM complaint_stats_daily_durations;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- As 0032: counters updated in place keep room on their page.
ALTER TABLE complaint_stats_daily SET (fillfactor = 60);
--> statement-breakpoint
ALTER TABLE complaint_stats_daily_durations SET (fillfactor = 60);
--> statement-breakpoint
INSERT INTO complaint_stats_daily (area_code, day, office_id, category, volume, resolved, on_time_num, on_time_den, no_deadline, dispatch_num, dispatch_den, reply_num, reply_den, return_num, return_den, reopen_num, reopen_den, overdue, handling_seconds, rating_den, rating_num, letters_issued, letters_answered, checks_done, checks_passed)
  SELECT a.code, f.day, coalesce(c.responsible_office_id, 0), coalesce(left(c.category_code, 2), ''), sum(f.volume)::integer, sum(f.resolved)::integer, sum(f.on_time_num)::integer, sum(f.on_time_den)::integer, sum(f.no_deadline)::integer, sum(f.dispatch_num)::integer, sum(f.dispatch_den)::integer, sum(f.reply_num)::integer, sum(f.reply_den)::integer, sum(f.return_num)::integer, sum(f.return_den)::integer, sum(f.reopen_num)::integer, sum(f.reopen_den)::integer, sum(f.overdue)::integer, sum(f.handling_seconds), sum(f.rating_den)::integer, sum(f.rating_num)::integer, sum(f.letters_issued)::integer, sum(f.letters_answered)::integer, sum(f.checks_done)::integer, sum(f.checks_passed)::integer
  FROM complaints c
  CROSS JOIN LATERAL complaint_stats_day_facts(c, true) f
  CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, NULL)) a(code)
  WHERE c.kind = 'complaint'
  GROUP BY 1, 2, 3, 4
  HAVING sum(f.volume) <> 0 OR sum(f.resolved) <> 0 OR sum(f.on_time_num) <> 0 OR sum(f.on_time_den) <> 0 OR sum(f.no_deadline) <> 0 OR sum(f.dispatch_num) <> 0 OR sum(f.dispatch_den) <> 0 OR sum(f.reply_num) <> 0 OR sum(f.reply_den) <> 0 OR sum(f.return_num) <> 0 OR sum(f.return_den) <> 0 OR sum(f.reopen_num) <> 0 OR sum(f.reopen_den) <> 0 OR sum(f.overdue) <> 0 OR sum(f.handling_seconds) <> 0 OR sum(f.rating_den) <> 0 OR sum(f.rating_num) <> 0 OR sum(f.letters_issued) <> 0 OR sum(f.letters_answered) <> 0 OR sum(f.checks_done) <> 0 OR sum(f.checks_passed) <> 0;
--> statement-breakpoint
INSERT INTO complaint_stats_daily_durations (area_code, day, hour, n, seconds)
  SELECT a.code, (c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date,
    floor(extract(epoch FROM (c.resolved_at - c.submitted_at)) / 3600)::integer, count(*)::integer,
    sum(extract(epoch FROM (c.resolved_at - c.submitted_at)))
  FROM complaints c
  CROSS JOIN LATERAL unnest(complaint_stats_areas(c.county_code, c.town_code, NULL)) a(code)
  WHERE c.kind = 'complaint' AND c.resolved_at IS NOT NULL
  GROUP BY 1, 2, 3;
