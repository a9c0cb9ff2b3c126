import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { getCategoryForRecategorize } from '@/db/queries/triage';
import { getComplaintForTransition, listOfficesByIds, type TransitionSubject } from '@/db/queries/workflow';
import { complaintEvents, complaints, notifications, ratings } from '@/db/schema';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { can, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { plausibleKinds } from '@/lib/linking/decide-links';
import { relinkComplaints } from '@/lib/linking/relink-complaints.server';
import { loadRouter } from '@/lib/routing/load-router.server';
import type { Tier } from '@/lib/routing/router';
import { deadlinesForCase } from '@/lib/sla/deadlines-for-case.server';
import { assertOfficeMayTake, dispatchEffect, type Effect, triageEffect } from './system-effects';
import {
  type ComplaintStatus,
  JURISDICTION_BY_ROLE,
  transitionFor,
  VERB_INPUT,
  type Verb,
  type VerbInput,
} from './transitions';

/** Who takes a transition: a signed-in staff member, the platform itself, or the reporter (tracking code checked by the caller). */
export type Actor = { kind: 'user'; user: AuthUser } | { kind: 'system' } | { kind: 'resident' };

export interface TransitionResult {
  complaintId: number;
  from: ComplaintStatus;
  to: ComplaintStatus;
  eventId: number;
}

/** Role check against the table (no database): FORBIDDEN when the actor may never take this verb. */
export function assertActorMay(verb: Verb, actor: Actor): void {
  const def = transitionFor(verb);
  const ok =
    actor.kind === 'system'
      ? def.system
      : actor.kind === 'resident'
        ? def.resident
        : def.action !== null && can(actor.user, def.action);
  if (!ok) throw new AppError('FORBIDDEN', `Not allowed: ${verb}`);
}

/**
 * The one verb that changes a complaint's status. It checks the actor's role and jurisdiction
 * against the declared table, validates the input the verb requires, applies a conditional UPDATE
 * on the status it read (and the caller's `expectedStatus`, when given), and writes the event row
 * (and any outbox reminders) in the same transaction. Two handlers clicking at once: one wins, the
 * other gets CONFLICT; a status the verb cannot start from is CONFLICT too.
 */
export async function transition<V extends Verb>(
  db: DbOrTx,
  params: {
    complaintId: number;
    verb: V;
    actor: Actor;
    input: VerbInput<V>;
    expectedStatus?: ComplaintStatus;
    now: Date;
    /** The client's address, for the audit record. */
    ip?: string | null;
  },
): Promise<TransitionResult> {
  const { verb, actor, now } = params;
  const def = transitionFor(verb);
  assertActorMay(verb, actor);
  const input = VERB_INPUT[verb].parse(params.input) as Record<string, unknown>;
  return db.transaction(async (tx) => {
    const subject = await getComplaintForTransition(tx, {
      id: params.complaintId,
      scope: actor.kind === 'user' ? complaintScope(actor.user) : undefined,
    });
    if (!subject) throw new AppError('NOT_FOUND', 'Complaint not found');
    if (actor.kind === 'user') assertJurisdiction(actor.user, subject);
    if (params.expectedStatus && subject.status !== params.expectedStatus) {
      throw new AppError('CONFLICT', `The case is now ${subject.status}, not ${params.expectedStatus}`);
    }
    if (!def.from.includes(subject.status)) {
      throw new AppError('CONFLICT', `Cannot ${verb} a case that is ${subject.status}`);
    }
    const effect = await effectOf(tx, verb, subject, input, actor, now);
    const to = def.to ?? subject.status;
    const updated = await tx
      .update(complaints)
      .set({ ...effect.patch, status: to, updatedAt: now })
      .where(and(eq(complaints.id, subject.id), eq(complaints.status, subject.status)))
      .returning({ id: complaints.id });
    if (updated.length === 0) {
      throw new AppError('CONFLICT', 'Someone else changed this case a moment ago; reload it');
    }
    const actorOfficeId =
      actor.kind === 'user' && actor.user.jurisdiction.kind === 'office'
        ? actor.user.jurisdiction.officeId
        : null;
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: subject.id,
        type: def.event,
        fromStatus: subject.status,
        toStatus: to,
        actorUserId: actor.kind === 'user' ? actor.user.id : null,
        actorOfficeId,
        publicNote: effect.publicNote ?? null,
        data: { ...effect.data, actor: actor.kind },
        public: def.public && subject.kind === 'complaint',
        createdAt: now,
      })
      .returning({ id: complaintEvents.id });
    if (effect.notify.length > 0) {
      await tx.insert(notifications).values(
        effect.notify.map((officeId) => ({
          recipientOfficeId: officeId,
          complaintId: subject.id,
          kind: def.event,
          title: effect.notifyTitle ?? subject.title,
          body: subject.title,
          data: { verb },
          createdAt: now,
        })),
      );
    }
    // A new category may make another kind of facility plausible: the linker weighs it again.
    if (verb === 'recategorize') await relinkAfterRecategorize(tx, subject.id, subject.categoryCode, input);
    if (verb === 'rate') {
      await tx.insert(ratings).values({
        complaintId: subject.id,
        round: subject.reopenCount + 1,
        level: input.level as 'satisfied' | 'basically_satisfied' | 'unsatisfied',
        comment: (input.comment as string | undefined) ?? null,
        createdAt: now,
      });
    }
    // The audit record, in the same transaction (unsealed: the sealer chains it after commit). The
    // system's own triage and dispatch inside intake are covered by intake's one `complaint.submit`.
    if (actor.kind !== 'system') {
      await writeAudit(tx, {
        actorUserId: actor.kind === 'user' ? actor.user.id : null,
        action: AUDIT.complaintTransition,
        targetType: 'complaint',
        targetId: subject.id,
        data: { verb, from: subject.status, to, eventId: event!.id, actor: actor.kind, ...effect.data },
        ip: params.ip ?? null,
        at: now,
      });
    }
    return { complaintId: subject.id, from: subject.status, to, eventId: event!.id };
  });
}

async function relinkAfterRecategorize(
  tx: Tx,
  id: number,
  before: string | null,
  input: Record<string, unknown>,
): Promise<void> {
  const after = input.categoryCode as string;
  const [a, b] = [plausibleKinds(before), plausibleKinds(after)];
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  await relinkComplaints(tx, { ids: [id], only: 'facility' });
}

function assertJurisdiction(user: AuthUser, subject: TransitionSubject): void {
  const rule = JURISDICTION_BY_ROLE[user.role];
  if (rule === 'division') return; // the scope in the select already holds the case to the division
  if (
    rule === 'responsible_office' &&
    user.jurisdiction.kind === 'office' &&
    subject.responsibleOfficeId === user.jurisdiction.officeId
  ) {
    return;
  }
  throw new AppError('FORBIDDEN', 'Only the first-responsible office may act on this case');
}

const TIER_ABOVE: Record<Tier, Tier | null> = { village: 'town', town: 'county', county: null };

async function requireOffice(tx: Tx, id: number, c?: TransitionSubject) {
  const [office] = await listOfficesByIds(tx, [id]);
  if (!office) throw new AppError('VALIDATION', 'Unknown office', [{ path: 'officeId', message: 'unknown' }]);
  if (c) assertOfficeMayTake(office, c.kind);
  return office;
}

async function effectOf(
  tx: Tx,
  verb: Verb,
  c: TransitionSubject,
  input: Record<string, unknown>,
  actor: Actor,
  now: Date,
): Promise<Effect> {
  switch (verb) {
    case 'triage':
      return triageEffect(input as Required<VerbInput<'triage'>>, now);
    case 'dispatch': {
      const i = input as Required<VerbInput<'dispatch'>>;
      const office = await requireOffice(tx, i.officeId, c);
      return dispatchEffect(c, office, await listOfficesByIds(tx, i.coOfficeIds), i.routingReason, now);
    }
    case 'accept':
      return { patch: { acceptedAt: now }, data: {}, publicNote: '承办单位已受理', notify: [] };
    case 'reply':
      return {
        patch: {
          firstRepliedAt: sql`coalesce(${complaints.firstRepliedAt}, ${now.toISOString()}::timestamptz)`,
        },
        data: {},
        publicNote: input.note as string,
        notify: [],
      };
    case 'resolve':
      return { patch: { resolvedAt: now }, data: {}, publicNote: input.note as string, notify: [] };
    case 'return':
      return {
        patch: {
          responsibleOfficeId: null,
          coOfficeIds: [],
          returnCount: sql`${complaints.returnCount} + 1`,
          routingReason: `退单：${input.reason as string}`,
        },
        data: { reason: input.reason, officeId: c.responsibleOfficeId },
        publicNote: '承办单位申请退回，平台重新派单中',
        notify: [],
      };
    case 'transfer': {
      const office = await requireOffice(tx, input.officeId as number, c);
      if (office.id === c.responsibleOfficeId) {
        throw new AppError('VALIDATION', 'Transfer to another office', [
          { path: 'officeId', message: 'same_office' },
        ]);
      }
      return {
        patch: { responsibleOfficeId: office.id, routingReason: `转办：${input.reason as string}` },
        data: { reason: input.reason, fromOfficeId: c.responsibleOfficeId, officeId: office.id },
        publicNote: `已转至${office.name}办理`,
        notify: [office.id],
        notifyTitle: '转办诉求待受理',
      };
    }
    case 'escalate': {
      const office =
        input.officeId !== undefined
          ? await requireOffice(tx, input.officeId as number, c)
          : await officeAbove(tx, c);
      if (office && c.kind === 'misconduct') await requireOffice(tx, office.id, c);
      if (!office || office.id === c.responsibleOfficeId) {
        throw new AppError('VALIDATION', 'No office above this one', [
          { path: 'officeId', message: 'no_office_above' },
        ]);
      }
      const deadlines = await deadlinesForCase(tx, {
        categoryCode: c.categoryCode,
        urgencyCode: c.urgencyCode,
        tier: office.tier,
        from: now,
      });
      return {
        patch: {
          responsibleOfficeId: office.id,
          routingReason: `提级：${input.reason as string}`,
          firstReplyDueAt: deadlines.firstReplyDueAt,
          resolveDueAt: deadlines.resolveDueAt,
        },
        data: { reason: input.reason, fromOfficeId: c.responsibleOfficeId, officeId: office.id },
        publicNote: `已提级至${office.name}办理`,
        notify: [office.id],
        notifyTitle: '提级诉求待受理',
      };
    }
    case 'merge': {
      const targetId = input.mergedIntoId as number;
      const target = await getComplaintForTransition(tx, {
        id: targetId,
        scope: actor.kind === 'user' ? complaintScope(actor.user) : undefined,
      });
      // Only cases of the same kind: a complaint merged into a misconduct report would follow a case its
      // reporter and its handlers may not see (and the reverse would publish the report's progress).
      if (
        !target ||
        target.id === c.id ||
        target.kind !== c.kind ||
        target.status === 'merged' ||
        target.status === 'rejected'
      ) {
        throw new AppError('VALIDATION', 'Merge into an open case you can see', [
          { path: 'mergedIntoId', message: 'bad_target' },
        ]);
      }
      return {
        patch: { mergedIntoId: target.id, closedAt: now },
        data: { mergedInto: target.id },
        publicNote: '与同一问题的诉求合并办理，办理进展将同步告知您',
        notify: [],
      };
    }
    case 'reject':
      return {
        patch: { closedAt: now },
        data: { reason: input.reason },
        publicNote: input.reason as string,
        notify: [],
      };
    case 'rate':
      return {
        patch: { closedAt: now },
        data: { level: input.level, round: c.reopenCount + 1 },
        publicNote: (input.comment as string | undefined) ?? undefined,
        notify: [],
      };
    case 'reopen': {
      const deadlines = await deadlinesForCase(tx, {
        categoryCode: c.categoryCode,
        urgencyCode: c.urgencyCode,
        tier: c.responsibleOfficeTier,
        from: now,
      });
      return {
        patch: {
          reopenCount: sql`${complaints.reopenCount} + 1`,
          resolvedAt: null,
          closedAt: null,
          firstReplyDueAt: deadlines.firstReplyDueAt,
          resolveDueAt: deadlines.resolveDueAt,
        },
        data: { reason: input.reason },
        publicNote: '诉求已重新办理',
        notify: c.responsibleOfficeId ? [c.responsibleOfficeId] : [],
        notifyTitle: '诉求被重新打开',
      };
    }
    case 'close':
      return { patch: { closedAt: now }, data: {}, publicNote: '诉求已办结', notify: [] };
    case 'recategorize': {
      const code = input.categoryCode as string;
      const category = await getCategoryForRecategorize(tx, code);
      const kindOk = (c.kind === 'misconduct') === code.startsWith('JJ');
      if (category?.level !== 2 || !category.active || !kindOk) {
        throw new AppError('VALIDATION', 'Choose an active level-2 category of this kind', [
          { path: 'categoryCode', message: 'bad_category' },
        ]);
      }
      if (code === c.categoryCode) {
        throw new AppError('VALIDATION', 'The case already has this category', [
          { path: 'categoryCode', message: 'same_category' },
        ]);
      }
      return {
        patch: { categoryCode: code },
        data: { from: c.categoryCode, to: code, reason: (input.reason as string | undefined) ?? null },
        notify: [],
      };
    }
  }
}

/** The office one tier up for this case: the routing table's answer at that tier, else the parent office. */
async function officeAbove(tx: Tx, c: TransitionSubject) {
  if (!c.responsibleOfficeId) return undefined;
  const [current] = await listOfficesByIds(tx, [c.responsibleOfficeId]);
  if (!current) return undefined;
  const up = TIER_ABOVE[current.tier];
  if (up && c.categoryCode && c.villageCode) {
    const route = (await loadRouter(tx)).resolve(c.categoryCode, up, c.villageCode);
    if (route) return (await listOfficesByIds(tx, [route.office.id]))[0];
  }
  return current.parentId ? (await listOfficesByIds(tx, [current.parentId]))[0] : undefined;
}
