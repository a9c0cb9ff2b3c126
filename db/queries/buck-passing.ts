/**
 * Rows behind the buck-passing analysis (推诿扯皮, lib/supervision/buck-passing.ts): the returns and
 * transfers of the caller's cases with their stated reasons and dates, and the volumes they are
 * measured against. Every query ANDs the `scope` its verb passes (the policy's `complaintScope(viewer)`) and counts ordinary
 * complaints only (misconduct reports never enter the analysis: its rankings are read by leaders).
 *
 * A bounce is a `returned` event (from: the office returning it, `data.officeId`; to: the office of
 * the next `dispatched` event of the case) or a `transferred` event (from `data.fromOfficeId` to
 * `data.officeId`). A reception is a `dispatched`, `transferred` or `escalated` event, to `data.officeId`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

interface Window {
  /** The caller's jurisdiction on `complaints` (the policy's `complaintScope`). */
  scope: SQL;
  /** Events at or after `from` and before `to`. */
  from: Date;
  to: Date;
}

const IN_SCOPE = (scope: SQL): SQL =>
  sql`complaints.kind = 'complaint' and complaints.merged_into_id is null and ${scope}`;

export interface BounceRow extends Record<string, unknown> {
  complaint_id: number;
  type: 'returned' | 'transferred';
  at: Date | string;
  reason: string | null;
  from_office_id: number | null;
  to_office_id: number | null;
}

const BOUNCE_SELECT = sql`select e.complaint_id::int as complaint_id, e.type, e.created_at as at,
         nullif(e.data->>'reason', '') as reason,
         case when e.type = 'returned'
              then coalesce((e.data->>'officeId')::int, e.actor_office_id)
              else coalesce((e.data->>'fromOfficeId')::int, e.actor_office_id) end as from_office_id,
         case when e.type = 'transferred' then (e.data->>'officeId')::int
              else (select (n.data->>'officeId')::int from complaint_events n
                    where n.complaint_id = e.complaint_id and n.type = 'dispatched'
                      and (n.created_at, n.id) > (e.created_at, e.id)
                    order by n.created_at, n.id limit 1) end as to_office_id
       from complaint_events e
       join complaints on complaints.id = e.complaint_id`;

/** Returns and transfers in the window, oldest first within each case. */
export function listBounceEvents(db: DbOrTx, p: Window) {
  return queryRows<BounceRow>(
    db,
    sql`${BOUNCE_SELECT}
        where e.type in ('returned', 'transferred')
          and e.created_at >= ${p.from.toISOString()}::timestamptz and e.created_at < ${p.to.toISOString()}::timestamptz
          and ${IN_SCOPE(p.scope)}
        order by e.complaint_id, e.created_at, e.id`,
  );
}

/** Every return and transfer of one case in the viewer's scope (the 督办函 lists them all). */
export function listCaseBounces(db: DbOrTx, p: { scope: SQL; complaintId: number }) {
  return queryRows<BounceRow>(
    db,
    sql`${BOUNCE_SELECT}
        where e.type in ('returned', 'transferred') and e.complaint_id = ${p.complaintId}
          and ${IN_SCOPE(p.scope)}
        order by e.created_at, e.id`,
  );
}

export interface BounceCaseRow extends Record<string, unknown> {
  id: number;
  tracking_code: string;
  title: string;
  status: string;
  category: string | null;
  town_code: string | null;
  responsible_office_id: number | null;
  open_letter: string | null;
}

/** The facts of the cases named (in scope): what the lists and the letter need. */
export function listBounceCases(db: DbOrTx, p: { scope: SQL; ids: number[] }) {
  if (p.ids.length === 0) return Promise.resolve([] as BounceCaseRow[]);
  return queryRows<BounceCaseRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code, complaints.title, complaints.status::text as status,
               left(complaints.category_code, 2) as category, complaints.town_code,
               complaints.responsible_office_id,
               (select l.code from supervision_letters l where l.complaint_id = complaints.id and l.answered_at is null
                order by l.issued_at desc limit 1) as open_letter
        from complaints
        where complaints.id = any(${sql.param(p.ids)}::bigint[]) and ${IN_SCOPE(p.scope)}`,
  );
}

/** Receptions (dispatched, transferred, escalated) in the window by receiving office. */
export function listOfficeReceptions(db: DbOrTx, p: Window) {
  return queryRows<{ office_id: number; received: number }>(
    db,
    sql`select (e.data->>'officeId')::int as office_id, count(*)::int as received
        from complaint_events e
        join complaints on complaints.id = e.complaint_id
        where e.type in ('dispatched', 'transferred', 'escalated') and (e.data->>'officeId') is not null
          and e.created_at >= ${p.from.toISOString()}::timestamptz and e.created_at < ${p.to.toISOString()}::timestamptz
          and ${IN_SCOPE(p.scope)}
        group by 1`,
  );
}

/** Cases received by some office in the window, by level-1 category × town. */
export function listComboCases(db: DbOrTx, p: Window) {
  return queryRows<{ category: string; town_code: string; cases: number }>(
    db,
    sql`select left(complaints.category_code, 2) as category, complaints.town_code, count(distinct complaints.id)::int as cases
        from complaint_events e
        join complaints on complaints.id = e.complaint_id
        where e.type in ('dispatched', 'transferred', 'escalated')
          and e.created_at >= ${p.from.toISOString()}::timestamptz and e.created_at < ${p.to.toISOString()}::timestamptz
          and complaints.category_code is not null and complaints.town_code is not null
          and ${IN_SCOPE(p.scope)}
        group by 1, 2`,
  );
}

/** Names for the offices, level-1 categories and towns in a result. */
export async function listBuckPassingNames(
  db: DbOrTx,
  p: { officeIds: number[]; categories: string[]; towns: string[] },
) {
  const [offices, categories, towns] = await Promise.all([
    queryRows<{ id: number; name: string; tier: string }>(
      db,
      sql`select id, name, tier::text as tier from offices where id = any(${sql.param(p.officeIds)}::int[])`,
    ),
    queryRows<{ code: string; name_zh: string; name_en: string }>(
      db,
      sql`select code, name_zh, name_en from categories where code = any(${sql.param(p.categories)}::text[])`,
    ),
    queryRows<{ code: string; name: string; county: string | null }>(
      db,
      sql`select d.code, d.name, c.name as county from divisions d left join divisions c on c.code = d.parent_code
          where d.code = any(${sql.param(p.towns)}::text[])`,
    ),
  ]);
  return { offices, categories, towns };
}

export interface ReplayCaseRow extends Record<string, unknown> {
  id: number;
  category_code: string;
  tier: string | null;
  village_code: string;
  first_office_id: number | null;
  final_office_id: number | null;
  bounces: number;
}

/**
 * The cases a routing amendment is replayed on: ordinary complaints of one level-1 category in one
 * town first dispatched in [from, to), each with the tier triage gave it (else its first office's), its
 * first dispatched office, the office holding it now and its returns and transfers. Aggregated by the
 * caller (an admin sees counts only); the town is checked against the caller's division by the verb.
 */
export function listReplayCases(
  db: DbOrTx,
  p: { categoryCode: string; townCode: string; from: Date; to: Date },
) {
  return queryRows<ReplayCaseRow>(
    db,
    sql`with firsts as (
          select distinct on (e.complaint_id) e.complaint_id, (e.data->>'officeId')::int as office_id, e.created_at
          from complaint_events e
          join complaints c on c.id = e.complaint_id
          where e.type = 'dispatched' and (e.data->>'officeId') is not null
            and c.kind = 'complaint' and c.merged_into_id is null
            and c.town_code = ${p.townCode} and left(c.category_code, 2) = ${p.categoryCode}
          order by e.complaint_id, e.created_at, e.id
        )
        select c.id::int as id, c.category_code, c.village_code,
               coalesce((select t.data->>'tier' from complaint_events t where t.complaint_id = c.id and t.type = 'triaged'
                         order by t.created_at desc, t.id desc limit 1), fo.tier::text) as tier,
               f.office_id as first_office_id, c.responsible_office_id as final_office_id,
               (select count(*)::int from complaint_events b where b.complaint_id = c.id and b.type in ('returned', 'transferred')) as bounces
        from firsts f
        join complaints c on c.id = f.complaint_id
        left join offices fo on fo.id = f.office_id
        where f.created_at >= ${p.from.toISOString()}::timestamptz and f.created_at < ${p.to.toISOString()}::timestamptz
          and c.village_code is not null`,
  );
}
