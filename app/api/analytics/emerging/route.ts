import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { computeEmergingHotspots } from '@/lib/hotspots/compute-emerging.server';
import { emergingQuery, filterOf } from '@/lib/hotspots/hotspot-params';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** Emerging hot spots over monthly steps, as GeoJSON with each cell's pattern and series. */
export async function GET(request: Request) {
  try {
    const q = emergingQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const result = await computeEmergingHotspots(await getDb(), user, {
      divisionCode: q.division,
      cellSize: q.cellSize,
      months: q.months,
      timeWindow: q.timeWindow,
      band: q.band,
      fdr: q.fdr,
      now: q.asOf && q.asOf < new Date() ? q.asOf : new Date(),
      filter: filterOf(q),
    });
    return Response.json(
      {
        type: 'FeatureCollection',
        parameters: result.parameters,
        features: result.cells.map(({ geometry, ...properties }) => ({
          type: 'Feature',
          id: `${properties.i}:${properties.j}`,
          properties,
          geometry,
        })),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
