/** SQL for the bulk history importer: which source ids are already in, and writing an imported complaint. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import type { PointPlace } from './intake';

export async function listTakenIdempotencyKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ k: string }>(
    db,
    sql`select idempotency_key as k from complaints where idempotency_key = any(${sql.param(keys)}::text[])`,
  );
  return new Set(rows.map((r) => r.k));
}

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
  datum: string;
  address: string | null;
  place: PointPlace;
  /** 'received' (open; the workflow then triages it) or 'closed'. */
  status: 'received' | 'closed';
  submittedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** Insert one imported complaint (channel 'open311'); null when a unique key is taken. */
export async function insertImportedComplaint(db: DbOrTx, r: ImportedComplaintRow): Promise<number | null> {
  const at = (d: Date | null) => (d ? d.toISOString() : null);
  const row = await queryRow<{ id: number }>(
    db,
    sql`insert into complaints (tracking_code, kind, channel, title, description, category_code,
          location, original_lng, original_lat, location_datum, address,
          county_code, town_code, village_code, grid_id,
          status, idempotency_key, submitted_at, updated_at, resolved_at, closed_at)
        values (${r.trackingCode}, 'complaint', 'open311', ${r.title}, ${r.description}, ${r.categoryCode},
          ST_SetSRID(ST_MakePoint(${r.lng}::float8, ${r.lat}::float8), 4326),
          ${r.originalLng}, ${r.originalLat}, ${r.datum}::datum, ${r.address},
          ${r.place.countyCode}, ${r.place.townCode}, ${r.place.villageCode}, ${r.place.gridId},
          ${r.status}::complaint_status, ${r.idempotencyKey},
          ${at(r.submittedAt)}::timestamptz, ${at(r.updatedAt)}::timestamptz,
          ${at(r.closedAt)}::timestamptz, ${at(r.closedAt)}::timestamptz)
        on conflict do nothing
        returning id`,
  );
  return row ? Number(row.id) : null;
}
