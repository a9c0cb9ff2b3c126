/** Cross-checks that turn complaint patterns into clue findings, and the clue records themselves. */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { countedFacilityLinkSql } from './complaint-links';

export interface Window {
  from: Date;
  to: Date;
}

const inWindow = (w: Window) =>
  sql`complaints.submitted_at >= ${w.from.toISOString()}::timestamptz and complaints.submitted_at < ${w.to.toISOString()}::timestamptz`;

export interface FindingFacilityRow extends Record<string, unknown> {
  id: number;
  name: string;
  kind: string;
  officeId: number;
  officeName: string;
  divisionCode: string;
  townCode: string | null;
  townPopulation: number | null;
}

/**
 * Every facility of the city with its kind, supervising office, and the town it sits in with that
 * town's census population: the facility test's exposures.
 */
export async function listFindingFacilities(db: DbOrTx): Promise<FindingFacilityRow[]> {
  return queryRows<FindingFacilityRow>(
    db,
    sql`select f.id, f.name, f.kind::text as kind, f.supervising_office_id as "officeId", o.name as "officeName",
          f.division_code as "divisionCode", t.code as "townCode", t.population as "townPopulation"
        from facilities f join offices o on o.id = f.supervising_office_id
        join divisions d on d.code = f.division_code
        left join divisions t on t.code = case d.level when 'village' then d.parent_code when 'town' then d.code end
        order by f.id`,
  );
}

/**
 * A case still in the manual dispatch queue carries the fallback category (其他问题, QT03) only because
 * triage could not tell one: it is no topic yet, so facility findings leave it out until staff dispatch
 * it (as the surge alerts and 每月一题 do), or a burst of unclassifiable texts would read as 其他.
 */
const CATEGORY_DECIDED = sql`not (complaints.status = 'triaged' and complaints.category_code = 'QT03')`;

export interface FacilityCategoryCountRow extends Record<string, unknown> {
  facilityId: number;
  categoryCode: string;
  n: number;
}

/**
 * Complaints per facility and category code in the window, city-wide (aggregates only: the reference
 * of the facility test is every facility of a kind). Only complaints (not misconduct reports) whose
 * facility link counts (`countedFacilityLinkSql`: confirmed, corrected, or confident enough) and whose
 * category is decided (`CATEGORY_DECIDED`).
 */
export async function listFacilityCategoryCounts(
  db: DbOrTx,
  params: { window: Window },
): Promise<FacilityCategoryCountRow[]> {
  return queryRows<FacilityCategoryCountRow>(
    db,
    sql`select complaints.facility_id as "facilityId", complaints.category_code as "categoryCode", count(*)::int as n
        from complaints
        where complaints.kind = 'complaint' and complaints.category_code is not null and ${inWindow(params.window)}
          and ${countedFacilityLinkSql('complaints')} and ${CATEGORY_DECIDED}
        group by 1, 2`,
  );
}

export interface CategoryRefRow extends Record<string, unknown> {
  code: string;
  level: number;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export async function listCategoryRefs(db: DbOrTx): Promise<CategoryRefRow[]> {
  return queryRows<CategoryRefRow>(
    db,
    sql`select code, level::int as level, parent_code as "parentCode", name_zh as "nameZh", name_en as "nameEn" from categories`,
  );
}

export interface FindingSampleRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  categoryName: string | null;
  facilityName: string;
  submittedAt: string;
}

/** The most recent complaints behind a facility finding, within `scope` (the caller's jurisdiction). */
export async function listFacilityFindingSamples(
  db: DbOrTx,
  params: { window: Window; facilityIds: number[]; codes: string[]; scope: SQL; limit: number },
): Promise<FindingSampleRow[]> {
  if (params.facilityIds.length === 0 || params.codes.length === 0) return [];
  return queryRows<FindingSampleRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          cat.name_zh as "categoryName", f.name as "facilityName", complaints.submitted_at as "submittedAt"
        from complaints join facilities f on f.id = complaints.facility_id
        left join categories cat on cat.code = complaints.category_code
        where complaints.facility_id = any(${sql.param(params.facilityIds)}::int[])
          and complaints.category_code = any(${sql.param(params.codes)}::text[])
          and complaints.kind = 'complaint' and ${inWindow(params.window)} and ${countedFacilityLinkSql('complaints')}
          and ${CATEGORY_DECIDED} and (${params.scope})
        order by complaints.submitted_at desc, complaints.id desc limit ${params.limit}`,
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
        where complaints.kind = 'complaint' and ${countedFacilityLinkSql('complaints')} and ${inWindow(params.window)} and (${params.scope}) and ${params.facilityScope}
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
        and complaints.kind = 'complaint' and ${countedFacilityLinkSql('complaints')} and ${inWindow(params.window)} and (${params.scope}) order by complaints.id`,
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

/** A clue as its list and detail read it. */
export interface Clue {
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
export type ClueRow = Clue & Record<string, unknown>;

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

/** One note of a clue's history (who moved it, from and to which status, why). */
export interface ClueNote {
  id: number;
  author: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  createdAt: string;
}
type ClueNoteRow = ClueNote & Record<string, unknown>;

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
