import { ScatterplotLayer } from '@deck.gl/layers';
import type { HomeMapPoint } from '@/lib/map/map.types';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';

/** Complaints as dots coloured by deadline state (the same three colours everywhere). */
export function complaintPointsLayer(points: readonly HomeMapPoint[], opts: { radiusPixels: number }) {
  return new ScatterplotLayer<HomeMapPoint>({
    id: 'complaint-points',
    data: points,
    getPosition: (d) => [d.lng, d.lat],
    getFillColor: (d) => [...DEADLINE_COLORS[d.deadline], 220],
    getLineColor: [255, 255, 255, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: opts.radiusPixels,
    pickable: true,
    updateTriggers: { getRadius: opts.radiusPixels },
  });
}
