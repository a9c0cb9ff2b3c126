/**
 * Issued monthly reports (月度数据报告) and the few lists and the map the report assembles beside
 * the statistics. Areas are selected by division-code prefix (codes nest: lib/geo/division-code.ts).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { HOTSPOT_SRID } from './hotspots';

const SRID = sql.raw(String(HOTSPOT_SRID));

export interface MonthlyReportRow extends Record<string, unknown> {
  id: number;
  areaCode: string;
  areaName: string;
  areaLevel: string;
  /** 'YYYY-MM-01' */
  month: string;
  version: number;
  generatedByUserId: number | null;
  generatedByName: string | null;
  generatedAt: string;
  locale: string;
  pdfKey: string | null;
  pdfBytes: number | null;
  pdfSha256: string | null;
}

const columns = sql`r.id, r.area_code as "areaCode", d.name as "areaName", d.level::text as "areaLevel",
  to_char(r.month, 'YYYY-MM-DD') as month, r.version::int as version,
  r.generated_by_user_id as "generatedByUserId", u.display_name as "generatedByName",
  r.generated_at as "generatedAt", r.locale, r.pdf_key as "pdfKey", r.pdf_bytes as "pdfBytes",
  r.pdf_sha256 as "pdfSha256"`;
const from = sql`monthly_reports r join divisions d on d.code = r.area_code left join users u on u.id = r.generated_by_user_id`;

/** Reports of areas whose codes start with `prefix` (the reader's jurisdiction), newest month first. */
export function listMonthlyReports(db: DbOrTx, params: { prefix: string; limit: number }) {
  return queryRows<MonthlyReportRow>(
    db,
    sql`select ${columns} from ${from} where starts_with(r.area_code, ${params.prefix})
        order by r.month desc, d.level, r.area_code, r.version desc limit ${params.limit}`,
  );
}

export async function getMonthlyReport(db: DbOrTx, params: { id: number }) {
  return queryRow<MonthlyReportRow & { data: Record<string, unknown> }>(
    db,
    sql`select ${columns}, r.data from ${from} where r.id = ${params.id}`,
  );
}

/**
 * Insert the next version of an area's month. `automaticOnce`: insert only when no automatic
 * version exists yet (a concurrent second attempt loses on the unique version and finds it).
 * Returns null when nothing was inserted.
 */
export async function insertMonthlyReport(
  db: DbOrTx,
  params: {
    areaCode: string;
    month: string;
    generatedByUserId: number | null;
    locale: string;
    data: Record<string, unknown>;
    automaticOnce?: boolean;
  },
): Promise<{ id: number; version: number } | null> {
  const guard = params.automaticOnce
    ? sql`where not exists (select 1 from monthly_reports x where x.area_code = ${params.areaCode}
          and x.month = ${params.month}::date and x.generated_by_user_id is null)`
    : sql``;
  const row = await queryRow<{ id: number; version: number }>(
    db,
    sql`insert into monthly_reports (area_code, month, version, generated_by_user_id, locale, data)
        select ${params.areaCode}, ${params.month}::date,
          coalesce((select max(version) from monthly_reports where area_code = ${params.areaCode} and month = ${params.month}::date), 0) + 1,
          ${params.generatedByUserId}, ${params.locale}, ${JSON.stringify(params.data)}::jsonb
        ${guard}
        on conflict (area_code, month, version) do nothing
        returning id, version::int as version`,
  );
  return row ?? null;
}

export async function setMonthlyReportPdf(
  db: DbOrTx,
  params: { id: number; key: string; bytes: number; sha256: string },
) {
  await db.execute(
    sql`update monthly_reports set pdf_key = ${params.key}, pdf_bytes = ${params.bytes}, pdf_sha256 = ${params.sha256}
        where id = ${params.id} and pdf_key is null`,
  );
}

/** Whether an automatic version of the area's month exists. */
export async function hasAutomaticReport(db: DbOrTx, params: { areaCode: string; month: string }) {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from monthly_reports where area_code = ${params.areaCode}
        and month = ${params.month}::date and generated_by_user_id is null`,
  );
  return (row?.n ?? 0) > 0;
}

export interface DivisionRow extends Record<string, unknown> {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export function getDivision(db: DbOrTx, params: { code: string }) {
  return queryRow<DivisionRow>(
    db,
    sql`select code, name, level::text as level, parent_code as "parentCode" from divisions where code = ${params.code}`,
  );
}

/** The city and its counties: the areas issued automatically at month end. */
export function listAutomaticReportAreas(db: DbOrTx) {
  return queryRows<DivisionRow>(
    db,
    sql`select code, name, level::text as level, parent_code as "parentCode" from divisions
        where level in ('city', 'county') order by level, code`,
  );
}

export interface OverdueCaseRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  office: string | null;
  resolveDueAt: string;
  overdueDays: number;
  letters: number;
}

/** Open complaints of the area past their resolution deadline at `now`, longest overdue first. */
export function listOverdueCases(
  db: DbOrTx,
  params: { prefix: string; now: Date; limit: number; scope: SQL },
) {
  const now = sql`${params.now.toISOString()}::timestamptz`;
  return queryRows<OverdueCaseRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          coalesce(cat.name_zh, complaints.category_code) as category, o.name as office,
          complaints.resolve_due_at as "resolveDueAt",
          floor(extract(epoch from (${now} - complaints.resolve_due_at)) / 86400)::int as "overdueDays",
          (select count(*)::int from supervision_letters l where l.complaint_id = complaints.id) as letters
        from complaints
        left join categories cat on cat.code = complaints.category_code
        left join offices o on o.id = complaints.responsible_office_id
        where ${params.scope} and starts_with(complaints.village_code, ${params.prefix})
          and complaints.status::text not in ('resolved', 'closed', 'merged', 'rejected')
          and complaints.resolve_due_at < ${now}
        order by complaints.resolve_due_at asc, complaints.id asc limit ${params.limit}`,
  );
}

export interface LetterRow extends Record<string, unknown> {
  code: string;
  office: string;
  trackingCode: string | null;
  issuedAt: string;
  dueAt: string;
  answeredAt: string | null;
}

/** Supervision letters issued in [start, end) about complaints of the area. */
export function listLettersIssued(
  db: DbOrTx,
  params: { prefix: string; start: Date; end: Date; limit: number; scope: SQL },
) {
  return queryRows<LetterRow>(
    db,
    sql`select l.code, o.name as office, complaints.tracking_code as "trackingCode", l.issued_at as "issuedAt",
          l.due_at as "dueAt", l.answered_at as "answeredAt"
        from supervision_letters l join offices o on o.id = l.office_id
        join complaints on complaints.id = l.complaint_id
        where ${params.scope} and starts_with(complaints.village_code, ${params.prefix})
          and l.issued_at >= ${params.start.toISOString()}::timestamptz and l.issued_at < ${params.end.toISOString()}::timestamptz
        order by l.issued_at asc, l.code asc limit ${params.limit}`,
  );
}

export interface AreaMapSvg extends Record<string, unknown> {
  /** viewBox "minx miny width height" in metres of EPSG:4543 (SVG y grows downwards). */
  viewBox: string;
  /** The area's outline as an SVG path. */
  outline: string;
  /** Its child areas: path and label position. */
  children: { code: string; name: string; path: string; x: number; y: number }[];
  /** The cells, in the order given, with the child area holding each centre. */
  cells: { path: string; area: string | null }[];
}

/**
 * An area's outline, its child areas and analysis cells as SVG paths (ST_AsSVG in EPSG:4543
 * metres, 0 decimals), so the report's map prints without WebGL or tiles.
 */
export async function getAreaMapSvg(
  db: DbOrTx,
  params: { code: string; cells: { i: number; j: number }[]; size: number; shape: 'square' | 'hexagon' },
): Promise<AreaMapSvg | null> {
  const is = params.cells.map((c) => c.i);
  const js = params.cells.map((c) => c.j);
  const cell =
    params.shape === 'square'
      ? sql`ST_Square(${params.size}::float8, c.i, c.j)`
      : sql`ST_Hexagon(${params.size}::float8, c.i, c.j)`;
  const row = await queryRow<{
    minx: number;
    miny: number;
    maxx: number;
    maxy: number;
    outline: string;
    children: AreaMapSvg['children'] | null;
    cells: AreaMapSvg['cells'] | null;
  }>(
    db,
    sql`with a as (select ST_Transform(boundary, ${SRID}) as g from divisions where code = ${params.code})
        select ST_XMin(a.g)::float8 as minx, ST_YMin(a.g)::float8 as miny, ST_XMax(a.g)::float8 as maxx, ST_YMax(a.g)::float8 as maxy,
          ST_AsSVG(ST_SimplifyPreserveTopology(a.g, 20), 0, 0) as outline,
          (select json_agg(json_build_object('code', d.code, 'name', d.name,
              'path', ST_AsSVG(ST_SimplifyPreserveTopology(ST_Transform(d.boundary, ${SRID}), 20), 0, 0),
              'x', round(ST_X(ST_Transform(ST_PointOnSurface(d.boundary), ${SRID}))),
              'y', -round(ST_Y(ST_Transform(ST_PointOnSurface(d.boundary), ${SRID})))) order by d.code)
            from divisions d where d.parent_code = ${params.code}) as children,
          (select json_agg(json_build_object('path', ST_AsSVG(s.g, 0, 0),
              'area', (select d.name from divisions d where d.parent_code = ${params.code}
                       and ST_Contains(d.boundary, ST_Transform(ST_Centroid(s.g), 4326)) limit 1)) order by s.n)
            from (select ST_SetSRID(${cell}, ${SRID}) as g, c.n
                  from unnest(${sql.param(is)}::int[], ${sql.param(js)}::int[]) with ordinality as c(i, j, n)) s) as cells
        from a`,
  );
  if (!row || row.minx === null) return null;
  const pad = Math.max(row.maxx - row.minx, row.maxy - row.miny) * 0.03;
  const minx = Math.floor(row.minx - pad);
  const miny = Math.floor(-row.maxy - pad);
  const w = Math.ceil(row.maxx - row.minx + 2 * pad);
  const h = Math.ceil(row.maxy - row.miny + 2 * pad);
  return {
    viewBox: `${minx} ${miny} ${w} ${h}`,
    outline: row.outline,
    children: row.children ?? [],
    cells: row.cells ?? [],
  };
}

/** The areas a report can be issued for inside a division: itself and the counties and towns below it. */
export function listReportAreas(db: DbOrTx, params: { prefix: string }) {
  return queryRows<DivisionRow>(
    db,
    sql`select code, name, level::text as level, parent_code as "parentCode" from divisions
        where starts_with(code, ${params.prefix}) and level in ('city', 'county', 'town')
        order by code`,
  );
}
