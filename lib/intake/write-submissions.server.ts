import 'server-only';
import type { DbOrTx } from '@/db/client';
import { pgErrorOf } from '@/db/errors';
import { listTakenIdempotencyKeys } from '@/db/queries/import';
import {
  insertSubmissionRows,
  type PointPlace,
  SUBMISSION_REFUSALS,
  type SubmissionRows,
} from '@/db/queries/intake';
import { AUDIT } from '@/lib/audit/actions';
import { auditRow } from '@/lib/audit/write-audit.server';
import { newTrackingCode } from '@/lib/complaints/tracking-code';
import type { LocationPrecision } from '@/lib/complaints/vocabulary';
import { AppError } from '@/lib/http/errors';
import type { LinkDecision } from '@/lib/linking/decide-links';
import type { RouteOffice } from '@/lib/routing/router';
import {
  type NewComplaintPlan,
  type ProcessOutcome,
  TRIAGE_FALLBACK_CATEGORY,
} from '@/lib/workflow/process-new-complaint.server';
import { dispatchEffect, type Effect, triageEffect } from '@/lib/workflow/system-effects';
import { transitionFor } from '@/lib/workflow/transitions';
import { INTAKE_LIMITS, type SubmitInput } from './submit-input';

/** A validated, located and planned submission: everything decided, nothing written yet. */
export interface PreparedSubmission {
  input: SubmitInput;
  now: Date;
  fingerprint: string;
  title: string;
  /** WGS84, and the coordinates as received. */
  lng: number;
  lat: number;
  original: { lng: number; lat: number };
  /** What the point is: the reporter's own, or derived from a written address (Open311). */
  locationPrecision: LocationPrecision;
  address: string | null;
  place: PointPlace;
  onBehalfUserId: number | null;
  plan: NewComplaintPlan;
  /** Its building, household and facility (`linkComplaints`). */
  links: LinkDecision;
  /** The offices the plan may dispatch to (intake's cached routing table). */
  offices: ReadonlyMap<number, RouteOffice>;
}

export type WriteOutcome =
  | { kind: 'created'; id: number; trackingCode: string; status: 'triaged' | 'dispatched' }
  /** The idempotency key was taken meanwhile (a concurrent retry won): read it back. */
  | { kind: 'duplicate' }
  /** The tracking code drawn for it was taken: nothing of it was written; write it again. */
  | { kind: 'collided' };

/** Manual dispatch reason when triage could not tell the category. */
export const UNKNOWN_CATEGORY_REASON = '分类未能识别，待人工派单';

/**
 * Write a group of submissions in one statement whatever their number (complaints, contacts,
 * attachment claims, events, notifications, audit records: `insertSubmissionRows`), so that intake
 * commits concurrent submissions together (`lib/intake/intake-batcher.server.ts`). Given the
 * database, that statement is its own transaction; given a transaction, it is part of it.
 *
 * Each complaint is inserted in the state the system's own triage and dispatch leave it in, and
 * gets the events, reminders and audit record those transitions write (`triageEffect`,
 * `dispatchEffect`, the transition table), without reading it back. Any bad item (an upload
 * unknown or already used, too many files of a kind) throws its validation error and nothing of
 * the group is written. A submission whose idempotency key is taken is a `duplicate`; one whose
 * freshly drawn tracking code is taken is `collided` (nothing of it written: the caller tries again).
 */
export async function writeSubmissions(
  db: DbOrTx,
  items: readonly PreparedSubmission[],
): Promise<WriteOutcome[]> {
  const decided = items.map(decide);
  const codes = items.map(() => newTrackingCode());
  // Two equal fresh codes in one group: the later one collides (and is written again).
  const first = codes.map((code, i) => codes.indexOf(code) === i);
  const created = await insertSubmissionRows(
    db,
    items.flatMap((item, i) => (first[i] ? [submissionRows(item, decided[i]!, codes[i]!)] : [])),
    INTAKE_LIMITS,
  ).catch(rethrowRefusal);
  const byCode = new Map(created.map((r) => [r.trackingCode, r]));
  const rows = codes.map((code, i) => (first[i] ? (byCode.get(code) ?? null) : null));
  // Left out with a key: the key decides (a concurrent or in-group retry). Else its code was taken.
  const keys = items.flatMap((item, i) => (rows[i] ? [] : (item.input.idempotencyKey ?? [])));
  const taken = keys.length > 0 ? await listTakenIdempotencyKeys(db, keys) : new Set<string>();
  return items.map((item, i): WriteOutcome => {
    const r = rows[i];
    if (r)
      return { kind: 'created', id: r.id, trackingCode: r.trackingCode, status: decided[i]!.outcome.status };
    const key = item.input.idempotencyKey;
    return key && taken.has(key) ? { kind: 'duplicate' } : { kind: 'collided' };
  });
}

/** The rows one submission writes, keyed by the tracking code drawn for this attempt. */
function submissionRows(item: PreparedSubmission, d: Decided, trackingCode: string): SubmissionRows {
  const { input } = item;
  const contact = input.contact && !input.anonymous ? input.contact : null;
  return {
    complaint: complaintRow(item, d, trackingCode),
    contact: contact
      ? {
          name: contact.name ?? null,
          phone: contact.phone,
          phoneLast4: contact.phone.replace(/\D/g, '').slice(-4),
        }
      : null,
    attachmentIds: input.attachmentIds,
    events: d.events,
    reminders: (d.dispatch?.notify ?? []).map((officeId) => ({
      recipientOfficeId: officeId,
      kind: DISPATCH.event,
      title: d.dispatch!.notifyTitle ?? item.title,
      body: item.title,
      data: { verb: 'dispatch' },
      createdAt: item.now,
    })),
    // No IP: reporters stay unidentified. Unsealed: the sealer chains it after commit.
    audit: auditRow({
      actorUserId: item.onBehalfUserId,
      action: AUDIT.complaintSubmit,
      data: { kind: input.kind, anonymous: input.anonymous, ...d.outcome },
      at: item.now,
    }),
  };
}

const TRIAGE = transitionFor('triage');
const DISPATCH = transitionFor('dispatch');

interface Decided {
  triage: Effect;
  categoryCode: string;
  dispatch: Effect | null;
  routingReason: string | null;
  outcome: ProcessOutcome;
  /** Submitted, triaged and (when routed) dispatched: the events the workflow would write. */
  events: SubmissionRows['events'];
}

/** What `processNewComplaint` would do to the new case, as fields, events and reminders. */
function decide(item: PreparedSubmission): Decided {
  const { triage, tier, deadlines, routing } = item.plan;
  const categoryCode = triage.categoryCode ?? TRIAGE_FALLBACK_CATEGORY;
  const triageFx = triageEffect(
    { categoryCode, urgencyCode: triage.urgencyCode, triageReason: triage.reason, tier, ...deadlines },
    item.now,
  );
  let dispatch: Effect | null = null;
  let routingReason: string | null = null;
  let outcome: ProcessOutcome;
  if (triage.categoryCode && !routing)
    throw new Error('writeSubmissions: a plan with a category needs its routing');
  if (!triage.categoryCode || !routing || routing.kind === 'manual') {
    routingReason =
      routing?.kind === 'manual' ? routing.reason : (triage.manualReason ?? UNKNOWN_CATEGORY_REASON);
    outcome = { status: 'triaged', manualReason: routingReason };
  } else {
    const office = item.offices.get(routing.officeId);
    if (!office)
      throw new AppError('VALIDATION', 'Unknown office', [{ path: 'officeId', message: 'unknown' }]);
    const co = routing.coOfficeIds.flatMap((id) => item.offices.get(id) ?? []);
    dispatch = dispatchEffect({ kind: item.input.kind }, office, co, routing.reason, item.now);
    outcome = { status: 'dispatched', officeId: routing.officeId, coOfficeIds: routing.coOfficeIds };
  }
  const channel = item.onBehalfUserId !== null ? 'grid_worker' : item.input.channel;
  const system = (fx: Effect, def: typeof TRIAGE, from: 'received' | 'triaged') => ({
    type: def.event,
    fromStatus: from,
    toStatus: def.to!,
    actorUserId: null,
    publicNote: fx.publicNote ?? null,
    data: { ...fx.data, actor: 'system' },
    public: def.public && item.input.kind === 'complaint',
    createdAt: item.now,
  });
  return {
    triage: triageFx,
    categoryCode,
    dispatch,
    routingReason,
    outcome,
    events: [
      {
        type: 'submitted',
        fromStatus: null,
        toStatus: 'received',
        actorUserId: item.onBehalfUserId,
        publicNote: item.onBehalfUserId !== null ? '网格员代为提交诉求' : '诉求已提交',
        data: {
          fingerprint: item.fingerprint,
          channel,
          datum: item.input.location.datum,
          ...(item.locationPrecision !== 'point' ? { locationPrecision: item.locationPrecision } : {}),
          attachments: item.input.attachmentIds.length,
          ...(item.input.mediaUrl ? { mediaUrl: item.input.mediaUrl } : {}),
        },
        public: true,
        createdAt: item.now,
      },
      system(triageFx, TRIAGE, 'received'),
      ...(dispatch ? [system(dispatch, DISPATCH, 'triaged')] : []),
    ],
  };
}

function complaintRow(
  item: PreparedSubmission,
  d: Decided,
  trackingCode: string,
): SubmissionRows['complaint'] {
  const { input, place, now } = item;
  return {
    // Not dispatched: no office (the dispatch patch sets these otherwise).
    responsibleOfficeId: null,
    coOfficeIds: [],
    dispatchedAt: null,
    trackingCode,
    kind: input.kind,
    channel: item.onBehalfUserId !== null ? 'grid_worker' : input.channel,
    title: item.title,
    description: input.description,
    lng: item.lng,
    lat: item.lat,
    originalLng: String(item.original.lng),
    originalLat: String(item.original.lat),
    locationDatum: input.location.datum,
    locationPrecision: item.locationPrecision,
    address: item.address,
    countyCode: place.countyCode,
    townCode: place.townCode,
    villageCode: place.villageCode,
    gridId: place.gridId,
    ...linkColumns(item.links),
    anonymous: input.anonymous,
    reportedByUserId: item.onBehalfUserId,
    idempotencyKey: input.idempotencyKey ?? null,
    submittedAt: now,
    ...d.triage.patch,
    categoryCode: d.categoryCode,
    ...(d.dispatch?.patch ?? {}),
    ...(d.dispatch ? {} : { routingReason: d.routingReason }),
    status: d.dispatch ? DISPATCH.to! : TRIAGE.to!,
    updatedAt: now,
  } as SubmissionRows['complaint'];
}

/** A link decision as the complaint's columns (every one given, states `auto`). */
export function linkColumns(l: LinkDecision) {
  return {
    buildingId: l.buildingId,
    householdId: l.householdId,
    facilityId: l.facilityId,
    buildingLinkMethod: l.building?.method ?? null,
    buildingLinkConfidence: l.building?.confidence ?? null,
    buildingLinkReason: l.building?.reason ?? null,
    buildingLinkState: 'auto' as const,
    facilityLinkMethod: l.facility?.method ?? null,
    facilityLinkConfidence: l.facility?.confidence ?? null,
    facilityLinkReason: l.facility?.reason ?? null,
    facilityLinkState: 'auto' as const,
  };
}

/** `insertSubmissionRows` refused its statement: the validation error of the submission at fault. */
function rethrowRefusal(error: unknown): never {
  const refusal = pgErrorOf(error);
  if (refusal?.code === 'SQ001' && refusal.message === SUBMISSION_REFUSALS.uploadUnknown) {
    throw new AppError('VALIDATION', 'attachmentIds: unknown or already used upload', [
      { path: 'attachmentIds', message: 'Unknown or already used upload' },
    ]);
  }
  if (refusal?.code === 'SQ001' && refusal.message === SUBMISSION_REFUSALS.tooManyUploads) {
    throw new AppError(
      'VALIDATION',
      `attachmentIds: at most ${INTAKE_LIMITS.photos} photos, ${INTAKE_LIMITS.videos} video, ${INTAKE_LIMITS.audios} voice note`,
      [{ path: 'attachmentIds', message: 'Too many attachments of one kind' }],
    );
  }
  throw error;
}
