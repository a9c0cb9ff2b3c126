import 'server-only';
import type { DbOrTx, Engine } from '@/db/client';
import { getBinTileMvt, listCells } from '@/db/queries/map-bins';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { cellLat, cellLng, cellRange, levelForZoom } from './cells';
import type { ComplaintFilter } from './filters';
import { cellsQueryFor, clampToCity } from './read-map-cells.server';
import { encodeCellTile } from './vector-tile';

/** Cell tiles up to this zoom; from zoom 14 the map shows individual complaints (JSON points). */
export const TILE_MAX_ZOOM = 13;

/**
 * The complaint cells of slippy tile z/x/y as a Mapbox Vector Tile (layers `cells` and `centroids`,
 * see lib/map/vector-tile.ts), at the cell level of zoom z, for the caller's jurisdiction and filter.
 * The same cells as `readMapCells` (bins or raw, same SQL); the server engine encodes with ST_AsMVT,
 * the embedded one in JavaScript. A tile outside the city is empty.
 */
export async function readMapTile(
  db: DbOrTx,
  input: {
    user: AuthUser;
    engine: Engine;
    z: number;
    x: number;
    y: number;
    filter: ComplaintFilter;
    now: Date;
  },
): Promise<Uint8Array> {
  assertCan(input.user, 'map.read');
  const { z, x, y } = input;
  if (!Number.isInteger(z) || z < 0 || z > TILE_MAX_ZOOM)
    throw new AppError('VALIDATION', `z: cell tiles exist for zoom 0–${TILE_MAX_ZOOM}`);
  if (![x, y].every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** z))
    throw new AppError('VALIDATION', 'x, y: outside the tile grid of this zoom');
  const level = levelForZoom(z);
  const bbox = clampToCity({
    west: cellLng(x, z),
    east: cellLng(x + 1, z),
    north: cellLat(y, z),
    south: cellLat(y + 1, z),
  });
  if (!bbox) return new Uint8Array(0);
  // The tile's own cells (level ≥ z: whole cells), trimmed to the city.
  const f = 2 ** (level - z);
  const tileRange = { level, x0: x * f, x1: (x + 1) * f - 1, y0: y * f, y1: (y + 1) * f - 1 };
  const city = cellRange(bbox, level);
  const range = {
    level,
    x0: Math.max(tileRange.x0, city.x0),
    x1: Math.min(tileRange.x1, city.x1),
    y0: Math.max(tileRange.y0, city.y0),
    y1: Math.min(tileRange.y1, city.y1),
  };
  const q = cellsQueryFor({ user: input.user, range, filter: input.filter, now: input.now });
  if (input.engine === 'server') return getBinTileMvt(db, { z, x, y, level, cells: q.sql });
  const rows = await listCells(db, q.sql);
  return rows.length ? encodeCellTile(rows, { z, x, y, level }) : new Uint8Array(0);
}
