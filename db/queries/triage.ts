/** Rows the triage verbs read and write: training texts, model snapshots, duplicate candidates. */
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { triageModels } from '../schema';
import { queryRow, queryRows } from '../sql';

/**
 * Staff-confirmed categories: complaints whose category a staff member recategorised (the category
 * now stored is the override), whose responsible office accepted the case with that category, or that
 * a staff member dispatched by hand keeping its category. Confirmed after `since`; newest
 * confirmation first, at most `limit`.
 */
export async function listConfirmedCategoryTexts(db: DbOrTx, params: { limit: number; since?: Date | null }) {
  const since = (params.since ?? new Date(0)).toISOString();
  const rows = await queryRows<{
    id: string | number;
    title: string;
    description: string;
    category_code: string;
    confirmed_at: string;
  }>(
    db,
    sql`select c.id, c.title, c.description, c.category_code, e.confirmed_at
        from complaints c
        join lateral (select max(e.created_at) as confirmed_at from complaint_events e
                       where e.complaint_id = c.id
                         and (e.type in ('recategorized', 'accepted')
                              -- a manual dispatch confirms the category it kept, unless that is the
                              -- fallback 其他问题 given when triage abstained
                              or (e.type = 'dispatched' and e.actor_user_id is not null
                                  and c.category_code <> 'QT03'))
                         and e.created_at > ${since}::timestamptz) e on e.confirmed_at is not null
        where c.category_code is not null and c.status <> 'merged'
        order by e.confirmed_at desc
        limit ${params.limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    text: `${r.title}\n${r.description}`,
    label: r.category_code,
    confirmedAt: new Date(r.confirmed_at),
  }));
}

/** Staff decisions before this moment are not learnt from (the demo seed's generated history). */
export const TRIAGE_LEARN_SINCE_KEY = 'triage.learnFromSince';

export async function getTriageLearnSince(db: DbOrTx): Promise<Date | null> {
  const row = await queryRow<{ value: unknown }>(
    db,
    sql`select value from settings where key = ${TRIAGE_LEARN_SINCE_KEY}`,
  );
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

export async function setTriageLearnSince(db: DbOrTx, at: Date): Promise<void> {
  await db.execute(
    sql`insert into settings (key, value) values (${TRIAGE_LEARN_SINCE_KEY}, ${JSON.stringify(at.toISOString())}::jsonb)
        on conflict (key) do update set value = excluded.value, updated_at = now()`,
  );
}

/** Confirmations (acceptances and recategorisations) recorded after a moment. */
export async function countConfirmationsSince(db: DbOrTx, since: Date): Promise<number> {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaint_events
        where (type in ('recategorized', 'accepted') or (type = 'dispatched' and actor_user_id is not null))
          and created_at > ${since.toISOString()}::timestamptz`,
  );
  return row?.n ?? 0;
}

/** Active level-2 category codes (the labels a suggestion may take). */
export async function listLeafCategoryCodes(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from categories where level = 2 and active order by code`,
  );
  return rows.map((r) => r.code);
}

export async function getCategoryForRecategorize(db: DbOrTx, code: string) {
  return (
    (await queryRow<{ code: string; level: number; active: boolean; name_zh: string }>(
      db,
      sql`select code, level, active, name_zh from categories where code = ${code}`,
    )) ?? null
  );
}

export async function insertTriageModel(db: DbOrTx, row: typeof triageModels.$inferInsert) {
  const [inserted] = await db.insert(triageModels).values(row).returning({ id: triageModels.id });
  return inserted!.id;
}

/** The id and time of the model triage uses: the active snapshot (cheap: no model body). */
export async function getLatestTriageModelHead(db: DbOrTx) {
  const [row] = await db
    .select({ id: triageModels.id, createdAt: triageModels.createdAt })
    .from(triageModels)
    .where(eq(triageModels.status, 'active'))
    .orderBy(desc(triageModels.promotedAt), desc(triageModels.id))
    .limit(1);
  return row ?? null;
}

/** The newest snapshot of any status (its time: when the last training ran). */
export async function getNewestTriageModelHead(db: DbOrTx) {
  const [row] = await db
    .select({ id: triageModels.id, createdAt: triageModels.createdAt })
    .from(triageModels)
    .orderBy(desc(triageModels.id))
    .limit(1);
  return row ?? null;
}

export async function getTriageModel(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: triageModels.id,
      model: triageModels.model,
      status: triageModels.status,
      createdAt: triageModels.createdAt,
    })
    .from(triageModels)
    .where(eq(triageModels.id, id));
  return row ?? null;
}

/** Every stored version without its body, newest first (the admin's model list). */
export async function listTriageModelVersions(db: DbOrTx) {
  return db
    .select({
      id: triageModels.id,
      kind: triageModels.kind,
      status: triageModels.status,
      trigger: triageModels.trigger,
      confirmedCount: triageModels.confirmedCount,
      corpusCount: triageModels.corpusCount,
      labelCount: triageModels.labelCount,
      metrics: triageModels.metrics,
      createdAt: triageModels.createdAt,
      promotedAt: triageModels.promotedAt,
    })
    .from(triageModels)
    .orderBy(desc(triageModels.id));
}

/** Make one version the active model; the one active before is retired (kept for rollback). */
export async function activateTriageModel(db: DbOrTx, params: { id: number; at: Date }) {
  await db
    .update(triageModels)
    .set({ status: 'retired' })
    .where(and(eq(triageModels.status, 'active'), ne(triageModels.id, params.id)));
  await db
    .update(triageModels)
    .set({ status: 'active', promotedAt: params.at })
    .where(eq(triageModels.id, params.id));
}

/** Keep the active version and the `keep` newest others (retired for rollback, candidates for review). */
export async function pruneTriageModels(db: DbOrTx, keep: number) {
  await db.execute(
    sql`delete from triage_models where status <> 'active' and id not in (
          select id from triage_models where status <> 'active' order by id desc limit ${keep})`,
  );
}

export interface DuplicateCandidateRow {
  id: number;
  trackingCode: string;
  title: string;
  description: string;
  status: string;
  categoryCode: string | null;
  submittedAt: Date;
  distanceM: number;
}

/**
 * Open cases near one complaint: within `radiusM` metres (geography distance, GiST-assisted by the
 * degree box), submitted within `days` either side, same level-1 category, same kind, not merged or
 * rejected, inside the caller's scope.
 */
export async function listDuplicateCandidates(
  db: DbOrTx,
  params: { complaintId: number; radiusM: number; days: number; scope: SQL; limit?: number },
): Promise<DuplicateCandidateRow[]> {
  // ≈ 111 km per degree of latitude; the box is widened for longitude at Panzhihua's latitude and
  // only pre-filters: the geography distance decides.
  const boxDeg = (params.radiusM / 111_000) * 1.5;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select complaints.id, complaints.tracking_code, complaints.title, complaints.description,
          complaints.status::text as status, complaints.category_code, complaints.submitted_at,
          ST_Distance(complaints.location::geography, me.location::geography) as distance_m
        from complaints, complaints me
        where me.id = ${params.complaintId}
          and complaints.id <> me.id
          and complaints.kind = me.kind
          and complaints.status not in ('merged', 'rejected')
          and left(complaints.category_code, 2) = left(me.category_code, 2)
          and complaints.submitted_at between me.submitted_at - make_interval(days => ${params.days})
                                         and me.submitted_at + make_interval(days => ${params.days})
          and ST_DWithin(complaints.location, me.location, ${boxDeg})
          and ST_DWithin(complaints.location::geography, me.location::geography, ${params.radiusM})
          and ${params.scope}
        order by distance_m
        limit ${params.limit ?? 50}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    trackingCode: r.tracking_code as string,
    title: r.title as string,
    description: r.description as string,
    status: r.status as string,
    categoryCode: (r.category_code as string | null) ?? null,
    submittedAt: new Date(r.submitted_at as string),
    distanceM: Number(r.distance_m),
  }));
}

/**
 * The case a merged complaint now follows (the end of its merged_into chain) and when it was merged;
 * null when the complaint is not merged.
 */
export async function getMergePrimary(db: DbOrTx, complaintId: number) {
  const row = await queryRow<{ primary_id: string | number; merged_at: string }>(
    db,
    sql`with recursive chain(id, next_id, depth) as (
          select id, merged_into_id, 0 from complaints where id = ${complaintId} and status = 'merged'
          union all
          select c.id, c.merged_into_id, chain.depth + 1 from complaints c
          join chain on c.id = chain.next_id where chain.depth < 10
        )
        select (select id from chain where next_id is null or depth = 10 order by depth desc limit 1) as primary_id,
               (select max(e.created_at) from complaint_events e
                 where e.complaint_id = ${complaintId} and e.type = 'merged') as merged_at
        where exists (select 1 from chain where depth > 0)`,
  );
  if (!row || row.primary_id === null) return null;
  return { primaryId: Number(row.primary_id), mergedAt: new Date(row.merged_at) };
}
