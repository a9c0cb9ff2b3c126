import { computeEmergingHotspots } from '@/lib/hotspots/compute-emerging.server';
import { toEmergingGeoJson } from '@/lib/hotspots/hotspot-output';
import { emergingQuery, filterOf } from '@/lib/hotspots/hotspot-params';
import { route } from '@/lib/http/route.server';

/** Emerging hot spots over monthly steps, as GeoJSON with each cell's pattern and series. */
export const GET = route(
  { auth: 'session', query: emergingQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  async ({ db, user, query: q }) => {
    const result = await computeEmergingHotspots(db, user, {
      divisionCode: q.division,
      cellSize: q.cellSize,
      months: q.months,
      timeWindow: q.timeWindow,
      band: q.band,
      fdr: q.fdr,
      now: q.asOf && q.asOf < new Date() ? q.asOf : new Date(),
      filter: filterOf(q),
    });
    return toEmergingGeoJson(result);
  },
);
