/**
 * Complaint cells as a Mapbox Vector Tile (spec 2.1), encoded in JavaScript with MapLibre's own
 * encoder (`@maplibre/vt-pbf`): the embedded engine's PostGIS has no ST_AsMVT, so for PGlite the
 * verb aggregates the same cells in SQL and encodes them here. The server engine's ST_AsMVT
 * (db/queries/map-bins.ts `getBinTileMvt`) writes the same two layers with the same properties:
 *   cells      one square polygon per non-empty cell, properties n (count) and w (urgency-weighted)
 *   centroids  one point per cell at the mean position of its complaints, same properties (heatmap)
 * Pure.
 */
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { CellRow } from '@/db/queries/map-bins';

export const TILE_EXTENT = 4096;
const MAX_LAT = 85.0511;

/** Tile-space x/y (0 … extent) of a position in tile (z, x, y). */
function toTile(lng: number, lat: number, z: number, x: number, y: number): [number, number] {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  const wx = ((lng + 180) / 360) * 2 ** z;
  const wy = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 2 ** z;
  return [Math.round((wx - x) * TILE_EXTENT), Math.round((wy - y) * TILE_EXTENT)];
}

/** Encode the cells (level ≥ z, all inside tile z/x/y) as the two-layer tile described above. */
export function encodeCellTile(
  rows: readonly CellRow[],
  tile: { z: number; x: number; y: number; level: number },
): Uint8Array {
  const size = TILE_EXTENT / 2 ** (tile.level - tile.z);
  const cells = rows.map((r) => {
    const x0 = (r.cx - tile.x * 2 ** (tile.level - tile.z)) * size;
    const y0 = (r.cy - tile.y * 2 ** (tile.level - tile.z)) * size;
    return {
      type: 3 as const,
      // Exterior ring clockwise in tile space (y grows down), closed.
      geometry: [
        [
          [x0, y0],
          [x0 + size, y0],
          [x0 + size, y0 + size],
          [x0, y0 + size],
          [x0, y0],
        ],
      ],
      tags: { n: r.n, w: r.w },
    };
  });
  const centroids = rows.map((r) => ({
    type: 1 as const,
    geometry: [toTile(r.lng, r.lat, tile.z, tile.x, tile.y)],
    tags: { n: r.n, w: r.w },
  }));
  return fromGeojsonVt(
    // The encoder reads geometry as geojson-vt's tile features (points: [[x, y]], polygons: rings).
    { cells: { features: cells }, centroids: { features: centroids } } as unknown as Parameters<
      typeof fromGeojsonVt
    >[0],
    { version: 2, extent: TILE_EXTENT },
  );
}
