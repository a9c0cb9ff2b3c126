import { ScatterplotLayer } from '@deck.gl/layers';
import { DEADLINE_COLORS, type DeadlineState } from '@/lib/sla/deadline-state';

export interface ComplaintPoint {
  id: number;
  lng: number;
  lat: number;
  category: string | null;
  status: string;
  deadline: DeadlineState;
}

/** Complaints as dots coloured by deadline state (the same three colours everywhere). */
export function complaintPointsLayer(points: readonly ComplaintPoint[], opts: { radiusPixels: number }) {
  return new ScatterplotLayer<ComplaintPoint>({
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
