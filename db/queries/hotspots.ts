/** Complaint counts on a regular grid of cells in a projected CRS, for the hot-spot statistics. */
import { type SQL, sql } from 'drizzle-orm';
import { divisionPrefix } from '@/lib/geo/division-code';
import type { DbOrTx } from '../client';
import { HOTSPOT_BASE_CELL } from '../schema/hotspot-bins';
import { queryRows } from '../sql';

/** CGCS2000 / 3-degree Gauss-Kruger CM 102E: metres, centred on Panzhihua (101.1–102.3°E). */
export const HOTSPOT_SRID = 4543;
/** Inlined, never a bind parameter: ST_Transform(geometry, $1) can bind to the proj-string overload. */
const SRID = sql.raw(String(HOTSPOT_SRID));

export interface ComplaintFilter {
  from?: Date;
  to?: Date;
  /** Level-1 or level-2 category codes. */
  categories?: string[];
  statuses?: string[];
  urgencies?: string[];
  channels?: string[];
}

/**
 * Complaints inside a division, by the village code PostGIS assigned at intake (codes nest by prefix):
 * a b-tree prefix match instead of a point-in-polygon test against a 2 400-vertex outline per row.
 */
export function inDivision(code: string): SQL {
  return sql`starts_with(complaints.village_code, ${divisionPrefix(code)})`;
}

/** The filter as a condition on `complaints` (never misconduct reports: they are not statistics). */
export function complaintFilterSql(filter: ComplaintFilter): SQL {
  const parts: SQL[] = [sql`complaints.kind = 'complaint'`];
  if (filter.from) parts.push(sql`complaints.submitted_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`complaints.submitted_at < ${filter.to.toISOString()}::timestamptz`);
  if (filter.categories?.length) {
    const list = sql.join(
      filter.categories.map((c) => sql`${c}`),
      sql`, `,
    );
    parts.push(
      sql`(complaints.category_code in (${list}) or complaints.category_code in (select code from categories where parent_code in (${list})))`,
    );
  }
  const inList = (column: SQL, values: string[] | undefined) => {
    if (values?.length)
      parts.push(
        sql`${column} in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
  };
  inList(sql`complaints.status::text`, filter.statuses);
  inList(sql`complaints.urgency_code`, filter.urgencies);
  inList(sql`complaints.channel::text`, filter.channels);
  return sql.join(parts, sql` and `);
}

export interface GridCellRow extends Record<string, unknown> {
  i: number;
  j: number;
  x: number;
  y: number;
  geometry: string;
}

/** The cells of a grid (`listGridCells`, shared: never mutate) and the complaints counted in each, by position. */
export interface CellCounts {
  cells: readonly GridCellRow[];
  counts: Int32Array;
}

/** A number naming cell (i, j), exact for |i|, |j| < 2²¹ (metric grids of ≥ 1 m cells within 2,000 km). */
const cellKey = (i: number, j: number) => i * 4_194_304 + j;

/** `counts` (cells' i, j and n) laid on `cells` in their order; cells outside the grid are left out. */
function countsOnGrid(
  cells: readonly GridCellRow[],
  counted: readonly { i: number; j: number; n: number }[],
) {
  const byCell = new Map<number, number>();
  for (const c of counted) byCell.set(cellKey(c.i, c.j), c.n);
  const counts = new Int32Array(cells.length);
  for (let k = 0; k < cells.length; k++) counts[k] = byCell.get(cellKey(cells[k]!.i, cells[k]!.j)) ?? 0;
  return counts;
}

/** Parsed geometries of a grid's cells, once per grid (the grid cache keeps the array). */
const parsedGeometries = new WeakMap<readonly GridCellRow[], readonly GeoJSON.Polygon[]>();

/**
 * The cells' GeoJSON polygons (WGS84), in the grid's order, parsed once per cached grid: 30,000
 * cells took ≈ 80 ms of CPU to parse per request. Shared between requests: never mutate them.
 */
export function gridGeometries(cells: readonly GridCellRow[]): readonly GeoJSON.Polygon[] {
  let parsed = parsedGeometries.get(cells);
  if (!parsed) {
    parsed = cells.map((c) => JSON.parse(c.geometry) as GeoJSON.Polygon);
    parsedGeometries.set(cells, parsed);
  }
  return parsed;
}

function gridOf(params: { divisionCode: string; size: number; shape: 'square' | 'hexagon' }) {
  const area = sql`(select ST_Transform(boundary, ${SRID}) from divisions where code = ${params.divisionCode})`;
  const grid =
    params.shape === 'square'
      ? sql`ST_SquareGrid(${params.size}::float8, ${area})`
      : sql`ST_HexagonGrid(${params.size}::float8, ${area})`;
  return { area, grid };
}

/** Grids recently built, by division × size × shape × boundary digest (most recently used last). */
const gridCache = new Map<string, GridCellRow[]>();
const GRID_CACHE_ENTRIES = 16;

/**
 * Every cell of a square or hexagonal grid (`size` metres) that intersects the study area (a division),
 * row by row. Testing 30,000 cells of a city against its 2,400-vertex outline costs about a second, the
 * same for every request, so grids are kept in this process keyed by the boundary's digest (a changed
 * boundary is a new key): the answer is always the grid of the current boundary. Do not mutate the rows.
 */
export async function listGridCells(
  db: DbOrTx,
  params: { divisionCode: string; size: number; shape: 'square' | 'hexagon' },
): Promise<GridCellRow[]> {
  const digest = await queryRows<{ d: string }>(
    db,
    sql`select md5(ST_AsEWKB(boundary)) as d from divisions where code = ${params.divisionCode}`,
  );
  if (!digest[0]) return [];
  const key = `${params.divisionCode}:${params.size}:${params.shape}:${digest[0].d}`;
  const hit = gridCache.get(key);
  if (hit) {
    gridCache.delete(key);
    gridCache.set(key, hit);
    return hit;
  }
  const { area, grid } = gridOf(params);
  const rows = await queryRows<GridCellRow>(
    db,
    sql`select g.i, g.j, ST_X(ST_Centroid(g.geom))::float8 as x, ST_Y(ST_Centroid(g.geom))::float8 as y,
          ST_AsGeoJSON(ST_Transform(g.geom, 4326), 6) as geometry
        from ${grid} g where ST_Intersects(g.geom, ${area}) order by g.j, g.i`,
  );
  gridCache.set(key, rows);
  if (gridCache.size > GRID_CACHE_ENTRIES) gridCache.delete(gridCache.keys().next().value!);
  return rows;
}

/**
 * Every cell of a square or hexagonal grid (`size` metres) that intersects the study area (a
 * division), with the number of complaints in it. Each complaint is counted once: square cells are
 * found arithmetically (PostGIS numbers square cells i = ⌊x / size⌋, j = ⌊y / size⌋), hexagons by
 * containment with ties at shared edges broken by the lowest (i, j). This is the raw computation;
 * `listBinnedCellCounts` gives the same counts from the hot-spot bins.
 */
export async function listCellCounts(
  db: DbOrTx,
  params: {
    divisionCode: string;
    size: number;
    shape: 'square' | 'hexagon';
    filter: ComplaintFilter;
    scope: SQL;
  },
): Promise<CellCounts> {
  const { area, grid } = gridOf(params);
  const where = sql`${complaintFilterSql(params.filter)} and (${params.scope})
    and ${inDivision(params.divisionCode)}`;
  const counts =
    params.shape === 'square'
      ? sql`select floor(ST_X(p) / ${params.size}::float8)::int as i, floor(ST_Y(p) / ${params.size}::float8)::int as j, count(*)::int as n
            from (select complaints.location_m as p from complaints where ${where}) pts
            group by 1, 2`
      : sql`select i, j, count(*)::int as n from (
              select distinct on (pts.id) pts.id, g.i, g.j
              from (select complaints.id, complaints.location_m as p from complaints where ${where}) pts
              join cells g on ST_Intersects(g.geom, pts.p)
              order by pts.id, g.i, g.j) one group by i, j`;
  // Cells and counts are two queries joined here: planners estimate one row for a set-returning
  // grid function and nest-loop the aggregate per cell (minutes at a million complaints).
  const cells = await listGridCells(db, params);
  const counted = await queryRows<{ i: number; j: number; n: number }>(
    db,
    params.shape === 'square'
      ? counts
      : sql`with cells as materialized (select g.i, g.j, g.geom from ${grid} g where ST_Intersects(g.geom, ${area})) ${counts}`,
  );
  return { cells, counts: countsOnGrid(cells, counted) };
}

/** Complaints counted by the same filter and scope, in the same area: the check that no cell loses or doubles any. */
export async function countComplaintsInArea(
  db: DbOrTx,
  params: { divisionCode: string; filter: ComplaintFilter; scope: SQL },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${complaintFilterSql(params.filter)} and (${params.scope})
        and ${inDivision(params.divisionCode)}`,
  );
  return rows[0]?.n ?? 0;
}

export interface CellStepCountRow extends Record<string, unknown> {
  i: number;
  j: number;
  /** First day of the month (CST) of the bin, 'YYYY-MM-DD'. */
  month: string;
  count: number;
}

/** Sparse (square cell × month) counts for the space-time cube of emerging hot spots (raw). */
export async function listCellMonthCounts(
  db: DbOrTx,
  params: { divisionCode: string; size: number; filter: ComplaintFilter; scope: SQL },
): Promise<CellStepCountRow[]> {
  return queryRows<CellStepCountRow>(
    db,
    sql`select floor(ST_X(p) / ${params.size}::float8)::int as i, floor(ST_Y(p) / ${params.size}::float8)::int as j,
          to_char(date_trunc('month', submitted_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as month,
          count(*)::int as count
        from (select complaints.location_m as p, complaints.submitted_at from complaints
              where ${complaintFilterSql(params.filter)} and (${params.scope})
                and ${inDivision(params.divisionCode)}) pts
        group by 1, 2, 3`,
  );
}

/** Whether any complaint (of any kind or area) was submitted in [start, end): an index probe. */
export async function anyComplaintBetween(db: DbOrTx, span: { start?: Date; end?: Date }): Promise<boolean> {
  const parts: SQL[] = [sql`true`];
  if (span.start) parts.push(sql`submitted_at >= ${span.start.toISOString()}::timestamptz`);
  if (span.end) parts.push(sql`submitted_at < ${span.end.toISOString()}::timestamptz`);
  const rows = await queryRows<{ any: boolean }>(
    db,
    sql`select exists (select 1 from complaints where ${sql.join(parts, sql` and `)}) as any`,
  );
  return rows[0]?.any === true;
}

/**
 * What a binned count reads: whole months from `complaint_hotspot_bins` (or, without a category or
 * status filter, `complaint_hotspot_cells`), partial days from `complaints` (lib/hotspots/bin-plan.ts).
 */
export interface BinnedSource {
  bins: { first: string | null; last: string | null } | null;
  raw: { start?: Date; end?: Date }[];
}

/**
 * A division jurisdiction as a condition on the bins' area columns: `complaintScope` of
 * lib/auth/policy.ts for a division-bound reader (the bins hold complaints only, never misconduct
 * reports, which the filter excludes anyway).
 */
export function binJurisdiction(code: string, level: 'city' | 'county' | 'town' | 'village'): SQL {
  switch (level) {
    case 'village':
      return sql`b.village_code = ${code}`;
    case 'town':
      return sql`b.town_code = ${code}`;
    case 'county':
      return sql`b.county_code = ${code}`;
    case 'city':
      return sql`b.county_code in (select scope_c.code from divisions scope_c where scope_c.parent_code = ${code})`;
  }
}

/**
 * The filter's category and status parts as a condition on `complaint_hotspot_bins b` (same meaning
 * as complaintFilterSql); without either, a condition `complaint_hotspot_cells b` meets as well.
 */
function binFilterSql(filter: ComplaintFilter): SQL {
  const parts: SQL[] = [sql`b.n <> 0`];
  if (filter.categories?.length) {
    const list = sql.join(
      filter.categories.map((c) => sql`${c}`),
      sql`, `,
    );
    parts.push(
      sql`(b.category_code in (${list}) or b.category_code in (select code from categories where parent_code in (${list})))`,
    );
  }
  if (filter.statuses?.length)
    parts.push(
      sql`b.status::text in (${sql.join(
        filter.statuses.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

/** What the binned cell counts read: the division's grid, the filter and scopes, whole months vs partial days. */
export interface BinnedCountParams {
  divisionCode: string;
  size: number;
  filter: ComplaintFilter;
  scope: SQL;
  binScope: SQL;
  source: BinnedSource;
}

/**
 * The (i, j[, month]) counts of square cells of `size` metres (a multiple of HOTSPOT_BASE_CELL)
 * from the bins' whole months and the complaints' partial days, in one statement. The filter must
 * not name urgencies or channels (the bins do not keep them).
 */
function binnedCountsSql(params: BinnedCountParams & { byMonth: boolean }): SQL {
  if (params.size % HOTSPOT_BASE_CELL !== 0)
    throw new Error(`cell size ${params.size} is not a multiple of the base cell`);
  if (params.filter.urgencies?.length || params.filter.channels?.length)
    throw new Error('the hot-spot bins keep no urgency or channel');
  const k = params.size / HOTSPOT_BASE_CELL;
  const parts: SQL[] = [];
  const { bins, raw } = params.source;
  if (bins) {
    // Without a category or status filter the bins summed over both answer: ≈ 6× fewer rows at 1 M.
    const table =
      params.filter.categories?.length || params.filter.statuses?.length
        ? sql`complaint_hotspot_bins`
        : sql`complaint_hotspot_cells`;
    const months: SQL[] = [];
    if (bins.first) months.push(sql`b.month >= ${bins.first}::date`);
    if (bins.last) months.push(sql`b.month <= ${bins.last}::date`);
    parts.push(
      sql`select floor(b.cx / ${k}::float8)::int as i, floor(b.cy / ${k}::float8)::int as j,
            ${params.byMonth ? sql`b.month` : sql`null::date`} as month, sum(b.n)::int as n
          from ${table} b
          where ${binFilterSql(params.filter)} ${months.length ? sql` and ${sql.join(months, sql` and `)}` : sql``}
            and starts_with(b.village_code, ${divisionPrefix(params.divisionCode)}) and (${params.binScope})
          group by 1, 2, 3`,
    );
  }
  for (const span of raw) {
    const filter = { ...params.filter, from: span.start, to: span.end };
    parts.push(
      sql`select floor(ST_X(complaints.location_m) / ${params.size}::float8)::int as i,
            floor(ST_Y(complaints.location_m) / ${params.size}::float8)::int as j,
            ${
              params.byMonth
                ? sql`date_trunc('month', complaints.submitted_at at time zone 'Asia/Shanghai')::date`
                : sql`null::date`
            } as month, count(*)::int as n
          from complaints
          where ${complaintFilterSql(filter)} and (${params.scope}) and ${inDivision(params.divisionCode)}
          group by 1, 2, 3`,
    );
  }
  if (parts.length === 0) return sql`select 0 as i, 0 as j, '' as month, 0 as n where false`;
  // Months are grouped as dates and formatted once per group, not once per row.
  return sql`select i, j, coalesce(to_char(month, 'YYYY-MM-DD'), '') as month, n from (
      select i, j, month, sum(n)::int as n from (${sql.join(parts, sql` union all `)}) u
      group by 1, 2, 3 having sum(n) <> 0) g`;
}

/**
 * `listCellCounts` for square cells of a multiple of the base cell, from the hot-spot bins (whole
 * months) and the complaints (partial days): the same cells and counts, and the number of
 * complaints in the area (what `countComplaintsInArea` gives), without reading every complaint.
 */
export async function listBinnedCellCounts(
  db: DbOrTx,
  params: BinnedCountParams,
): Promise<CellCounts & { complaints: number }> {
  const [cells, counted] = await Promise.all([
    listGridCells(db, { ...params, shape: 'square' }),
    queryRows<{ i: number; j: number; n: number }>(db, binnedCountsSql({ ...params, byMonth: false })),
  ]);
  return {
    cells,
    counts: countsOnGrid(cells, counted),
    complaints: counted.reduce((s, c) => s + c.n, 0),
  };
}

/** `listCellMonthCounts` from the hot-spot bins (whole months) and the complaints (partial days). */
export async function listBinnedCellMonthCounts(
  db: DbOrTx,
  params: BinnedCountParams,
): Promise<CellStepCountRow[]> {
  const rows = await queryRows<{ i: number; j: number; month: string; n: number }>(
    db,
    binnedCountsSql({ ...params, byMonth: true }),
  );
  return rows.map((r) => ({ i: r.i, j: r.j, month: r.month, count: r.n }));
}

export interface CellComplaintRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  status: string;
  submittedAt: string;
}

/** The complaints behind one cell (square or hexagon i, j of `size` metres), newest first. */
export async function listCellComplaints(
  db: DbOrTx,
  params: {
    divisionCode: string;
    size: number;
    shape: 'square' | 'hexagon';
    i: number;
    j: number;
    filter: ComplaintFilter;
    scope: SQL;
    limit: number;
  },
): Promise<CellComplaintRow[]> {
  return queryRows<CellComplaintRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          coalesce(cat.name_zh, complaints.category_code) as category, complaints.status::text as status,
          complaints.submitted_at as "submittedAt"
        from complaints left join categories cat on cat.code = complaints.category_code
        where ${complaintFilterSql(params.filter)} and (${params.scope})
          and ${inCell(params)}
        order by complaints.submitted_at desc limit ${params.limit}`,
  );
}

/** Complaints of one analysis cell (square or hexagon i, j of `size` metres) inside a division, on `complaints`. */
export function inCell(params: {
  divisionCode: string;
  size: number;
  shape: 'square' | 'hexagon';
  i: number;
  j: number;
}): SQL {
  const cell =
    params.shape === 'square'
      ? sql`ST_Square(${params.size}::float8, ${params.i}::int, ${params.j}::int)`
      : sql`ST_Hexagon(${params.size}::float8, ${params.i}::int, ${params.j}::int)`;
  return sql`(${inDivision(params.divisionCode)} and ST_Intersects(complaints.location_m, ST_SetSRID(${cell}, ${SRID})))`;
}

export interface DivisionOption {
  code: string;
  name: string;
  level: string;
}

/** A division and the divisions one level below it, for the analysis area picker. */
export async function listAnalysisDivisions(db: DbOrTx, params: { code: string }): Promise<DivisionOption[]> {
  return queryRows<DivisionOption & Record<string, unknown>>(
    db,
    sql`select code, name, level::text as level from divisions where code = ${params.code} or parent_code = ${params.code}
        order by (code = ${params.code}) desc, code`,
  );
}
