import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Bbox } from '@/db/queries/map';
import { binCellsSql, listCells, rawCellsSql } from '@/db/queries/map-bins';
import { assertCan, complaintBinScope, complaintMapScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type CellRange, cellRange, levelForZoom, rangeBbox } from './cells';
import { binsCanAnswer, type ComplaintFilter } from './filters';
import type { MapCells } from './map.types';
import { CITY_BOUNDS } from './params';

/** More cells than a screen can show means a malformed request. */
const MAX_CELLS = 60_000;

export function clampToCity(b: Bbox): Bbox | null {
  const c = {
    west: Math.max(b.west, CITY_BOUNDS.west),
    south: Math.max(b.south, CITY_BOUNDS.south),
    east: Math.min(b.east, CITY_BOUNDS.east),
    north: Math.min(b.north, CITY_BOUNDS.north),
  };
  return c.west < c.east && c.south < c.north ? c : null;
}

/** The SQL of one cell range for this caller and filter, and which path answers it. */
export function cellsQueryFor(input: {
  user: AuthUser;
  range: CellRange;
  filter: ComplaintFilter;
  now: Date;
}) {
  const binScope = complaintBinScope(input.user);
  if (binScope && binsCanAnswer(input.filter))
    return {
      source: 'bins' as const,
      sql: binCellsSql({
        range: input.range,
        filter: input.filter,
        scope: binScope,
        // The month-free bins have no village column: a village's scope reads the monthly bins.
        monthFree:
          input.user.jurisdiction.kind === 'division' && input.user.jurisdiction.divisionLevel !== 'village',
      }),
    };
  return {
    source: 'raw' as const,
    sql: rawCellsSql({
      range: input.range,
      bbox: rangeBbox(input.range),
      filter: input.filter,
      scope: complaintMapScope(input.user),
      now: input.now,
    }),
  };
}

/**
 * Complaint counts per square cell over the view (heatmap, cell and cluster layers), at the cell
 * level of the zoom. Misconduct reports never count; the caller's jurisdiction always applies.
 */
export async function readMapCells(
  db: DbOrTx,
  input: { user: AuthUser; bbox: Bbox; zoom: number; filter: ComplaintFilter; now: Date; level?: number },
): Promise<MapCells> {
  assertCan(input.user, 'map.read');
  const level = input.level ?? levelForZoom(input.zoom);
  const out: MapCells = { level, source: 'bins', total: 0, cx: [], cy: [], n: [], w: [], lng: [], lat: [] };
  const bbox = clampToCity(input.bbox);
  if (!bbox) return out;
  const range = cellRange(bbox, level);
  if ((range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1) > MAX_CELLS)
    throw new AppError('VALIDATION', 'bbox: too many cells for this zoom');
  const q = cellsQueryFor({ user: input.user, range, filter: input.filter, now: input.now });
  out.source = q.source;
  for (const r of await listCells(db, q.sql)) {
    out.cx.push(r.cx);
    out.cy.push(r.cy);
    out.n.push(r.n);
    out.w.push(r.w);
    out.lng.push(Math.round(r.lng * 1e5) / 1e5);
    out.lat.push(Math.round(r.lat * 1e5) / 1e5);
    out.total += r.n;
  }
  return out;
}
