import { computeHotspots } from '@/lib/hotspots/compute-hotspots.server';
import { toHotspotCsv, toHotspotGeoJson } from '@/lib/hotspots/hotspot-output';
import { filterOf, hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { route } from '@/lib/http/route.server';

/** Getis-Ord Gi* hot spots as GeoJSON (default) or CSV, for the filter and cell size asked. */
export const GET = route(
  { auth: 'session', query: hotspotQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  async ({ db, user, query: q }) => {
    const result = await computeHotspots(db, user, {
      divisionCode: q.division,
      cellSize: q.cellSize,
      shape: q.shape,
      fdr: q.fdr,
      band: q.band,
      filter: filterOf(q),
    });
    if (q.format !== 'csv') return toHotspotGeoJson(result);
    return new Response(toHotspotCsv(result), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="hotspots-${result.parameters.divisionCode}.csv"`,
        'cache-control': 'no-store',
      },
    });
  },
);
