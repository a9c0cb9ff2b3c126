-- The map, area and hot-spot bins are counters updated in place by the complaint triggers (each new complaint
-- upserts ten map-bin rows, one per level 12–16 in each of the two map-bin tables, its area bin and its
-- hot-spot bin).
-- Pages filled to 100 % leave no room for the new version of an updated row on its own page, so most
-- updates were not HOT: a new heap tuple elsewhere and a new entry in every index of the table
-- (≈ 11–20 % HOT before). With room left on each page, updates stay on the page and touch no index.
-- Applies to pages written from now on (every new month's bins); VACUUM FULL applies it to the rest.
ALTER TABLE "complaint_map_bins" SET (fillfactor = 60);
--> statement-breakpoint
ALTER TABLE "complaint_map_bins_all" SET (fillfactor = 60);
--> statement-breakpoint
ALTER TABLE "complaint_area_bins" SET (fillfactor = 60);
--> statement-breakpoint
ALTER TABLE "complaint_hotspot_bins" SET (fillfactor = 60);
