/**
 * SQL for the resident side: where a point falls, writing a new complaint and what hangs off it,
 * and the public (tracking) view of one complaint. Only public columns leave `getPublicComplaint`.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { complaints } from '../schema';
import { queryRow, queryRows, queryRowsPrepared } from '../sql';
import type { AppendAuditRow } from './audit';
import {
  type LinkCandidateRaw,
  type LinkCandidateRow,
  type LinkRanges,
  linkCandidatesOf,
  linkCandidatesOfPoint,
  toLinkCandidateRow,
} from './complaint-links';
import type { VillageNear } from './routing';

export interface PointPlace {
  countyCode: string;
  townCode: string | null;
  villageCode: string | null;
  gridId: number | null;
}

/** The county, town, village and grid covering a WGS84 point; null outside every county of the city. */
export async function locatePoint(db: DbOrTx, p: { lng: number; lat: number }): Promise<PointPlace | null> {
  const row = await queryRow<{
    county: string | null;
    town: string | null;
    village: string | null;
    grid: number | null;
  }>(
    db,
    sql`with p as (select ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326) as g)
        select
          (select d.code from divisions d, p where d.level = 'county' and ST_Covers(d.boundary, p.g) limit 1) as county,
          (select d.code from divisions d, p where d.level = 'town' and ST_Covers(d.boundary, p.g) limit 1) as town,
          (select d.code from divisions d, p where d.level = 'village' and ST_Covers(d.boundary, p.g) limit 1) as village,
          (select g.id from grids g, p where ST_Covers(g.boundary, p.g) limit 1) as grid`,
  );
  if (!row?.county) return null;
  return { countyCode: row.county, townCode: row.town, villageCode: row.village, gridId: row.grid };
}

/**
 * Everything intake needs to know about where a WGS84 point lies, in one statement: the county,
 * town, village and grid covering it, and the villages within `nearMeters` (with their distance;
 * 0 inside) that routing compares near a boundary. All levels come from one GiST-indexed pass over
 * `divisions` (a degree box around the point, then the exact tests on those few rows only). With
 * an idempotency key, also whether a complaint already holds it (a retry), in the same round trip.
 * With `link`, also the linker's spatial candidates around the point (`linkCandidatesOfPoint`, the
 * rows `listLinkCandidates` gives for it), so that a submission reads the database once before its
 * write.
 */
export async function locateForIntake(
  db: DbOrTx,
  p: {
    lng: number;
    lat: number;
    nearMeters: number;
    idempotencyKey?: string | null;
    link?: { unit: string | null; reporterBuildingId: number | null; ranges: LinkRanges };
  },
): Promise<{
  place: PointPlace | null;
  villages: VillageNear[];
  keyTaken: boolean;
  /** With `link`: the linker's candidates (null without). */
  link: LinkCandidateRow | null;
}> {
  const deg = p.nearMeters / 90_000 + 1e-6;
  // Every submission runs it: prepared once per connection on the server.
  const [row] = await queryRowsPrepared<{
    county: string | null;
    town: string | null;
    village: string | null;
    grid: number | null;
    villages: VillageNear[] | string | null;
    key_taken: boolean | null;
    link?: LinkCandidateRaw | string | null;
  }>(
    db,
    p.link ? 'locate_and_link_for_intake' : 'locate_for_intake',
    sql`with p as (select ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326) as g),
        d as materialized (
          select d.code, d.name, d.parent_code, d.level, d.boundary, ST_Covers(d.boundary, p.g) as covers
          from divisions d, p
          where d.level in ('county', 'town', 'village') and ST_DWithin(d.boundary, p.g, ${deg}::float8))
        select
          (select code from d where level = 'county' and covers order by code limit 1) as county,
          (select code from d where level = 'town' and covers order by code limit 1) as town,
          (select code from d where level = 'village' and covers order by code limit 1) as village,
          (select g.id from grids g, p where ST_Covers(g.boundary, p.g) order by g.id limit 1) as grid,
          (select coalesce(json_agg(v order by v."distanceM", v.code), '[]'::json) from (
             -- The village covering the point is at 0 m: only the others need the (costly) geodesic distance.
             select d.code, d.name, t.name as "townName", d.covers as contains,
               case when d.covers then 0 else ST_Distance(d.boundary::geography, p.g::geography) end::float8 as "distanceM"
             from d cross join p left join divisions t on t.code = d.parent_code
             where d.level = 'village'
               and (d.covers or ST_DWithin(d.boundary::geography, p.g::geography, ${p.nearMeters}::float8))
           ) v) as villages,
          exists (select 1 from complaints c where c.idempotency_key = ${p.idempotencyKey ?? null}::text) as key_taken
          ${p.link ? sql`, ${linkCandidatesOfPoint({ lng: p.lng, lat: p.lat, unit: p.link.unit, reporterBuildingId: p.link.reporterBuildingId }, p.link.ranges)} as link` : sql``}`,
  );
  const villages: VillageNear[] =
    typeof row?.villages === 'string' ? JSON.parse(row.villages) : (row?.villages ?? []);
  const keyTaken = row?.key_taken === true;
  const raw =
    typeof row?.link === 'string' ? (JSON.parse(row.link) as LinkCandidateRaw) : (row?.link ?? null);
  const link = raw ? toLinkCandidateRow(raw) : null;
  if (!row?.county) return { place: null, villages, keyTaken, link };
  return {
    place: { countyCode: row.county, townCode: row.town, villageCode: row.village, gridId: row.grid },
    villages,
    keyTaken,
    link,
  };
}

/** What `locateForIntake` and `locateManyForIntake` tell about one point. */
export interface IntakeLocation {
  place: PointPlace | null;
  villages: VillageNear[];
  keyTaken: boolean;
  /** The linker's candidates (null when not asked for). */
  link: LinkCandidateRow | null;
}

/**
 * `locateForIntake` with `link` for many points in one statement, each point's answer equal to the
 * one-point statement's (intake's concurrent submissions: lib/intake/locate-batcher.server.ts).
 * Its arrays make PostgreSQL plan it on each call, which a group of submissions shares.
 */
export async function locateManyForIntake(
  db: DbOrTx,
  points: readonly {
    lng: number;
    lat: number;
    idempotencyKey: string | null;
    unit: string | null;
    reporterBuildingId: number | null;
  }[],
  p: { nearMeters: number; ranges: LinkRanges },
): Promise<IntakeLocation[]> {
  if (points.length === 0) return [];
  const deg = p.nearMeters / 90_000 + 1e-6;
  const rows = await queryRowsPrepared<{
    i: number;
    county: string | null;
    town: string | null;
    village: string | null;
    grid: number | null;
    villages: VillageNear[] | string | null;
    key_taken: boolean | null;
    link: LinkCandidateRaw | string | null;
  }>(
    db,
    'locate_many_for_intake',
    sql`with lp as (
          select t.i, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) as g, t.unit, t.reporter, t.key
          from unnest(${sql.param(points.map((_, i) => i))}::int[], ${sql.param(points.map((q) => q.lng))}::float8[],
            ${sql.param(points.map((q) => q.lat))}::float8[], ${sql.param(points.map((q) => q.unit))}::text[],
            ${sql.param(points.map((q) => q.reporterBuildingId))}::int[],
            ${sql.param(points.map((q) => q.idempotencyKey))}::text[]) as t(i, lng, lat, unit, reporter, key)),
        d as materialized (
          select lp.i, d.code, d.name, d.parent_code, d.level, d.boundary, ST_Covers(d.boundary, lp.g) as covers
          from lp join divisions d
            on d.level in ('county', 'town', 'village') and ST_DWithin(d.boundary, lp.g, ${deg}::float8)),
        lc as materialized (${linkCandidatesOf(p.ranges)})
        select lp.i,
          (select code from d where d.i = lp.i and level = 'county' and covers order by code limit 1) as county,
          (select code from d where d.i = lp.i and level = 'town' and covers order by code limit 1) as town,
          (select code from d where d.i = lp.i and level = 'village' and covers order by code limit 1) as village,
          (select g.id from grids g where ST_Covers(g.boundary, lp.g) order by g.id limit 1) as grid,
          (select coalesce(json_agg(v order by v."distanceM", v.code), '[]'::json) from (
             select d.code, d.name, t.name as "townName", d.covers as contains,
               case when d.covers then 0 else ST_Distance(d.boundary::geography, lp.g::geography) end::float8 as "distanceM"
             from d left join divisions t on t.code = d.parent_code
             where d.i = lp.i and d.level = 'village'
               and (d.covers or ST_DWithin(d.boundary::geography, lp.g::geography, ${p.nearMeters}::float8))
           ) v) as villages,
          exists (select 1 from complaints c where c.idempotency_key = lp.key) as key_taken,
          to_json(lc) as link
        from lp left join lc on lc.i = lp.i
        order by lp.i`,
  );
  return rows.map((row) => {
    const villages: VillageNear[] =
      typeof row.villages === 'string' ? JSON.parse(row.villages) : (row.villages ?? []);
    const raw = typeof row.link === 'string' ? (JSON.parse(row.link) as LinkCandidateRaw) : row.link;
    return {
      place: row.county
        ? { countyCode: row.county, townCode: row.town, villageCode: row.village, gridId: row.grid }
        : null,
      villages,
      keyTaken: row.key_taken === true,
      link: raw ? toLinkCandidateRow(raw) : null,
    };
  });
}

/** A building of the grid picked by the reporter, with its distance in metres from the declared point. */
export async function getBuildingNearPoint(
  db: DbOrTx,
  p: { id: number; lng: number; lat: number },
): Promise<{ id: number; gridId: number; address: string; distanceM: number } | null> {
  const row = await queryRow<{ id: number; grid_id: number; address: string; d: number }>(
    db,
    sql`select id, grid_id, address,
          ST_Distance(centre::geography, ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326)::geography)::float8 as d
        from buildings where id = ${p.id}`,
  );
  return row
    ? { id: Number(row.id), gridId: Number(row.grid_id), address: row.address, distanceM: Number(row.d) }
    : null;
}

export async function getBuildingForIntake(
  db: DbOrTx,
  id: number,
): Promise<{ id: number; gridId: number; address: string; lng: number; lat: number } | null> {
  const row = await queryRow<{
    id: number;
    grid_id: number;
    address: string;
    lng: number;
    lat: number;
  }>(
    db,
    sql`select id, grid_id, address, ST_X(centre) as lng, ST_Y(centre) as lat from buildings where id = ${id}`,
  );
  return row ? { id: row.id, gridId: row.grid_id, address: row.address, lng: row.lng, lat: row.lat } : null;
}

export interface ExistingSubmission {
  id: number;
  trackingCode: string;
  status: string;
  kind: 'complaint' | 'misconduct';
  submittedAt: Date;
  fingerprint: string | null;
}

export async function getByIdempotencyKey(db: DbOrTx, key: string): Promise<ExistingSubmission | null> {
  const row = await queryRow<{
    id: number;
    tracking_code: string;
    status: string;
    kind: 'complaint' | 'misconduct';
    submitted_at: string | Date;
    fingerprint: string | null;
  }>(
    db,
    sql`select c.id, c.tracking_code, c.status::text as status, c.kind::text as kind, c.submitted_at,
          (select e.data->>'fingerprint' from complaint_events e
            where e.complaint_id = c.id and e.type = 'submitted' order by e.id limit 1) as fingerprint
        from complaints c where c.idempotency_key = ${key}`,
  );
  return row
    ? {
        id: Number(row.id),
        trackingCode: row.tracking_code,
        status: row.status,
        kind: row.kind,
        submittedAt: new Date(row.submitted_at),
        fingerprint: row.fingerprint,
      }
    : null;
}

export async function insertEvent(
  db: DbOrTx,
  e: {
    complaintId: number;
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    actorUserId?: number | null;
    actorOfficeId?: number | null;
    publicNote: string | null;
    data: Record<string, unknown> | null;
    public: boolean;
    at: Date;
  },
): Promise<void> {
  await db.execute(
    sql`insert into complaint_events (complaint_id, type, from_status, to_status, actor_user_id,
          actor_office_id, public_note, data, public, created_at)
        values (${e.complaintId}, ${e.type}, ${e.fromStatus}::complaint_status, ${e.toStatus}::complaint_status,
          ${e.actorUserId ?? null}, ${e.actorOfficeId ?? null}, ${e.publicNote},
          ${e.data ? JSON.stringify(e.data) : null}::jsonb, ${e.public}, ${e.at.toISOString()}::timestamptz)`,
  );
}

/** The complaint columns intake writes: every row gives each of them (null included), none is left to its default. */
const INTAKE_COMPLAINT_KEYS = [
  'trackingCode',
  'kind',
  'channel',
  'title',
  'description',
  'categoryCode',
  'urgencyCode',
  'triageReason',
  'originalLng',
  'originalLat',
  'locationDatum',
  'locationPrecision',
  'address',
  'countyCode',
  'townCode',
  'villageCode',
  'gridId',
  'buildingId',
  'householdId',
  'facilityId',
  'buildingLinkMethod',
  'buildingLinkConfidence',
  'buildingLinkReason',
  'buildingLinkState',
  'facilityLinkMethod',
  'facilityLinkConfidence',
  'facilityLinkReason',
  'facilityLinkState',
  'anonymous',
  'reportedByUserId',
  'status',
  'responsibleOfficeId',
  'coOfficeIds',
  'routingReason',
  'idempotencyKey',
  'submittedAt',
  'triagedAt',
  'dispatchedAt',
  'dispatchDueAt',
  'firstReplyDueAt',
  'resolveDueAt',
  'updatedAt',
] as const satisfies readonly (keyof typeof complaints.$inferInsert)[];
type IntakeComplaintKey = (typeof INTAKE_COMPLAINT_KEYS)[number];

const complaintColumns = getTableColumns(complaints);
/** The same columns in SQL, and `location` (given as WGS84 lng/lat). */
const INTAKE_COLUMNS = sql.raw(
  [...INTAKE_COMPLAINT_KEYS.map((k) => `"${complaintColumns[k].name}"`), '"location"'].join(', '),
);

/** One new complaint and what hangs off it, joined to it by its tracking code (its id is not known yet). */
export interface SubmissionRows {
  complaint: { [K in IntakeComplaintKey]-?: Exclude<(typeof complaints.$inferInsert)[K], undefined> } & {
    lng: number;
    lat: number;
  };
  contact: { name: string | null; phone: string; phoneLast4: string } | null;
  attachmentIds: readonly string[];
  events: readonly {
    type: string;
    fromStatus: string | null;
    toStatus: string;
    actorUserId: number | null;
    publicNote: string | null;
    data: Record<string, unknown>;
    public: boolean;
    createdAt: Date;
  }[];
  reminders: readonly {
    recipientOfficeId: number;
    kind: string;
    title: string;
    body: string;
    data: Record<string, unknown>;
    createdAt: Date;
  }[];
  /** The audit record (its target: the complaint), its data already in canonical JSON. */
  audit: Pick<AppendAuditRow, 'actorUserId' | 'action' | 'dataJson' | 'createdAt'>;
}

/**
 * Insert complaints with their contacts, attachment claims, events, reminders and (unsealed) audit
 * records in ONE statement (data-modifying CTEs joined on the tracking code). Run on the database
 * rather than in a transaction, the statement is its own transaction: the row locks its complaints
 * take on the map and area bins last for the statement and its commit, never for a round trip.
 *
 * `on conflict do nothing` leaves out a complaint whose idempotency key or tracking code is taken,
 * and with it everything that hangs off it. Uploads are claimed only when not attached yet; a
 * complaint that did not get every upload it named, or got more of a kind than `limits`, makes the
 * statement raise (`suqiu_refuse`, SQLSTATE SQ001, see `SUBMISSION_REFUSALS`), which undoes it all.
 * Returns the complaints written.
 */
export async function insertSubmissionRows(
  db: DbOrTx,
  items: readonly SubmissionRows[],
  limits: UploadLimits,
): Promise<{ id: number; trackingCode: string }[]> {
  if (items.length === 0) return [];
  const iso = (d: Date) => d.toISOString();
  const json = (rows: unknown[]) => JSON.stringify(rows);
  // Rows as JSON keyed by column name, typed by the table's own row type (jsonb_populate_recordset):
  // the statement's text is the same for any number of rows, so it is prepared once per connection.
  const rows = items.map(({ complaint: c }) => {
    const row: Record<string, unknown> = { location: `SRID=4326;POINT(${c.lng} ${c.lat})` };
    for (const k of INTAKE_COMPLAINT_KEYS) {
      const v = c[k];
      if (v === undefined) throw new Error(`insertSubmissionRows: complaint.${k} missing`);
      row[complaintColumns[k].name] = v instanceof Date ? v.toISOString() : v;
    }
    if (Object.keys(c).length !== INTAKE_COMPLAINT_KEYS.length + 2)
      throw new Error('insertSubmissionRows: a complaint field intake does not write');
    return row;
  });
  const contacts = items.flatMap(({ complaint: c, contact: k }) =>
    k ? [{ code: c.trackingCode, name: k.name, phone: k.phone, last4: k.phoneLast4 }] : [],
  );
  const uploads = items.flatMap(({ complaint: c, attachmentIds }) =>
    attachmentIds.map((id) => ({ code: c.trackingCode, id })),
  );
  const asked = items.flatMap(({ complaint: c, attachmentIds: a }) =>
    a.length > 0 ? [{ code: c.trackingCode, n: a.length }] : [],
  );
  const events = items
    .flatMap(({ complaint: c, events: es }) =>
      es.map((e) => ({
        code: c.trackingCode,
        type: e.type,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        actor: e.actorUserId,
        note: e.publicNote,
        data: e.data,
        public: e.public,
        at: iso(e.createdAt),
      })),
    )
    .map((e, n) => ({ ...e, n }));
  const reminders = items
    .flatMap(({ complaint: c, reminders: rs }) =>
      rs.map((r) => ({
        code: c.trackingCode,
        office: r.recipientOfficeId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        data: r.data,
        at: iso(r.createdAt),
      })),
    )
    .map((r, n) => ({ ...r, n }));
  const audits = items.map(({ complaint: c, audit: a }, n) => ({
    code: c.trackingCode,
    n,
    actor: a.actorUserId,
    action: a.action,
    data: a.dataJson,
    at: a.createdAt,
  }));
  const [row] = await queryRowsPrepared<{
    created: { id: number; code: string }[] | null;
    checked: boolean | null;
  }>(
    db,
    'insert_submissions',
    sql`with c as (
        insert into complaints (${INTAKE_COLUMNS})
        select ${INTAKE_COLUMNS} from jsonb_populate_recordset(null::complaints, ${json(rows)}::jsonb)
        on conflict do nothing
        returning id, tracking_code),
      contacts as (
        insert into complaint_contacts (complaint_id, name, phone, phone_last4)
        select c.id, v.name, v.phone, v.last4
        from jsonb_to_recordset(${json(contacts)}::jsonb) as v(code text, name text, phone text, last4 text)
        join c on c.tracking_code = v.code),
      claimed as (
        update attachments a set complaint_id = c.id
        from jsonb_to_recordset(${json(uploads)}::jsonb) as v(code text, id uuid)
        join c on c.tracking_code = v.code
        where a.id = v.id and a.complaint_id is null
        returning a.complaint_id, a.kind::text as kind),
      events as (
        insert into complaint_events (complaint_id, type, from_status, to_status, actor_user_id,
          public_note, data, public, created_at)
        select c.id, v.type, v.from_status::complaint_status, v.to_status::complaint_status, v.actor,
          v.note, v.data, v.public, v.at
        from jsonb_to_recordset(${json(events)}::jsonb) as v(code text, type text,
          from_status text, to_status text, actor integer, note text, data jsonb, public boolean, at timestamptz, n integer)
        join c on c.tracking_code = v.code
        order by v.n),
      reminders as (
        insert into notifications (recipient_office_id, complaint_id, kind, title, body, data, created_at)
        select v.office, c.id, v.kind, v.title, v.body, v.data, v.at
        from jsonb_to_recordset(${json(reminders)}::jsonb) as v(code text, office integer,
          kind text, title text, body text, data jsonb, at timestamptz, n integer)
        join c on c.tracking_code = v.code
        order by v.n),
      audits as (
        insert into audit_log (actor_user_id, action, target_type, target_id, data, created_at)
        select v.actor, v.action, 'complaint', c.id::text, v.data::jsonb, v.at
        from jsonb_to_recordset(${json(audits)}::jsonb) as v(code text, actor integer,
          action text, data text, at timestamptz, n integer)
        join c on c.tracking_code = v.code
        order by v.n)
      select (select json_agg(json_build_object('id', c.id, 'code', c.tracking_code)) from c) as created,
        (select bool_and(case
            when coalesce(k.got, 0) <> a.n then suqiu_refuse(${SUBMISSION_REFUSALS.uploadUnknown}, a.code)
            when k.photos > ${limits.photos} or k.videos > ${limits.videos} or k.audios > ${limits.audios}
              then suqiu_refuse(${SUBMISSION_REFUSALS.tooManyUploads}, a.code)
            else true end)
          from jsonb_to_recordset(${json(asked)}::jsonb) as a(code text, n integer)
          join c on c.tracking_code = a.code
          left join (
            select complaint_id, count(*) as got, count(*) filter (where kind = 'photo') as photos,
              count(*) filter (where kind = 'video') as videos, count(*) filter (where kind = 'audio') as audios
            from claimed group by complaint_id) k on k.complaint_id = c.id) as checked`,
  );
  return (row?.created ?? []).map((r) => ({ id: Number(r.id), trackingCode: r.code }));
}

/** The most uploads of each kind one complaint may have. */
export interface UploadLimits {
  photos: number;
  videos: number;
  audios: number;
}

/**
 * Why `insertSubmissionRows` refused its whole statement (`suqiu_refuse`, SQLSTATE SQ001): the
 * message is one of these, the detail the tracking code drawn for the submission at fault.
 */
export const SUBMISSION_REFUSALS = {
  uploadUnknown: 'upload_unknown_or_used',
  tooManyUploads: 'too_many_uploads',
} as const;

export async function insertAttachment(
  db: DbOrTx,
  a: {
    kind: 'photo' | 'video' | 'audio';
    mime: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    uploadedByUserId: number | null;
    now: Date;
  },
): Promise<string> {
  const row = await queryRow<{ id: string }>(
    db,
    sql`insert into attachments (kind, mime, size_bytes, sha256, storage_key, uploaded_by_user_id, created_at)
        values (${a.kind}::attachment_kind, ${a.mime}, ${a.sizeBytes}, ${a.sha256}, ${a.storageKey},
          ${a.uploadedByUserId}, ${a.now.toISOString()}::timestamptz)
        returning id::text`,
  );
  return row!.id;
}

export async function getAttachment(
  db: DbOrTx,
  id: string,
): Promise<{
  id: string;
  complaintId: number | null;
  kind: string;
  mime: string;
  storageKey: string;
} | null> {
  const row = await queryRow<{
    id: string;
    complaint_id: number | null;
    kind: string;
    mime: string;
    storage_key: string;
  }>(
    db,
    sql`select id::text, complaint_id, kind::text as kind, mime, storage_key from attachments where id = ${id}::uuid`,
  );
  return row
    ? {
        id: row.id,
        complaintId: row.complaint_id === null ? null : Number(row.complaint_id),
        kind: row.kind,
        mime: row.mime,
        storageKey: row.storage_key,
      }
    : null;
}

/** The columns a complaint's own reporter may see (no contact, no internal notes, no routing reason). */
export interface PublicComplaintRow {
  id: number;
  trackingCode: string;
  kind: 'complaint' | 'misconduct';
  status: string;
  title: string;
  description: string;
  categoryCode: string | null;
  categoryName: string | null;
  urgencyName: string | null;
  officeName: string | null;
  submittedAt: Date;
  triagedAt: Date | null;
  dispatchedAt: Date | null;
  firstRepliedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  dispatchDueAt: Date | null;
  firstReplyDueAt: Date | null;
  resolveDueAt: Date | null;
  reopenCount: number;
  responsibleOfficeId: number | null;
  /** Last 4 digits of the contact phone, for the credential check only; never returned to a client. */
  phoneLast4: string | null;
  /** Internal: only its kind (lib/intake/next-step.ts) reaches the reporter, never the text. */
  routingReason: string | null;
}

const d = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** `forUpdate` locks the complaint row (rating and reopening serialise on it). */
export async function getPublicComplaint(
  db: DbOrTx,
  p: { trackingCode: string; forUpdate?: boolean },
): Promise<PublicComplaintRow | null> {
  const lock = p.forUpdate ? sql`for update of c` : sql``;
  const row = await queryRow<Record<string, unknown>>(
    db,
    sql`select c.id, c.tracking_code, c.kind::text as kind, c.status::text as status, c.title, c.description,
          c.category_code, cat.name_zh as category_name, u.name_zh as urgency_name, o.name as office_name,
          c.submitted_at, c.triaged_at, c.dispatched_at, c.first_replied_at, c.resolved_at, c.closed_at,
          c.dispatch_due_at, c.first_reply_due_at, c.resolve_due_at, c.reopen_count, c.responsible_office_id,
          c.routing_reason, cc.phone_last4
        from complaints c
        left join categories cat on cat.code = c.category_code
        left join urgency_grades u on u.code = c.urgency_code
        left join offices o on o.id = c.responsible_office_id
        left join complaint_contacts cc on cc.complaint_id = c.id
        where c.tracking_code = ${p.trackingCode}
        ${lock}`,
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    trackingCode: row.tracking_code as string,
    kind: row.kind as 'complaint' | 'misconduct',
    status: row.status as string,
    title: row.title as string,
    description: row.description as string,
    categoryCode: (row.category_code as string | null) ?? null,
    categoryName: (row.category_name as string | null) ?? null,
    urgencyName: (row.urgency_name as string | null) ?? null,
    officeName: (row.office_name as string | null) ?? null,
    submittedAt: new Date(row.submitted_at as string),
    triagedAt: d(row.triaged_at),
    dispatchedAt: d(row.dispatched_at),
    firstRepliedAt: d(row.first_replied_at),
    resolvedAt: d(row.resolved_at),
    closedAt: d(row.closed_at),
    dispatchDueAt: d(row.dispatch_due_at),
    firstReplyDueAt: d(row.first_reply_due_at),
    resolveDueAt: d(row.resolve_due_at),
    reopenCount: Number(row.reopen_count),
    responsibleOfficeId: row.responsible_office_id === null ? null : Number(row.responsible_office_id),
    phoneLast4: (row.phone_last4 as string | null) ?? null,
    routingReason: (row.routing_reason as string | null) ?? null,
  };
}

export interface PublicEventRow {
  type: string;
  toStatus: string | null;
  officeName: string | null;
  publicNote: string | null;
  at: Date;
}

export async function listPublicEvents(db: DbOrTx, complaintId: number): Promise<PublicEventRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select e.type, e.to_status::text as to_status, o.name as office_name, e.public_note, e.created_at
        from complaint_events e left join offices o on o.id = e.actor_office_id
        where e.complaint_id = ${complaintId} and e.public
        order by e.created_at, e.id`,
  );
  return rows.map((r) => ({
    type: r.type as string,
    toStatus: (r.to_status as string | null) ?? null,
    officeName: (r.office_name as string | null) ?? null,
    publicNote: (r.public_note as string | null) ?? null,
    at: new Date(r.created_at as string),
  }));
}

export async function listRatings(
  db: DbOrTx,
  complaintId: number,
): Promise<{ round: number; level: string; comment: string | null; at: Date }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select round, level::text as level, comment, created_at from ratings
        where complaint_id = ${complaintId} order by round, id`,
  );
  return rows.map((r) => ({
    round: Number(r.round),
    level: r.level as string,
    comment: (r.comment as string | null) ?? null,
    at: new Date(r.created_at as string),
  }));
}

export interface IntakeCategory {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
}

/**
 * How many statements have written reference data so far (`reference_data_version`, kept by
 * statement-level triggers): a cached copy read at this count is still current.
 */
export async function getReferenceDataVersion(db: DbOrTx): Promise<number> {
  const row = await queryRow<{ v: string | number }>(
    db,
    sql`select version as v from reference_data_version`,
  );
  return Number(row?.v ?? 0);
}

export async function listActiveCategories(db: DbOrTx): Promise<IntakeCategory[]> {
  const rows = await queryRows<{
    code: string;
    parent_code: string | null;
    level: number;
    name_zh: string;
    name_en: string;
  }>(
    db,
    sql`select code, parent_code, level, name_zh, name_en from categories where active
        order by coalesce(parent_code, code), level, sort_order, code`,
  );
  return rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code,
    level: Number(r.level),
    nameZh: r.name_zh,
    nameEn: r.name_en,
  }));
}

/** Attachments of one complaint (the caller has already checked the complaint is in scope). */
export async function listComplaintAttachments(
  db: DbOrTx,
  complaintId: number,
): Promise<{ id: string; kind: string; mime: string; sizeBytes: number; createdAt: Date }[]> {
  const rows = await queryRows<{
    id: string;
    kind: string;
    mime: string;
    size_bytes: number;
    created_at: string;
  }>(
    db,
    sql`select id::text, kind::text as kind, mime, size_bytes, created_at from attachments
        where complaint_id = ${complaintId} order by created_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    mime: r.mime,
    sizeBytes: Number(r.size_bytes),
    createdAt: new Date(r.created_at),
  }));
}

/** What the public building search returns: never households, persons or anything inside. */
export interface BuildingHit {
  id: number;
  address: string;
  villageName: string | null;
  lng: number;
  lat: number;
  /** Metres from the point searched near, when one was given. */
  distanceM: number | null;
}

/**
 * Buildings whose address contains `q` (spaces ignored on both sides, LIKE wildcards taken
 * literally). With a point, only buildings within `radiusM` of it (GiST on `centre`), nearest first;
 * without, by address.
 */
export async function searchBuildings(
  db: DbOrTx,
  p: { q: string; near: { lng: number; lat: number } | null; radiusM: number; limit: number },
): Promise<BuildingHit[]> {
  const needle = `%${p.q.replace(/\s+/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const near = p.near
    ? sql`ST_SetSRID(ST_MakePoint(${p.near.lng}::float8, ${p.near.lat}::float8), 4326)`
    : null;
  const rows = await queryRows<{
    id: number;
    address: string;
    village_name: string | null;
    lng: number;
    lat: number;
    d: number | null;
  }>(
    db,
    sql`select b.id, b.address, v.name as village_name, ST_X(b.centre) as lng, ST_Y(b.centre) as lat,
          ${near ? sql`ST_Distance(b.centre::geography, ${near}::geography)::float8` : sql`null::float8`} as d
        from buildings b
        join grids g on g.id = b.grid_id
        left join divisions v on v.code = g.village_code
        where replace(b.address, ' ', '') ilike ${needle}
          ${near ? sql`and ST_DWithin(b.centre, ${near}, ${p.radiusM / 90_000 + 1e-6}::float8) and ST_DWithin(b.centre::geography, ${near}::geography, ${p.radiusM}::float8)` : sql``}
        order by ${near ? sql`d,` : sql``} b.address, b.id
        limit ${p.limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    address: r.address,
    villageName: r.village_name,
    lng: Number(r.lng),
    lat: Number(r.lat),
    distanceM: r.d === null ? null : Math.round(Number(r.d)),
  }));
}

/**
 * Uploads never attached to a complaint and older than `before`, locked for this transaction
 * (`skip locked`: one a concurrent submission is claiming right now is left alone, and a claim
 * waits for this transaction; after it the row is gone and the claim fails cleanly).
 */
export async function lockOrphanUploads(
  db: DbOrTx,
  p: { before: Date; limit: number },
): Promise<{ id: string; storageKey: string }[]> {
  const rows = await queryRows<{ id: string; storage_key: string }>(
    db,
    sql`select id::text, storage_key from attachments
        where complaint_id is null and created_at < ${p.before.toISOString()}::timestamptz
        order by created_at limit ${p.limit}
        for update skip locked`,
  );
  return rows.map((r) => ({ id: r.id, storageKey: r.storage_key }));
}

export async function deleteUploads(db: DbOrTx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from attachments where id = any(${sql.param(ids)}::uuid[]) and complaint_id is null returning id::text`,
  );
  return rows.length;
}
