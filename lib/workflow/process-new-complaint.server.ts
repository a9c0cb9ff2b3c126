import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { complaints } from '@/db/schema';
import { defaultTier } from '@/lib/routing/default-tier';
import { routeComplaint } from '@/lib/routing/route-complaint.server';
import { deadlinesForCase } from '@/lib/sla/deadlines-for-case.server';
import { getTriageRules } from '@/lib/triage/get-triage-rules.server';
import { getTriageSuggester } from '@/lib/triage/get-triage-suggester.server';
import { triageText } from '@/lib/triage/triage-text';
import { transition } from './transition.server';

export type ProcessOutcome =
  | { status: 'dispatched'; officeId: number; coOfficeIds: number[] }
  | { status: 'triaged'; manualReason: string };

/**
 * The seam between intake and the workflow: called in the intake transaction right after a
 * complaint row (status 'received') and its 'submitted' event are written.
 *
 * 1. Triage (研判): urgency grade from the keyword rules (table triage_rules, edited by admins), category kept if the reporter chose one,
 *    else suggested by the keyword rules, then the learned classifier (lib/triage); the reason is stored. Deadlines (当日转办、5日首复、办结时限) are computed from the
 *    submission time by the matching policy on the holiday calendar.
 * 2. Routing (权责匹配): PostGIS finds the village, the routing table the first-responsible office and
 *    co-handling offices → 'dispatched' with the reason; near a boundary or with no match, the case
 *    stays 'triaged' with no office: the manual dispatch queue, with the reason in routing_reason.
 * Both steps go through the one `transition` verb as the system actor.
 */
export async function processNewComplaint(
  tx: Tx,
  params: { complaintId: number; now: Date },
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
    rules: await getTriageRules(tx),
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
      categoryCode: triage.categoryCode ?? 'QT03',
      urgencyCode: triage.urgencyCode,
      triageReason: triage.reason,
      tier,
      ...deadlines,
    },
    now: params.now,
  });

  if (!triage.categoryCode) {
    const manualReason = '分类未能识别，待人工派单';
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
