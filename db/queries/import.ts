/**
 * SQL for the bulk history importer: which source ids are already in, one set-based write per batch
 * (complaints and their events in one statement; the statement-level triggers then fill every map and
 * area bin once per batch), and the refusals remembered between runs.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

/** The highest complaint id now: complaints above it were written after this moment. */
export async function getMaxComplaintId(db: DbOrTx): Promise<number> {
  const row = await queryRow<{ id: string | number | null }>(db, sql`select max(id) as id from complaints`);
  return Number(row?.id ?? 0);
}

/** Of these idempotency keys, those a complaint already holds, with that complaint's id. */
export async function listTakenIdempotencyKeys(db: DbOrTx, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ k: string; id: string | number }>(
    db,
    sql`select idempotency_key as k, id from complaints where idempotency_key = any(${sql.param(keys)}::text[])`,
  );
  return new Map(rows.map((r) => [r.k, Number(r.id)]));
}

/** One imported complaint as written (coordinates already WGS84). */
export interface ImportedComplaintRow {
  trackingCode: string;
  idempotencyKey: string;
  categoryCode: string;
  title: string;
  description: string;
  lng: number;
  lat: number;
  originalLng: string;
  originalLat: string;
  address: string | null;
  /** 'received' (open) or 'closed'. */
  status: 'received' | 'closed';
  importedAs: 'history' | 'live';
  submittedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  resolveDueAt: Date | null;
  /** The 'submitted' event's data, and for a closed row the 'closed' event's data and public note. */
  submittedData: Record<string, unknown>;
  closedData: Record<string, unknown> | null;
  closedNote: string | null;
}

export interface ImportBatchResult {
  /** Idempotency key → new complaint id. */
  inserted: Map<string, number>;
  /** Keys whose point lies in no county of the city. */
  outside: Set<string>;
}

/**
 * Write a batch in one statement: each point located in the county, town, village and grid covering it
 * (GiST), the complaints inserted (a taken idempotency key or tracking code inserts nothing), and for
 * each inserted one its 'submitted' event (and 'closed' event for a closed row). Rows neither inserted
 * nor outside hit a unique key: the caller tells which.
 */
export async function insertImportBatch(
  db: DbOrTx,
  p: { datum: string; publicNote: string; rows: ImportedComplaintRow[] },
): Promise<ImportBatchResult> {
  if (p.rows.length === 0) return { inserted: new Map(), outside: new Set() };
  const col = <T>(f: (r: ImportedComplaintRow) => T) => sql.param(p.rows.map(f));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const rows = await queryRows<{ what: 'in' | 'out'; id: string | number | null; key: string }>(
    db,
    sql`with src as (
          select s.*, ST_SetSRID(ST_MakePoint(s.lng, s.lat), 4326) as g
          from unnest(
            ${col((r) => r.idempotencyKey)}::text[], ${col((r) => r.trackingCode)}::text[],
            ${col((r) => r.categoryCode)}::text[], ${col((r) => r.title)}::text[],
            ${col((r) => r.description)}::text[], ${col((r) => r.lng)}::float8[], ${col((r) => r.lat)}::float8[],
            ${col((r) => r.originalLng)}::text[], ${col((r) => r.originalLat)}::text[],
            ${col((r) => r.address)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.importedAs)}::text[],
            ${col((r) => iso(r.submittedAt))}::timestamptz[], ${col((r) => iso(r.updatedAt))}::timestamptz[],
            ${col((r) => iso(r.closedAt))}::timestamptz[], ${col((r) => iso(r.resolveDueAt))}::timestamptz[],
            ${col((r) => JSON.stringify(r.submittedData))}::text[],
            ${col((r) => (r.closedData ? JSON.stringify(r.closedData) : null))}::text[],
            ${col((r) => r.closedNote)}::text[]
          ) as s(key, code, category_code, title, description, lng, lat, original_lng, original_lat, address,
                 status, imported_as, submitted_at, updated_at, closed_at, resolve_due_at,
                 submitted_data, closed_data, closed_note)
        ),
        located as (
          -- The village first (small polygons), its town and county by code; the larger town and
          -- county polygons only for points no village covers.
          select src.*, coalesce(v.county, t.county, c.code) as county_code, coalesce(v.town, t.code) as town_code,
                 v.code as village_code, grid.id as grid_id
          from src
          left join lateral (select d.code, d.parent_code as town, tp.parent_code as county
                             from divisions d join divisions tp on tp.code = d.parent_code
                             where d.level = 'village' and ST_Covers(d.boundary, src.g) limit 1) v on true
          left join lateral (select d.code, d.parent_code as county from divisions d
                             where v.code is null and d.level = 'town' and ST_Covers(d.boundary, src.g)
                             limit 1) t on true
          left join lateral (select d.code from divisions d
                             where v.code is null and t.code is null and d.level = 'county'
                               and ST_Covers(d.boundary, src.g) limit 1) c on true
          left join lateral (select gr.id from grids gr where ST_Covers(gr.boundary, src.g) limit 1) grid on true
        ),
        ins as (
          insert into complaints (tracking_code, kind, channel, title, description, category_code,
            location, original_lng, original_lat, location_datum, address,
            county_code, town_code, village_code, grid_id,
            status, idempotency_key, imported_as, submitted_at, updated_at, resolved_at, closed_at, resolve_due_at)
          select code, 'complaint', 'open311', title, description, category_code,
            g, original_lng, original_lat, ${p.datum}::datum, address,
            county_code, town_code, village_code, grid_id,
            status::complaint_status, key, imported_as::import_mode, submitted_at, updated_at,
            closed_at, closed_at, resolve_due_at
          from located where county_code is not null
          on conflict do nothing
          returning id, idempotency_key
        ),
        events as (
          insert into complaint_events (complaint_id, type, from_status, to_status, public_note, data, public, created_at)
          select ins.id, 'submitted', null, 'received'::complaint_status, ${p.publicNote},
                 l.submitted_data::jsonb, true, l.submitted_at
          from ins join located l on l.key = ins.idempotency_key
          union all
          select ins.id, 'closed', 'received'::complaint_status, 'closed'::complaint_status, l.closed_note,
                 l.closed_data::jsonb, true, l.updated_at
          from ins join located l on l.key = ins.idempotency_key
          where l.status = 'closed'
        )
        select 'in' as what, id, idempotency_key as key from ins
        union all
        select 'out', null, key from located where county_code is null`,
  );
  const inserted = new Map<string, number>();
  const outside = new Set<string>();
  for (const r of rows) {
    if (r.what === 'in') inserted.set(r.key, Number(r.id));
    else outside.add(r.key);
  }
  return { inserted, outside };
}

/** Bulk statements in this transaction are planned, not JIT-compiled (compiling costs more than it saves). */
export async function disableJit(db: DbOrTx): Promise<void> {
  await db.execute(sql`set local jit = off`);
}

/** The source's resolution deadline on live rows (after the workflow set its own). */
export async function setResolveDeadlines(db: DbOrTx, rows: { id: number; dueAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    sql`update complaints c set resolve_due_at = u.due
        from unnest(${sql.param(rows.map((r) => r.id))}::bigint[],
                    ${sql.param(rows.map((r) => r.dueAt.toISOString()))}::timestamptz[]) as u(id, due)
        where c.id = u.id`,
  );
}

/**
 * Remember refusals (source, key, reason); returns the `key \u0000 reason` pairs an earlier run had
 * already refused for the same reason.
 */
export async function recordImportRefusals(
  db: DbOrTx,
  source: string,
  refusals: { key: string; reason: string }[],
): Promise<Set<string>> {
  if (refusals.length === 0) return new Set();
  const rows = await queryRows<{ k: string; r: string; known: boolean }>(
    db,
    sql`insert into import_refusals (source, source_key, reason)
        select ${source}, k, r from unnest(${sql.param(refusals.map((x) => x.key))}::text[],
                                            ${sql.param(refusals.map((x) => x.reason))}::text[]) as u(k, r)
        on conflict (source, source_key, reason) do update set last_refused_at = now()
        returning source_key as k, reason as r, (xmax::text <> '0') as known`,
  );
  return new Set(rows.filter((r) => r.known).map((r) => `${r.k}\u0000${r.r}`));
}
