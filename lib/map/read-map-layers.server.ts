import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Bbox } from '@/db/queries/map';
import { listComplaintPoints } from '@/db/queries/map-bins';
import { getMapBuildingsGeoJson, listMapFacilities } from '@/db/queries/map-panels';
import { assertCan, buildingScope, complaintMapScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { ComplaintFilter } from './filters';
import type { MapFacilities, MapPoints } from './map.types';

/** Individual complaints are sent from this zoom on, and only up to MAX_POINTS (≈ 1.4 MB). */
export const POINTS_MIN_ZOOM = 14;
export const MAX_POINTS = 12_000;
/** Building footprints from this zoom on. */
export const BUILDINGS_MIN_ZOOM = 14.5;
const MAX_BUILDINGS = 4_000;

function assertSmall(bbox: Bbox, maxDegrees: number) {
  if (bbox.east - bbox.west > maxDegrees || bbox.north - bbox.south > maxDegrees)
    throw new AppError('VALIDATION', 'bbox: too large for this layer');
}

/** Complaint points of a high-zoom view; `truncated` when more than MAX_POINTS match. */
export async function readMapPoints(
  db: DbOrTx,
  input: { user: AuthUser; bbox: Bbox; filter: ComplaintFilter; now: Date },
): Promise<MapPoints> {
  assertCan(input.user, 'map.read');
  assertSmall(input.bbox, 0.25);
  const scope = complaintMapScope(input.user);
  const { total, points } = await listComplaintPoints(db, { ...input, scope, limit: MAX_POINTS });
  // One pass into the columns (12,000 points: no intermediate array per field).
  const out: MapPoints = {
    total,
    truncated: total > points.length,
    id: [],
    lng: [],
    lat: [],
    category: [],
    urgency: [],
    status: [],
    deadline: [],
    buildingId: [],
  };
  for (const p of points) {
    out.id.push(p.id);
    out.lng.push(p.lng);
    out.lat.push(p.lat);
    out.category.push(p.category);
    out.urgency.push(p.urgency);
    out.status.push(p.status);
    out.deadline.push(p.deadline);
    out.buildingId.push(p.buildingId);
  }
  return out;
}

/** Building footprints with complaint counts under the same filter (GeoJSON text of `MapBuildings`). */
export async function readMapBuildings(
  db: DbOrTx,
  input: { user: AuthUser; bbox: Bbox; filter: ComplaintFilter; now: Date },
): Promise<string> {
  assertCan(input.user, 'building.read');
  assertSmall(input.bbox, 0.2);
  return getMapBuildingsGeoJson(db, {
    bbox: input.bbox,
    buildingScope: buildingScope(input.user),
    complaintScope: complaintMapScope(input.user),
    filter: input.filter,
    now: input.now,
    limit: MAX_BUILDINGS,
  });
}

/** Facilities of the view (health centres, schools, markets …). */
export async function readMapFacilities(
  db: DbOrTx,
  input: { user: AuthUser; bbox: Bbox },
): Promise<MapFacilities> {
  assertCan(input.user, 'map.read');
  return { facilities: await listMapFacilities(db, { bbox: input.bbox, limit: 3000 }) };
}
