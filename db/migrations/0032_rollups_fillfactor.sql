-- As 0031 for the bins: the statistics rollups are counters every new complaint updates in place (one
-- row per area level × office × category × month), and their only index is the primary key, so with
-- room left on each page the updates stay on their page (HOT) instead of adding index entries (≈ 26 %
-- HOT before). Applies to pages written from now on; VACUUM FULL applies it to the rest.
ALTER TABLE "complaint_stats_rollups" SET (fillfactor = 60);
--> statement-breakpoint
ALTER TABLE "complaint_stats_durations" SET (fillfactor = 60);
