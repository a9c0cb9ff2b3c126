/**
 * SQL of 每月一题 (`lib/topics/`): monthly counts per town × level-1 category (the counts of the
 * surge alerts: ordinary complaints, not those waiting for manual dispatch under 其他问题; a
 * complaint's town is the one above its village), the figures that rank a problem, and the picks.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

const COUNTED = sql`complaints.kind = 'complaint' and complaints.category_code is not null
  and not (complaints.status = 'triaged' and complaints.category_code = 'QT03')`;
const TOWN = sql`coalesce(pv.parent_code, complaints.town_code)`;
const PLACE_JOIN = sql`left join divisions pv on pv.code = complaints.village_code`;
const MONTH = sql`to_char(complaints.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;

export interface TownMonthRow extends Record<string, unknown> {
  town_code: string;
  category: string;
  month: string;
  n: number;
}

/** Counts per town × level-1 category × month ('YYYY-MM', Asia/Shanghai) in [from, to), whole city. */
export async function listTownMonthCounts(db: DbOrTx, p: { from: Date; to: Date }): Promise<TownMonthRow[]> {
  const rows = await queryRows<TownMonthRow>(
    db,
    sql`select ${TOWN} as town_code, left(complaints.category_code, 2) as category, ${MONTH} as month, count(*)::int as n
        from complaints ${PLACE_JOIN}
        where ${COUNTED} and complaints.submitted_at >= ${p.from.toISOString()} and complaints.submitted_at < ${p.to.toISOString()}
          and ${TOWN} is not null
        group by 1, 2, 3`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export interface TownRow extends Record<string, unknown> {
  code: string;
  county_code: string;
  x: number;
  y: number;
}

/** Every town with its county and its centre in EPSG:4543 (metres; else its villages' centroid, else its boundary's inner point). */
export async function listTownCentres(db: DbOrTx): Promise<TownRow[]> {
  const rows = await queryRows<TownRow>(
    db,
    sql`select code, county_code, ST_X(ST_Transform(p, 4543)) as x, ST_Y(ST_Transform(p, 4543)) as y from (
          select d.code, d.parent_code as county_code,
            coalesce(d.centre, (select ST_Centroid(ST_Collect(v.centre)) from divisions v where v.parent_code = d.code),
              ST_PointOnSurface(d.boundary)) as p
          from divisions d where d.level = 'town') s
        where p is not null order by code`,
  );
  return rows.map((r) => ({ ...r, x: Number(r.x), y: Number(r.y) }));
}

export interface ProblemFigureRow extends Record<string, unknown> {
  town_code: string;
  category: string;
  offices: number;
  rated: number;
  unsatisfied: number;
  reopened: number;
}

/**
 * Per town × level-1 category of the complaints in [from, to) inside `scope` (a condition on
 * `complaints`): distinct offices involved (dispatched or transferred to, responsible, co-handling),
 * ratings and unsatisfied ones, complaints reopened at least once.
 */
export async function listProblemFigures(
  db: DbOrTx,
  p: { from: Date; to: Date; scope: SQL },
): Promise<ProblemFigureRow[]> {
  const rows = await queryRows<ProblemFigureRow>(
    db,
    sql`with base as materialized (
          select complaints.id, ${TOWN} as town_code, left(complaints.category_code, 2) as category,
            complaints.responsible_office_id, complaints.co_office_ids
          from complaints ${PLACE_JOIN}
          where ${COUNTED} and (${p.scope}) and complaints.submitted_at >= ${p.from.toISOString()}
            and complaints.submitted_at < ${p.to.toISOString()}),
        office_links as (
          select b.town_code, b.category, (e.data->>'officeId')::int as office_id
            from base b join complaint_events e on e.complaint_id = b.id
            where e.type in ('dispatched', 'transferred') and e.data ? 'officeId'
          union select b.town_code, b.category, b.responsible_office_id from base b where b.responsible_office_id is not null
          union select b.town_code, b.category, unnest(b.co_office_ids) from base b),
        offices as (select town_code, category, count(distinct office_id)::int as offices from office_links group by 1, 2),
        rated as (
          select b.town_code, b.category, count(*)::int as rated, count(*) filter (where r.level = 'unsatisfied')::int as unsatisfied
            from base b join ratings r on r.complaint_id = b.id group by 1, 2),
        reopened as (
          select b.town_code, b.category, count(distinct b.id)::int as reopened
            from base b join complaint_events e on e.complaint_id = b.id and e.type = 'reopened' group by 1, 2),
        keys as (select distinct town_code, category from base where town_code is not null)
        select k.town_code, k.category, coalesce(o.offices, 0) as offices, coalesce(r.rated, 0) as rated,
          coalesce(r.unsatisfied, 0) as unsatisfied, coalesce(x.reopened, 0) as reopened
        from keys k
        left join offices o using (town_code, category)
        left join rated r using (town_code, category)
        left join reopened x using (town_code, category)`,
  );
  return rows.map((r) => ({
    ...r,
    offices: Number(r.offices),
    rated: Number(r.rated),
    unsatisfied: Number(r.unsatisfied),
    reopened: Number(r.reopened),
  }));
}

/** Monthly counts of one town × level-1 category in [from, to) inside `scope`. */
export async function listProblemMonthCounts(
  db: DbOrTx,
  p: { townCode: string; category: string; from: Date; to: Date; scope: SQL },
): Promise<{ month: string; n: number }[]> {
  const rows = await queryRows<{ month: string; n: number }>(
    db,
    sql`select ${MONTH} as month, count(*)::int as n
        from complaints ${PLACE_JOIN}
        where ${COUNTED} and (${p.scope}) and ${TOWN} = ${p.townCode} and left(complaints.category_code, 2) = ${p.category}
          and complaints.submitted_at >= ${p.from.toISOString()} and complaints.submitted_at < ${p.to.toISOString()}
        group by 1 order by 1`,
  );
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

export interface TopicRow extends Record<string, unknown> {
  id: number;
  division_code: string;
  month: string;
  area_code: string;
  area_path: string;
  category_code: string;
  category_zh: string;
  category_en: string;
  candidate: unknown;
  note: string | null;
  picked_by: string;
  picked_at: string | Date;
}

const TOPIC_SELECT = sql`select m.id, m.division_code, to_char(m.month, 'YYYY-MM') as month, m.area_code,
    coalesce(c.name, '') || regexp_replace(t.name, '(村民委员会|居民委员会|办事处)$', '') as area_path,
    m.category_code, k.name_zh as category_zh, k.name_en as category_en, m.candidate, m.note,
    u.display_name as picked_by, m.picked_at
  from monthly_topics m
  join divisions t on t.code = m.area_code
  left join divisions c on c.code = t.parent_code
  join categories k on k.code = m.category_code
  join users u on u.id = m.picked_by_user_id`;

/** A topic is visible inside a division when its town lies in it (or is it). */
const topicWithin = (code: string) => sql`${code} in (t.code, t.parent_code, c.parent_code)`;

export async function listTopicRows(db: DbOrTx, p: { within: string }): Promise<TopicRow[]> {
  return queryRows<TopicRow>(
    db,
    sql`${TOPIC_SELECT} where ${topicWithin(p.within)} order by m.month desc, m.id desc limit 120`,
  );
}

export async function getTopicRow(db: DbOrTx, p: { id: number; within: string }): Promise<TopicRow | null> {
  const row = await queryRow<TopicRow>(
    db,
    sql`${TOPIC_SELECT} where m.id = ${p.id} and ${topicWithin(p.within)}`,
  );
  return row ?? null;
}

/** Inserts a pick; null when the division already has one for the month (unique index). */
export async function insertTopic(
  tx: DbOrTx,
  p: {
    divisionCode: string;
    month: string;
    areaCode: string;
    categoryCode: string;
    candidate: unknown;
    note: string | null;
    userId: number;
    now: Date;
  },
): Promise<number | null> {
  const row = await queryRow<{ id: number }>(
    tx,
    sql`insert into monthly_topics (division_code, month, area_code, category_code, candidate, note, picked_by_user_id, picked_at)
        values (${p.divisionCode}, ${`${p.month}-01`}::date, ${p.areaCode}, ${p.categoryCode}, ${JSON.stringify(p.candidate)}::jsonb,
          ${p.note}, ${p.userId}, ${p.now.toISOString()})
        on conflict do nothing returning id`,
  );
  return row ? Number(row.id) : null;
}

/** Level-1 categories of ordinary complaints with both names. */
export async function listTopicCategories(
  db: DbOrTx,
): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  return queryRows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories where level = 1 and code <> 'JJ' order by sort_order, code`,
  );
}
