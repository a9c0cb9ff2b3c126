import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Bbox } from '@/db/queries/map';
import { listCells } from '@/db/queries/map-bins';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { cellRange } from './cells';
import type { ComplaintFilter } from './filters';
import { binHexagons, HEX_CELL_LEVEL, HEX_MAX_ZOOM, type Hexagons, hexRadius } from './hexagons';
import { cellsQueryFor, clampToCity } from './read-map-cells.server';

/**
 * Complaint counts per hexagon over the view (lib/map/hexagons.ts), from the level-16 cells of the
 * view grown by one hexagon on every side (so the hexagons on the screen's edge are whole), through
 * the same bins-or-complaints SQL as the square cells. Below zoom 14 only.
 */
export async function readMapHexagons(
  db: DbOrTx,
  input: { user: AuthUser; bbox: Bbox; zoom: number; filter: ComplaintFilter; now: Date },
): Promise<Hexagons> {
  assertCan(input.user, 'map.read');
  if (input.zoom >= HEX_MAX_ZOOM) throw new AppError('VALIDATION', `zoom: hexagons below ${HEX_MAX_ZOOM}`);
  const radius = hexRadius(input.zoom);
  // One hexagon radius in degrees (unit square → degrees of longitude; latitude degrees are smaller here).
  const grow = radius * 360 * 1.05;
  const bbox = clampToCity({
    west: input.bbox.west - grow,
    east: input.bbox.east + grow,
    south: input.bbox.south - grow,
    north: input.bbox.north + grow,
  });
  if (!bbox) return binHexagons([], input.zoom, 'bins');
  const range = cellRange(bbox, HEX_CELL_LEVEL);
  if ((range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1) > 120_000)
    throw new AppError('VALIDATION', 'bbox: too large for hexagons');
  const q = cellsQueryFor({ user: input.user, range, filter: input.filter, now: input.now });
  return binHexagons(await listCells(db, q.sql), input.zoom, q.source);
}
