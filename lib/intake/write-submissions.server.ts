import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { listTakenIdempotencyKeys } from '@/db/queries/import';
import { claimAttachmentsFor, type PointPlace } from '@/db/queries/intake';
import { complaintContacts, complaintEvents, complaints, notifications } from '@/db/schema';
import { AUDIT } from '@/lib/audit/actions';
import { type AuditEntry, writeAudits } from '@/lib/audit/write-audit.server';
import { newTrackingCode } from '@/lib/complaints/tracking-code';
import { AppError } from '@/lib/http/errors';
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
  address: string | null;
  place: PointPlace;
  onBehalfUserId: number | null;
  plan: NewComplaintPlan;
  /** The offices the plan may dispatch to (intake's cached routing table). */
  offices: ReadonlyMap<number, RouteOffice>;
}

export type WriteOutcome =
  | { kind: 'created'; id: number; trackingCode: string; status: 'triaged' | 'dispatched' }
  /** The idempotency key was taken meanwhile (a concurrent retry won): read it back. */
  | { kind: 'duplicate' };

/** Manual dispatch reason when triage could not tell the category. */
export const UNKNOWN_CATEGORY_REASON = '分类未能识别，待人工派单';

/**
 * Write submissions in the caller's transaction, with a fixed number of statements whatever their
 * number (complaints, contacts, attachments, events, notifications, audit records: one each), so
 * that intake can commit a group of concurrent submissions at once (`lib/intake/intake-batcher.server.ts`).
 *
 * Each complaint is inserted in the state the system's own triage and dispatch leave it in, and
 * gets the events, reminders and audit record those transitions write (`triageEffect`,
 * `dispatchEffect`, the transition table), without reading it back. Any bad item (an upload
 * already used, too many files of a kind) throws: the transaction then writes nothing.
 */
export async function writeSubmissions(
  tx: Tx,
  items: readonly PreparedSubmission[],
): Promise<WriteOutcome[]> {
  const decided = items.map(decide);
  const ids = await insertComplaints(tx, items, decided);
  const created = items.flatMap((item, i) => (ids[i] ? [{ item, d: decided[i]!, ...ids[i]! }] : []));

  const contacts = created.filter(({ item }) => item.input.contact && !item.input.anonymous);
  if (contacts.length > 0) {
    await tx.insert(complaintContacts).values(
      contacts.map(({ item, id }) => {
        const phone = item.input.contact!.phone;
        return {
          complaintId: id,
          name: item.input.contact!.name ?? null,
          phone,
          phoneLast4: phone.replace(/\D/g, '').slice(-4),
        };
      }),
    );
  }
  await claimAttachments(tx, created);

  const events = created.flatMap(({ item, d, id }) => d.events(item, id));
  if (events.length > 0) await tx.insert(complaintEvents).values(events);
  const reminders = created.flatMap(({ item, d, id }) =>
    (d.dispatch?.notify ?? []).map((officeId) => ({
      recipientOfficeId: officeId,
      complaintId: id,
      kind: DISPATCH.event,
      title: d.dispatch!.notifyTitle ?? item.title,
      body: item.title,
      data: { verb: 'dispatch' },
      createdAt: item.now,
    })),
  );
  if (reminders.length > 0) await tx.insert(notifications).values(reminders);
  // No IP: reporters stay unidentified. Unsealed: the sealer chains them after commit.
  await writeAudits(
    tx,
    created.map(
      ({ item, d, id }): AuditEntry => ({
        actorUserId: item.onBehalfUserId,
        action: AUDIT.complaintSubmit,
        targetType: 'complaint',
        targetId: id,
        data: { kind: item.input.kind, anonymous: item.input.anonymous, ...d.outcome },
        at: item.now,
      }),
    ),
  );
  return items.map((_, i) => {
    const r = ids[i];
    return r
      ? { kind: 'created', id: r.id, trackingCode: r.trackingCode, status: decided[i]!.outcome.status }
      : { kind: 'duplicate' };
  });
}

const TRIAGE = transitionFor('triage');
const DISPATCH = transitionFor('dispatch');

interface Decided {
  triage: Effect;
  categoryCode: string;
  dispatch: Effect | null;
  routingReason: string | null;
  outcome: ProcessOutcome;
  events: (item: PreparedSubmission, id: number) => (typeof complaintEvents.$inferInsert)[];
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
    routingReason = routing?.kind === 'manual' ? routing.reason : UNKNOWN_CATEGORY_REASON;
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
  const system = (fx: Effect, def: typeof TRIAGE, from: 'received' | 'triaged', id: number) => ({
    complaintId: id,
    type: def.event,
    fromStatus: from,
    toStatus: def.to!,
    actorUserId: null,
    actorOfficeId: null,
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
    events: (it, id) => [
      {
        complaintId: id,
        type: 'submitted',
        fromStatus: null,
        toStatus: 'received',
        actorUserId: it.onBehalfUserId,
        actorOfficeId: null,
        publicNote: it.onBehalfUserId !== null ? '网格员代为提交诉求' : '诉求已提交',
        data: {
          fingerprint: it.fingerprint,
          channel,
          datum: it.input.location.datum,
          attachments: it.input.attachmentIds.length,
          ...(it.input.mediaUrl ? { mediaUrl: it.input.mediaUrl } : {}),
        },
        public: true,
        createdAt: it.now,
      },
      system(triageFx, TRIAGE, 'received', id),
      ...(dispatch ? [system(dispatch, DISPATCH, 'triaged', id)] : []),
    ],
  };
}

/**
 * Insert the complaints in their triaged (and dispatched) state; `on conflict do nothing` leaves out
 * a row whose idempotency key is taken (→ duplicate) or whose random tracking code collided (→ try
 * again with another code, up to 4 times). Returns each item's id and code, or null for a duplicate.
 */
async function insertComplaints(
  tx: Tx,
  items: readonly PreparedSubmission[],
  decided: readonly Decided[],
): Promise<({ id: number; trackingCode: string } | null)[]> {
  const out: ({ id: number; trackingCode: string } | null)[] = items.map(() => null);
  let pending = items.map((_, i) => i);
  for (let attempt = 0; attempt < 4 && pending.length > 0; attempt++) {
    const codes = new Map(pending.map((i) => [newTrackingCode(), i]));
    if (codes.size < pending.length) continue; // two equal fresh codes in one batch: draw again
    const rows = await tx
      .insert(complaints)
      .values([...codes].map(([code, i]) => complaintRow(items[i]!, decided[i]!, code)))
      .onConflictDoNothing()
      .returning({ id: complaints.id, trackingCode: complaints.trackingCode });
    for (const r of rows) out[codes.get(r.trackingCode)!] = r;
    const missing = pending.filter((i) => out[i] === null);
    // Left out with a key: the key decides (a concurrent or in-batch retry). Without one: a code collision.
    pending = missing.filter((i) => !items[i]!.input.idempotencyKey);
    const keyed = missing.flatMap((i) => items[i]!.input.idempotencyKey ?? []);
    if (keyed.length > 0) {
      const taken = await listTakenIdempotencyKeys(tx, keyed);
      // A key not taken although its row was left out: its tracking code collided; try again.
      pending.push(
        ...missing.filter(
          (i) => items[i]!.input.idempotencyKey && !taken.has(items[i]!.input.idempotencyKey!),
        ),
      );
    }
  }
  if (pending.length > 0) throw new AppError('INTERNAL', 'Could not allocate a tracking code');
  return out;
}

function complaintRow(
  item: PreparedSubmission,
  d: Decided,
  trackingCode: string,
): typeof complaints.$inferInsert {
  const { input, place, now } = item;
  return {
    trackingCode,
    kind: input.kind,
    channel: item.onBehalfUserId !== null ? 'grid_worker' : input.channel,
    title: item.title,
    description: input.description,
    location: sql`ST_SetSRID(ST_MakePoint(${item.lng}::float8, ${item.lat}::float8), 4326)` as never,
    originalLng: String(item.original.lng),
    originalLat: String(item.original.lat),
    locationDatum: input.location.datum,
    address: item.address,
    countyCode: place.countyCode,
    townCode: place.townCode,
    villageCode: place.villageCode,
    gridId: place.gridId,
    buildingId: input.buildingId ?? null,
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
  } as typeof complaints.$inferInsert;
}

/** Attach each complaint's uploads (only files not attached yet) and check the counts per kind. */
async function claimAttachments(
  tx: Tx,
  created: readonly { item: PreparedSubmission; id: number }[],
): Promise<void> {
  const pairs = created.flatMap(({ item, id }) =>
    item.input.attachmentIds.map((attachmentId) => ({ attachmentId, complaintId: id })),
  );
  if (pairs.length === 0) return;
  const claimed = await claimAttachmentsFor(tx, pairs);
  const kinds = new Map<number, string[]>();
  for (const c of claimed) kinds.set(c.complaintId, [...(kinds.get(c.complaintId) ?? []), c.kind]);
  for (const { item, id } of created) {
    const got = kinds.get(id) ?? [];
    if (got.length !== item.input.attachmentIds.length) {
      throw new AppError('VALIDATION', 'attachmentIds: unknown or already used upload', [
        { path: 'attachmentIds', message: 'Unknown or already used upload' },
      ]);
    }
    const count = (k: string) => got.filter((x) => x === k).length;
    if (
      count('photo') > INTAKE_LIMITS.photos ||
      count('video') > INTAKE_LIMITS.videos ||
      count('audio') > INTAKE_LIMITS.audios
    ) {
      throw new AppError(
        'VALIDATION',
        `attachmentIds: at most ${INTAKE_LIMITS.photos} photos, ${INTAKE_LIMITS.videos} video, ${INTAKE_LIMITS.audios} voice note`,
        [{ path: 'attachmentIds', message: 'Too many attachments of one kind' }],
      );
    }
  }
}
