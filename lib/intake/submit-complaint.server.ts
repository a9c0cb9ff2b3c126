import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import {
  claimAttachments,
  getBuildingNearPoint,
  getByIdempotencyKey,
  insertComplaint,
  insertContact,
  insertEvent,
  locateForIntake,
} from '@/db/queries/intake';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { newTrackingCode } from '@/lib/complaints/tracking-code';
import { outOfChina } from '@/lib/geo/out-of-china';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { AppError } from '@/lib/http/errors';
import { ROUTING_BOUNDARY_METERS } from '@/lib/routing/route-complaint.server';
import { getReferenceData } from '@/lib/workflow/get-reference-data.server';
import {
  planNewComplaint,
  processNewComplaint,
  TRIAGE_FALLBACK_CATEGORY,
} from '@/lib/workflow/process-new-complaint.server';
import { INTAKE_LIMITS, type SubmitInput, type SubmitInputRaw, submitInput } from './submit-input';

export interface SubmitResult {
  id: number;
  trackingCode: string;
  status: string;
  kind: 'complaint' | 'misconduct';
  submittedAt: Date;
  /** False when an earlier submission with the same idempotency key was returned. */
  created: boolean;
}

export interface Reporter {
  /** Staff reporting on a resident's behalf (grid worker): recorded and marked by channel. */
  onBehalfUserId?: number | null;
}

/** A building picked from the grid must lie within this distance of the declared point. */
const BUILDING_MAX_DISTANCE_M = 300;

export const OUT_OF_AREA_MESSAGE = 'Location is outside Panzhihua (攀枝花市)';

/**
 * 收件: validate, convert the location to WGS84 (keeping the original), refuse points outside the
 * city, and write complaint + contact + attachments + 'submitted' event in one transaction, then
 * hand over to the workflow (`processNewComplaint`) inside it. A retry with the same idempotency key
 * returns the first complaint (also under concurrency: the unique key decides); the same key with a
 * different body is a CONFLICT.
 */
export async function submitComplaint(
  db: Db,
  raw: SubmitInputRaw | unknown,
  options: Reporter & { now?: Date } = {},
): Promise<SubmitResult> {
  const input = submitInput.parse(raw);
  const now = options.now ?? new Date();
  const fingerprint = fingerprintOf(input);

  if (input.idempotencyKey) {
    const existing = await getByIdempotencyKey(db, input.idempotencyKey);
    if (existing) return replay(existing, fingerprint);
  }

  const { lng, lat, datum } = input.location;
  if ((datum === 'gcj02' || datum === 'bd09') && outOfChina(lng, lat)) throw outOfArea();
  const [wLng, wLat] = toWgs84(lng, lat, datum);
  // One spatial statement for every level (and the villages routing compares), beside the cached
  // reference data: nothing else is read before the transaction but the building, when one is named.
  const [located, reference] = await Promise.all([
    locateForIntake(db, { lng: wLng, lat: wLat, nearMeters: ROUTING_BOUNDARY_METERS }),
    getReferenceData(db),
  ]);
  const place = located.place;
  if (!place) throw outOfArea();

  if (input.categoryCode && !reference.categories.has(input.categoryCode)) {
    throw new AppError('VALIDATION', 'categoryCode: unknown category', [
      { path: 'categoryCode', message: 'Unknown category' },
    ]);
  }
  let address = input.address ?? null;
  if (input.buildingId !== undefined) {
    const building = await getBuildingNearPoint(db, { id: input.buildingId, lng: wLng, lat: wLat });
    if (!building || building.distanceM > BUILDING_MAX_DISTANCE_M) {
      throw new AppError('VALIDATION', 'buildingId: unknown building or far from the location', [
        { path: 'buildingId', message: 'Unknown building or far from the location' },
      ]);
    }
    address ??= building.address;
    if (place.gridId === null) place.gridId = building.gridId;
  }

  const onBehalf = options.onBehalfUserId ?? null;
  const title = input.title ?? deriveTitle(input.description);
  // Triage, deadlines and routing are decided before the transaction opens; inside it only writes.
  const plan = await planNewComplaint(db, {
    complaint: {
      title,
      description: input.description,
      categoryCode: input.categoryCode ?? null,
      kind: input.kind,
      submittedAt: now,
    },
    villages: located.villages,
    reference,
  });

  const outcome = await db.transaction(async (tx) => {
    let id: number | null = null;
    let trackingCode = '';
    for (let attempt = 0; attempt < 4 && id === null; attempt++) {
      trackingCode = newTrackingCode();
      id = await insertComplaint(tx, {
        trackingCode,
        kind: input.kind,
        channel: onBehalf !== null ? 'grid_worker' : input.channel,
        title,
        description: input.description,
        // Written with the category and urgency triage is about to set (the row is not visible before
        // commit), so the map-bin triggers count the complaint once instead of moving it at triage.
        categoryCode: plan.triage.categoryCode ?? TRIAGE_FALLBACK_CATEGORY,
        urgencyCode: plan.triage.urgencyCode,
        lng: wLng,
        lat: wLat,
        originalLng: String(lng),
        originalLat: String(lat),
        datum,
        address,
        place,
        buildingId: input.buildingId ?? null,
        anonymous: input.anonymous,
        reportedByUserId: onBehalf,
        idempotencyKey: input.idempotencyKey ?? null,
        now,
      });
      // Nothing inserted: either the idempotency key was taken meanwhile (a concurrent retry won),
      // or the random tracking code collided (then try another code).
      if (id === null && input.idempotencyKey) return { kind: 'duplicate' as const };
    }
    if (id === null) throw new AppError('INTERNAL', 'Could not allocate a tracking code');

    if (input.contact && !input.anonymous) {
      await insertContact(tx, {
        complaintId: id,
        name: input.contact.name ?? null,
        phone: input.contact.phone,
      });
    }
    const claimed = await claimAttachments(tx, { complaintId: id, ids: input.attachmentIds });
    if (claimed.length !== input.attachmentIds.length) {
      throw new AppError('VALIDATION', 'attachmentIds: unknown or already used upload', [
        { path: 'attachmentIds', message: 'Unknown or already used upload' },
      ]);
    }
    assertAttachmentCounts(claimed.map((a) => a.kind));
    await insertEvent(tx, {
      complaintId: id,
      type: 'submitted',
      fromStatus: null,
      toStatus: 'received',
      actorUserId: onBehalf,
      publicNote: onBehalf !== null ? '网格员代为提交诉求' : '诉求已提交',
      data: {
        fingerprint,
        channel: onBehalf !== null ? 'grid_worker' : input.channel,
        datum,
        attachments: claimed.length,
        ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
      },
      public: true,
      at: now,
    });
    const routed = await processNewComplaint(tx, { complaintId: id, now, plan });
    // In the same transaction (unsealed, no lock: the sealer chains it). No IP: reporters stay unidentified.
    await writeAudit(tx, {
      actorUserId: onBehalf,
      action: AUDIT.complaintSubmit,
      targetType: 'complaint',
      targetId: id,
      data: { kind: input.kind, anonymous: input.anonymous, ...routed },
      at: now,
    });
    return { kind: 'created' as const, id, trackingCode, status: routed.status };
  });

  if (outcome.kind === 'duplicate') {
    const existing = await getByIdempotencyKey(db, input.idempotencyKey!);
    if (!existing) throw new AppError('CONFLICT', 'Submission in progress; retry');
    return replay(existing, fingerprint);
  }
  return {
    id: outcome.id,
    trackingCode: outcome.trackingCode,
    status: outcome.status,
    kind: input.kind,
    submittedAt: now,
    created: true,
  };
}

function replay(
  existing: {
    id: number;
    trackingCode: string;
    status: string;
    kind: 'complaint' | 'misconduct';
    submittedAt: Date;
    fingerprint: string | null;
  },
  fingerprint: string,
): SubmitResult {
  if (existing.fingerprint !== null && existing.fingerprint !== fingerprint) {
    throw new AppError('CONFLICT', 'Idempotency key already used for a different submission');
  }
  return {
    id: existing.id,
    trackingCode: existing.trackingCode,
    status: existing.status,
    kind: existing.kind,
    submittedAt: existing.submittedAt,
    created: false,
  };
}

function outOfArea(): AppError {
  return new AppError('VALIDATION', `location: ${OUT_OF_AREA_MESSAGE}`, [
    { path: 'location', message: OUT_OF_AREA_MESSAGE },
  ]);
}

function assertAttachmentCounts(kinds: string[]): void {
  const count = (k: string) => kinds.filter((x) => x === k).length;
  const over =
    count('photo') > INTAKE_LIMITS.photos ||
    count('video') > INTAKE_LIMITS.videos ||
    count('audio') > INTAKE_LIMITS.audios;
  if (over) {
    throw new AppError(
      'VALIDATION',
      `attachmentIds: at most ${INTAKE_LIMITS.photos} photos, ${INTAKE_LIMITS.videos} video, ${INTAKE_LIMITS.audios} voice note`,
      [{ path: 'attachmentIds', message: 'Too many attachments of one kind' }],
    );
  }
}

/** The first sentence (or 30 characters) of the description. */
export function deriveTitle(description: string): string {
  const first = description.split(/[。！？!?\n]/)[0]?.trim() || description.trim();
  const chars = Array.from(first);
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : first;
}

/** What makes two submissions "the same" for an idempotent retry (the key itself excluded). */
function fingerprintOf(input: SubmitInput): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 32);
}
