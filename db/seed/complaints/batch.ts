/** Column arrays for one batch of complaints and the rows hanging off them, written with unnest(). */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../client';

type N = number | null;
type S = string | null;

export class Batch {
  c = {
    id: [] as number[],
    tracking: [] as string[],
    kind: [] as string[],
    channel: [] as string[],
    title: [] as string[],
    description: [] as string[],
    category: [] as string[],
    urgency: [] as string[],
    triageReason: [] as string[],
    lng: [] as number[],
    lat: [] as number[],
    address: [] as string[],
    county: [] as string[],
    town: [] as string[],
    village: [] as string[],
    grid: [] as N[],
    building: [] as N[],
    household: [] as N[],
    facility: [] as N[],
    anonymous: [] as boolean[],
    reportedBy: [] as N[],
    status: [] as string[],
    office: [] as N[],
    coOffices: [] as string[],
    routingReason: [] as S[],
    mergedInto: [] as N[],
    reopenCount: [] as number[],
    returnCount: [] as number[],
    submittedAt: [] as number[],
    triagedAt: [] as N[],
    dispatchedAt: [] as N[],
    acceptedAt: [] as N[],
    firstRepliedAt: [] as N[],
    resolvedAt: [] as N[],
    closedAt: [] as N[],
    dispatchDueAt: [] as N[],
    firstReplyDueAt: [] as N[],
    resolveDueAt: [] as N[],
    updatedAt: [] as number[],
  };
  contacts = { id: [] as number[], name: [] as S[], phone: [] as S[], last4: [] as S[] };
  events = {
    complaintId: [] as number[],
    type: [] as string[],
    from: [] as S[],
    to: [] as S[],
    actorUser: [] as N[],
    actorOffice: [] as N[],
    note: [] as S[],
    data: [] as S[],
    public: [] as boolean[],
    at: [] as number[],
  };
  ratings = {
    complaintId: [] as number[],
    round: [] as number[],
    level: [] as string[],
    comment: [] as S[],
    at: [] as number[],
  };
  letters = {
    code: [] as string[],
    complaintId: [] as number[],
    office: [] as number[],
    issuer: [] as number[],
    issuedBy: [] as N[],
    reason: [] as string[],
    issuedAt: [] as number[],
    dueAt: [] as number[],
    answeredAt: [] as N[],
    answer: [] as S[],
  };
  spotChecks = {
    complaintId: [] as number[],
    inspector: [] as N[],
    sampledAt: [] as number[],
    result: [] as string[],
    finding: [] as S[],
    checkedAt: [] as N[],
  };
  visits = {
    complaintId: [] as number[],
    building: [] as N[],
    household: [] as N[],
    visitor: [] as number[],
    method: [] as string[],
    outcome: [] as string[],
    note: [] as S[],
    at: [] as number[],
  };

  get size(): number {
    return this.c.id.length;
  }
}

const p = (v: unknown[]) => sql.param(v);
/** epoch milliseconds → timestamptz, null-safe. */
const ts = (col: string) => sql.raw(`to_timestamp(${col} / 1000.0)`);

export async function writeBatch(db: DbOrTx, b: Batch): Promise<void> {
  const c = b.c;
  if (c.id.length) {
    await db.execute(sql`
      insert into complaints (id, tracking_code, kind, channel, title, description, category_code, urgency_code,
        triage_reason, location, address, county_code, town_code, village_code, grid_id, building_id,
        household_id, facility_id, anonymous, reported_by_user_id, status, responsible_office_id,
        co_office_ids, routing_reason, merged_into_id, reopen_count, return_count, submitted_at, triaged_at,
        dispatched_at, accepted_at, first_replied_at, resolved_at, closed_at, dispatch_due_at,
        first_reply_due_at, resolve_due_at, updated_at)
      select id, tracking, kind::complaint_kind, channel::channel, title, description, category, urgency,
        triage_reason, ST_SetSRID(ST_MakePoint(lng, lat), 4326), address, county, town, village, grid, building,
        household, facility, anonymous, reported_by, status::complaint_status, office,
        co_offices::int[], routing_reason, merged_into, reopen_count, return_count, ${ts('submitted_at')},
        ${ts('triaged_at')}, ${ts('dispatched_at')}, ${ts('accepted_at')}, ${ts('first_replied_at')},
        ${ts('resolved_at')}, ${ts('closed_at')}, ${ts('dispatch_due_at')}, ${ts('first_reply_due_at')},
        ${ts('resolve_due_at')}, ${ts('updated_at')}
      from unnest(${p(c.id)}::bigint[], ${p(c.tracking)}::text[], ${p(c.kind)}::text[], ${p(c.channel)}::text[],
        ${p(c.title)}::text[], ${p(c.description)}::text[], ${p(c.category)}::text[], ${p(c.urgency)}::text[],
        ${p(c.triageReason)}::text[], ${p(c.lng)}::float8[], ${p(c.lat)}::float8[], ${p(c.address)}::text[],
        ${p(c.county)}::text[], ${p(c.town)}::text[], ${p(c.village)}::text[], ${p(c.grid)}::int[],
        ${p(c.building)}::int[], ${p(c.household)}::int[], ${p(c.facility)}::int[], ${p(c.anonymous)}::bool[],
        ${p(c.reportedBy)}::int[], ${p(c.status)}::text[], ${p(c.office)}::int[], ${p(c.coOffices)}::text[],
        ${p(c.routingReason)}::text[], ${p(c.mergedInto)}::bigint[], ${p(c.reopenCount)}::int[],
        ${p(c.returnCount)}::int[], ${p(c.submittedAt)}::float8[], ${p(c.triagedAt)}::float8[],
        ${p(c.dispatchedAt)}::float8[], ${p(c.acceptedAt)}::float8[], ${p(c.firstRepliedAt)}::float8[],
        ${p(c.resolvedAt)}::float8[], ${p(c.closedAt)}::float8[], ${p(c.dispatchDueAt)}::float8[],
        ${p(c.firstReplyDueAt)}::float8[], ${p(c.resolveDueAt)}::float8[], ${p(c.updatedAt)}::float8[])
        as t(id, tracking, kind, channel, title, description, category, urgency, triage_reason, lng, lat,
             address, county, town, village, grid, building, household, facility, anonymous, reported_by,
             status, office, co_offices, routing_reason, merged_into, reopen_count, return_count,
             submitted_at, triaged_at, dispatched_at, accepted_at, first_replied_at, resolved_at, closed_at,
             dispatch_due_at, first_reply_due_at, resolve_due_at, updated_at)`);
  }
  const k = b.contacts;
  if (k.id.length) {
    await db.execute(sql`insert into complaint_contacts (complaint_id, name, phone, phone_last4)
      select * from unnest(${p(k.id)}::bigint[], ${p(k.name)}::text[], ${p(k.phone)}::text[], ${p(k.last4)}::text[])`);
  }
  const e = b.events;
  if (e.complaintId.length) {
    await db.execute(sql`
      insert into complaint_events (complaint_id, type, from_status, to_status, actor_user_id, actor_office_id,
        public_note, data, public, created_at)
      select complaint_id, type, from_status::complaint_status, to_status::complaint_status, actor_user,
        actor_office, note, data::jsonb, pub, ${ts('at')}
      from unnest(${p(e.complaintId)}::bigint[], ${p(e.type)}::text[], ${p(e.from)}::text[], ${p(e.to)}::text[],
        ${p(e.actorUser)}::int[], ${p(e.actorOffice)}::int[], ${p(e.note)}::text[], ${p(e.data)}::text[],
        ${p(e.public)}::bool[], ${p(e.at)}::float8[])
        as t(complaint_id, type, from_status, to_status, actor_user, actor_office, note, data, pub, at)`);
  }
  const r = b.ratings;
  if (r.complaintId.length) {
    await db.execute(sql`insert into ratings (complaint_id, round, level, comment, created_at)
      select complaint_id, round, level::rating_level, comment, ${ts('at')}
      from unnest(${p(r.complaintId)}::bigint[], ${p(r.round)}::int[], ${p(r.level)}::text[],
        ${p(r.comment)}::text[], ${p(r.at)}::float8[]) as t(complaint_id, round, level, comment, at)`);
  }
  const l = b.letters;
  if (l.code.length) {
    await db.execute(sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id,
        issued_by_user_id, reason, issued_at, due_at, answered_at, answer)
      select code, complaint_id, office, issuer, issued_by, reason, ${ts('issued_at')}, ${ts('due_at')},
        ${ts('answered_at')}, answer
      from unnest(${p(l.code)}::text[], ${p(l.complaintId)}::bigint[], ${p(l.office)}::int[], ${p(l.issuer)}::int[],
        ${p(l.issuedBy)}::int[], ${p(l.reason)}::text[], ${p(l.issuedAt)}::float8[], ${p(l.dueAt)}::float8[],
        ${p(l.answeredAt)}::float8[], ${p(l.answer)}::text[])
        as t(code, complaint_id, office, issuer, issued_by, reason, issued_at, due_at, answered_at, answer)`);
  }
  const s = b.spotChecks;
  if (s.complaintId.length) {
    await db.execute(sql`insert into spot_checks (complaint_id, inspector_user_id, sampled_at, result, finding, checked_at)
      select complaint_id, inspector, ${ts('sampled_at')}, result::spot_check_result, finding, ${ts('checked_at')}
      from unnest(${p(s.complaintId)}::bigint[], ${p(s.inspector)}::int[], ${p(s.sampledAt)}::float8[],
        ${p(s.result)}::text[], ${p(s.finding)}::text[], ${p(s.checkedAt)}::float8[])
        as t(complaint_id, inspector, sampled_at, result, finding, checked_at)`);
  }
  const v = b.visits;
  if (v.complaintId.length) {
    await db.execute(sql`insert into follow_up_visits (complaint_id, building_id, household_id, visitor_user_id,
        method, outcome, note, visited_at)
      select complaint_id, building, household, visitor, method::visit_method, outcome, note, ${ts('at')}
      from unnest(${p(v.complaintId)}::bigint[], ${p(v.building)}::int[], ${p(v.household)}::int[],
        ${p(v.visitor)}::int[], ${p(v.method)}::text[], ${p(v.outcome)}::text[], ${p(v.note)}::text[],
        ${p(v.at)}::float8[]) as t(complaint_id, building, household, visitor, method, outcome, note, at)`);
  }
}
