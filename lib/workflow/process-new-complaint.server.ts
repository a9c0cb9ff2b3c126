import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { complaints } from '@/db/schema';
import type { Gazetteer } from '@/lib/linking/gazetteer';
import { relinkComplaints } from '@/lib/linking/relink-complaints.server';
import { decideRouting, type RoutingDecision, type VillageNear } from '@/lib/routing/decide-routing';
import { defaultTier } from '@/lib/routing/default-tier';
import { ROUTING_BOUNDARY_METERS, routeComplaint } from '@/lib/routing/route-complaint.server';
import type { Tier } from '@/lib/routing/router';
import type { Deadlines } from '@/lib/sla/compute-deadlines';
import { deadlinesByPolicy, deadlinesForCase } from '@/lib/sla/deadlines-for-case.server';
import { loadTriageRules } from '@/lib/triage/get-triage-rules.server';
import { getTriageSuggester } from '@/lib/triage/get-triage-suggester.server';
import { type TriageInput, type TriageResult, triageText } from '@/lib/triage/triage-text';
import type { ReferenceData } from './get-reference-data.server';
import { transition } from './transition.server';

/** The category a case gets at triage when none could be told (其他, then manual dispatch). */
export const TRIAGE_FALLBACK_CATEGORY = 'QT03';

export type ProcessOutcome =
  | { status: 'dispatched'; officeId: number; coOfficeIds: number[] }
  | { status: 'triaged'; manualReason: string };

/**
 * The system's own triage and dispatch of a complaint already written as 'received' (the history
 * importer, and the reference the intake batch writer is tested against: live intake decides the same
 * ahead with `planNewComplaint` and writes the outcome directly, `lib/intake/write-submissions.server.ts`).
 *
 * 1. Triage (研判): urgency grade from the keyword rules (table triage_rules, edited by admins), category kept if the reporter chose one,
 *    else suggested by the keyword rules, then the learned classifier (lib/triage); the reason is stored. Deadlines (当日转办、5日首复、办结时限) are computed from the
 *    submission time by the matching policy on the holiday calendar.
 * 2. Routing (权责匹配): PostGIS finds the village, the routing table the first-responsible office and
 *    co-handling offices → 'dispatched' with the reason; near a boundary or with no match, the case
 *    stays 'triaged' with no office: the manual dispatch queue, with the reason in routing_reason.
 * Both steps go through the one `transition` verb as the system actor. Between them the complaint is
 * linked to its building, household and facility (`relinkComplaints`, weighing the triaged category;
 * `gazetteer` saves reading the facilities again).
 */
export async function processNewComplaint(
  tx: Tx,
  params: { complaintId: number; now: Date; gazetteer?: Gazetteer },
): Promise<ProcessOutcome> {
  const [c] = await tx
    .select({
      title: complaints.title,
      description: complaints.description,
      categoryCode: complaints.categoryCode,
      kind: complaints.kind,
      submittedAt: complaints.submittedAt,
    })
    .from(complaints)
    .where(eq(complaints.id, params.complaintId))
    .limit(1);
  if (!c) throw new Error(`processNewComplaint: complaint ${params.complaintId} not found`);

  const triage = triageText(c, {
    rules: await loadTriageRules(tx),
    suggest: await getTriageSuggester(tx),
  });
  const tier = triage.categoryCode ? defaultTier(triage.categoryCode) : 'town';
  const deadlines = await deadlinesForCase(tx, {
    categoryCode: triage.categoryCode,
    urgencyCode: triage.urgencyCode,
    tier,
    from: c.submittedAt,
  });
  await transition(tx, {
    complaintId: params.complaintId,
    verb: 'triage',
    actor: { kind: 'system' },
    input: {
      categoryCode: triage.categoryCode ?? TRIAGE_FALLBACK_CATEGORY,
      urgencyCode: triage.urgencyCode,
      triageReason: triage.reason,
      tier,
      ...deadlines,
    },
    now: params.now,
  });
  await relinkComplaints(tx, { ids: [params.complaintId], gazetteer: params.gazetteer });

  if (!triage.categoryCode) {
    const manualReason = triage.manualReason ?? '分类未能识别，待人工派单';
    await tx
      .update(complaints)
      .set({ routingReason: manualReason })
      .where(eq(complaints.id, params.complaintId));
    return { status: 'triaged', manualReason };
  }
  const decision = await routeComplaint(tx, {
    complaintId: params.complaintId,
    categoryCode: triage.categoryCode,
    tier,
  });
  if (decision.kind === 'manual') {
    await tx
      .update(complaints)
      .set({ routingReason: decision.reason })
      .where(eq(complaints.id, params.complaintId));
    return { status: 'triaged', manualReason: decision.reason };
  }
  await transition(tx, {
    complaintId: params.complaintId,
    verb: 'dispatch',
    actor: { kind: 'system' },
    input: { officeId: decision.officeId, coOfficeIds: decision.coOfficeIds, routingReason: decision.reason },
    now: params.now,
  });
  return { status: 'dispatched', officeId: decision.officeId, coOfficeIds: decision.coOfficeIds };
}

/** What the system's triage and dispatch decide for a new complaint, before the intake transaction opens (no writes). */
export interface NewComplaintPlan {
  triage: TriageResult;
  tier: Tier;
  deadlines: Deadlines;
  /** Decided ahead from the villages near the point; null when triage could not tell the category. */
  routing: RoutingDecision | null;
}

/**
 * Triage, deadlines and the routing decision of a complaint not yet written, on intake's cached
 * reference data and the villages found with its location (`locateForIntake`), so that the intake
 * transaction holds its locks only for the writes. Same rules and reasons as the in-transaction path.
 */
export async function planNewComplaint(
  db: DbOrTx,
  params: {
    complaint: TriageInput & { submittedAt: Date };
    villages: readonly VillageNear[];
    reference: ReferenceData;
  },
): Promise<NewComplaintPlan> {
  const { complaint, reference } = params;
  const suggest = await getTriageSuggester(db);
  const triage = triageText(complaint, { rules: reference.triageRules, suggest });
  const tier = triage.categoryCode ? defaultTier(triage.categoryCode) : 'town';
  const deadlines = deadlinesByPolicy(reference.policies, reference.calendar, {
    categoryCode: triage.categoryCode,
    urgencyCode: triage.urgencyCode,
    tier,
    from: complaint.submittedAt,
  });
  let routing: RoutingDecision | null = null;
  if (triage.categoryCode) {
    const code = triage.categoryCode;
    const cat = reference.categories.get(code) ?? reference.categories.get(code.slice(0, 2));
    routing = decideRouting(params.villages, reference.router, {
      categoryCode: code,
      categoryName: cat?.nameZh ?? null,
      tier,
      meters: ROUTING_BOUNDARY_METERS,
    });
  }
  return { triage, tier, deadlines, routing };
}
