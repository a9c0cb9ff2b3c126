/** Cross-checks that turn complaint patterns into clue findings, and the clue records themselves. */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

export interface Window {
  from: Date;
  to: Date;
}

const inWindow = (w: Window) =>
  sql`complaints.submitted_at >= ${w.from.toISOString()}::timestamptz and complaints.submitted_at < ${w.to.toISOString()}::timestamptz`;

export interface FacilityTopicRow extends Record<string, unknown> {
  officeId: number;
  officeName: string;
  kind: string;
  topic: string;
  topicName: string;
  /** Facilities of this kind under this office. */
  facilitiesTotal: number;
  /** Of them, those with at least `minPerFacility` complaints on the topic. */
  facilitiesWithTopic: number;
  complaints: number;
  /** Complaints on the topic per facility of this kind under other offices (the baseline). */
  baselinePerFacility: number;
  facilities: { id: number; name: string; count: number }[];
}

/**
 * For every (supervising office, facility kind, level-2 topic): how many of the office's facilities
 * of that kind drew complaints on the topic in the window, against the same rate elsewhere.
 * `scope` limits complaints (caller's jurisdiction); `facilityScope` limits facilities.
 */
export async function listFacilityTopicStats(
  db: DbOrTx,
  params: { window: Window; minPerFacility: number; scope: SQL; facilityScope: SQL },
): Promise<FacilityTopicRow[]> {
  return queryRows<FacilityTopicRow>(
    db,
    sql`with fac as (
          select f.id, f.name, f.kind::text as kind, f.supervising_office_id as office_id from facilities f where ${params.facilityScope}
        ), per as (
          select complaints.facility_id, complaints.category_code as topic, count(*)::int as n
          from complaints join fac on fac.id = complaints.facility_id
          where complaints.kind = 'complaint' and complaints.category_code is not null and ${inWindow(params.window)} and (${params.scope})
          group by 1, 2
        ), totals as (
          select office_id, kind, count(*)::int as n from fac group by 1, 2
        ), topic as (
          select fac.office_id, fac.kind, per.topic,
            count(*) filter (where per.n >= ${params.minPerFacility})::int as with_topic,
            sum(per.n)::int as complaints,
            json_agg(json_build_object('id', fac.id, 'name', fac.name, 'count', per.n) order by per.n desc) as facilities
          from per join fac on fac.id = per.facility_id group by 1, 2, 3
        ), kind_topic as (
          select fac.kind, per.topic, sum(per.n)::float8 as n from per join fac on fac.id = per.facility_id group by 1, 2
        ), kind_total as (select kind, count(*)::float8 as n from fac group by 1)
        select t.office_id as "officeId", o.name as "officeName", t.kind, t.topic, coalesce(cat.name_zh, t.topic) as "topicName",
          tot.n as "facilitiesTotal", t.with_topic as "facilitiesWithTopic", t.complaints,
          coalesce((kt.n - t.complaints) / nullif(kl.n - tot.n, 0), 0)::float8 as "baselinePerFacility",
          t.facilities
        from topic t
        join totals tot on tot.office_id = t.office_id and tot.kind = t.kind
        join offices o on o.id = t.office_id
        join kind_topic kt on kt.kind = t.kind and kt.topic = t.topic
        join kind_total kl on kl.kind = t.kind
        left join categories cat on cat.code = t.topic
        where t.with_topic >= 2
        order by t.office_id, t.kind, t.topic`,
  );
}

export interface OfficeClosureRow extends Record<string, unknown> {
  officeId: number;
  officeName: string;
  resolved: number;
  /** Resolved cases rated unsatisfied or reopened. */
  disputed: number;
  spotChecks: number;
  spotChecksFailed: number;
}

/** Per responsible office: resolved cases, how many were then rated unsatisfied or reopened, and spot-check failures. */
export async function listOfficeClosureStats(
  db: DbOrTx,
  params: { window: Window; scope: SQL },
): Promise<OfficeClosureRow[]> {
  return queryRows<OfficeClosureRow>(
    db,
    sql`with resolved as (
          select complaints.id, complaints.responsible_office_id as office_id, complaints.reopen_count
          from complaints where complaints.kind = 'complaint' and complaints.resolved_at is not null
            and complaints.responsible_office_id is not null and ${inWindow(params.window)} and (${params.scope})
        )
        select r.office_id as "officeId", o.name as "officeName", count(*)::int as resolved,
          count(*) filter (where r.reopen_count > 0 or exists (
            select 1 from ratings where ratings.complaint_id = r.id and ratings.level = 'unsatisfied'))::int as disputed,
          (select count(*)::int from spot_checks s join resolved r2 on r2.id = s.complaint_id
            where r2.office_id = r.office_id and s.result <> 'pending') as "spotChecks",
          (select count(*)::int from spot_checks s join resolved r2 on r2.id = s.complaint_id
            where r2.office_id = r.office_id and s.result = 'failed') as "spotChecksFailed"
        from resolved r join offices o on o.id = r.office_id
        group by r.office_id, o.name`,
  );
}

export interface FacilityEnforcementRow extends Record<string, unknown> {
  facilityId: number;
  facilityName: string;
  kind: string;
  officeId: number;
  officeName: string;
  complaints: number;
  enforcementActions: number;
  /** Whether any enforcement record of the supervising office has been imported at all. */
  officeHasRecords: boolean;
}

/** Facilities with at least `minComplaints` complaints in the window, with their enforcement actions in it. */
export async function listFacilityEnforcement(
  db: DbOrTx,
  params: { window: Window; minComplaints: number; scope: SQL; facilityScope: SQL },
): Promise<FacilityEnforcementRow[]> {
  return queryRows<FacilityEnforcementRow>(
    db,
    sql`select f.id as "facilityId", f.name as "facilityName", f.kind::text as kind, f.supervising_office_id as "officeId",
          o.name as "officeName", count(*)::int as complaints,
          (select count(*)::int from enforcement_actions e where e.facility_id = f.id
             and e.acted_on >= ${params.window.from.toISOString()}::timestamptz and e.acted_on < ${params.window.to.toISOString()}::timestamptz) as "enforcementActions",
          exists (select 1 from enforcement_actions e2 join facilities f2 on f2.id = e2.facility_id
                  where f2.supervising_office_id = f.supervising_office_id) as "officeHasRecords"
        from complaints join facilities f on f.id = complaints.facility_id join offices o on o.id = f.supervising_office_id
        where complaints.kind = 'complaint' and ${inWindow(params.window)} and (${params.scope}) and ${params.facilityScope}
        group by f.id, f.name, f.kind, f.supervising_office_id, o.name
        having count(*) >= ${params.minComplaints}
        order by complaints desc`,
  );
}

/** Complaint ids behind a finding (facilities × topics in the window), for the clue's evidence. */
export async function listComplaintIdsAtFacilities(
  db: DbOrTx,
  params: { window: Window; facilityIds: number[]; topics?: string[]; scope: SQL },
): Promise<number[]> {
  if (params.facilityIds.length === 0) return [];
  const ids = sql.join(
    params.facilityIds.map((i) => sql`${i}`),
    sql`, `,
  );
  const topics = params.topics?.length
    ? sql`and complaints.category_code in (${sql.join(
        params.topics.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select complaints.id::int as id from complaints where complaints.facility_id in (${ids}) ${topics}
        and complaints.kind = 'complaint' and ${inWindow(params.window)} and (${params.scope}) order by complaints.id`,
  );
  return rows.map((r) => r.id);
}

export async function nextClueCode(db: DbOrTx, year: number): Promise<string> {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int + 1 as n from clues where code like ${`XS${year}%`}`,
  );
  return `XS${year}${String(row?.n ?? 1).padStart(4, '0')}`;
}

export interface ClueRow extends Record<string, unknown> {
  id: number;
  code: string;
  kind: string;
  title: string;
  summary: string;
  score: number;
  status: 'new' | 'verifying' | 'filed' | 'dismissed';
  suspectedOfficeId: number | null;
  suspectedOfficeName: string | null;
  divisionCode: string | null;
  evidence: Record<string, unknown> | null;
  complaints: number;
  createdAt: string;
  updatedAt: string;
}

/** Clues whose division lies under `prefix` (city-level callers also see clues with no division). */
function clueVisible(prefix: string, includeUnplaced: boolean): SQL {
  return includeUnplaced
    ? sql`(starts_with(c.division_code, ${prefix}) or c.division_code is null)`
    : sql`starts_with(c.division_code, ${prefix})`;
}

const clueColumns = sql`c.id, c.code, c.kind, c.title, c.summary, c.score, c.status::text as status,
  c.suspected_office_id as "suspectedOfficeId", o.name as "suspectedOfficeName", c.division_code as "divisionCode",
  c.evidence, (select count(*)::int from clue_complaints cc where cc.clue_id = c.id) as complaints,
  c.created_at as "createdAt", c.updated_at as "updatedAt"`;

export async function listClueRows(
  db: DbOrTx,
  params: { prefix: string; includeUnplaced: boolean; status?: string },
): Promise<ClueRow[]> {
  return queryRows<ClueRow>(
    db,
    sql`select ${clueColumns} from clues c left join offices o on o.id = c.suspected_office_id
        where ${clueVisible(params.prefix, params.includeUnplaced)} ${params.status ? sql`and c.status = ${params.status}` : sql``}
        order by (c.status in ('new', 'verifying')) desc, c.score desc, c.created_at desc limit 500`,
  );
}

export async function getClueRow(
  db: DbOrTx,
  params: { id: number; prefix: string; includeUnplaced: boolean },
): Promise<ClueRow | undefined> {
  return queryRow<ClueRow>(
    db,
    sql`select ${clueColumns} from clues c left join offices o on o.id = c.suspected_office_id
        where c.id = ${params.id} and ${clueVisible(params.prefix, params.includeUnplaced)}`,
  );
}

export async function findClueByFindingKey(
  db: DbOrTx,
  params: { key: string },
): Promise<{ id: number } | undefined> {
  return queryRow<{ id: number }>(
    db,
    sql`select id from clues where evidence ->> 'findingKey' = ${params.key} and status in ('new', 'verifying') limit 1`,
  );
}

export async function insertClue(
  db: DbOrTx,
  params: {
    code: string;
    kind: string;
    title: string;
    summary: string;
    score: number;
    officeId: number | null;
    divisionCode: string;
    evidence: Record<string, unknown>;
    userId: number;
    complaintIds: number[];
  },
): Promise<number> {
  const row = await queryRow<{ id: number }>(
    db,
    sql`insert into clues (code, kind, title, summary, score, suspected_office_id, division_code, evidence, created_by_user_id)
        values (${params.code}, ${params.kind}, ${params.title}, ${params.summary}, ${params.score}, ${params.officeId},
                ${params.divisionCode}, ${JSON.stringify(params.evidence)}::jsonb, ${params.userId})
        returning id`,
  );
  const id = row!.id;
  if (params.complaintIds.length) {
    await db.execute(sql`insert into clue_complaints (clue_id, complaint_id)
      select ${id}, unnest(${sql.param(params.complaintIds)}::bigint[])`);
  }
  return id;
}

/** Move a clue on only if it is still in `from` (a lost race changes nothing); returns whether it moved. */
export async function updateClueStatus(
  db: DbOrTx,
  params: { id: number; from: string; to: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update clues set status = ${params.to}, updated_at = now() where id = ${params.id} and status = ${params.from} returning id`,
  );
  return rows.length === 1;
}

export async function insertClueNote(
  db: DbOrTx,
  params: { clueId: number; userId: number; from: string | null; to: string | null; note: string },
): Promise<void> {
  await db.execute(sql`insert into clue_notes (clue_id, author_user_id, from_status, to_status, note)
    values (${params.clueId}, ${params.userId}, ${params.from}, ${params.to}, ${params.note})`);
}

export interface ClueNoteRow extends Record<string, unknown> {
  id: number;
  author: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  createdAt: string;
}

export async function listClueNotes(db: DbOrTx, params: { clueId: number }): Promise<ClueNoteRow[]> {
  return queryRows<ClueNoteRow>(
    db,
    sql`select n.id, u.display_name as author, n.from_status::text as "fromStatus", n.to_status::text as "toStatus", n.note,
          n.created_at as "createdAt"
        from clue_notes n left join users u on u.id = n.author_user_id where n.clue_id = ${params.clueId} order by n.created_at, n.id`,
  );
}

export async function listClueComplaintIds(db: DbOrTx, params: { clueId: number }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select complaint_id::int as id from clue_complaints where clue_id = ${params.clueId} order by 1 limit 1000`,
  );
  return rows.map((r) => r.id);
}
