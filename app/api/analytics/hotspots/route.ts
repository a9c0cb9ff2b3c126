import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { computeHotspots } from '@/lib/hotspots/compute-hotspots.server';
import { toHotspotCsv, toHotspotGeoJson } from '@/lib/hotspots/hotspot-output';
import { filterOf, hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** Getis-Ord Gi* hot spots as GeoJSON (default) or CSV, for the filter and cell size asked. */
export async function GET(request: Request) {
  try {
    const q = hotspotQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const result = await computeHotspots(await getDb(), user, {
      divisionCode: q.division,
      cellSize: q.cellSize,
      shape: q.shape,
      fdr: q.fdr,
      band: q.band,
      filter: filterOf(q),
    });
    if (q.format === 'csv') {
      return new Response(toHotspotCsv(result), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="hotspots-${result.parameters.divisionCode}.csv"`,
          'cache-control': 'no-store',
        },
      });
    }
    return Response.json(toHotspotGeoJson(result), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
