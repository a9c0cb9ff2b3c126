import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { getBuildingNearPoint, getByIdempotencyKey } from '@/db/queries/intake';
import type { LocationPrecision } from '@/lib/complaints/vocabulary';
import { outOfChina } from '@/lib/geo/out-of-china';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { AppError } from '@/lib/http/errors';
import { readLinkText } from '@/lib/linking/decide-links';
import {
  completeLinkCandidates,
  decideGatheredLinks,
  LINK_RANGES,
} from '@/lib/linking/link-complaints.server';
import { ROUTING_BOUNDARY_METERS } from '@/lib/routing/route-complaint.server';
import { getReferenceData } from '@/lib/workflow/get-reference-data.server';
import { planNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import { writeSubmission } from './intake-batcher.server';
import { locateSubmission } from './locate-batcher.server';
import { type SubmitInput, type SubmitInputRaw, submitInput } from './submit-input';

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
  /**
   * What the location is (default `point`: where the reporter stood or pinned). A channel that derived
   * it from a written address says how far (Open311 `address_string`): linking heeds it.
   */
  locationPrecision?: LocationPrecision;
}

/** A building picked from the grid must lie within this distance of the declared point. */
const BUILDING_MAX_DISTANCE_M = 300;

export const OUT_OF_AREA_MESSAGE = 'Location is outside Panzhihua (攀枝花市)';

/**
 * 收件: validate, convert the location to WGS84 (keeping the original), refuse points outside the
 * city, decide triage, deadlines and routing (`planNewComplaint`), then write complaint + contact +
 * attachments + events + audit record in one transaction (`writeSubmissions`, through the group
 * commit of `writeSubmission`), in the state the workflow's own triage and dispatch leave it. A retry with the same idempotency key
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

  const { lng, lat, datum } = input.location;
  if ((datum === 'gcj02' || datum === 'bd09') && outOfChina(lng, lat)) throw outOfArea();
  const [wLng, wLat] = toWgs84(lng, lat, datum);
  const title = input.title ?? deriveTitle(input.description);
  // One spatial statement for every level (and the villages routing compares, whether the
  // idempotency key is taken, and the linker's candidates: buildings and facilities around the
  // point), shared by the submissions arriving together, beside the cached reference data: nothing
  // else is read before the transaction but the building, when one is named, and building
  // addresses, when the text holds an address and no building was found by place.
  const subject = {
    title,
    description: input.description,
    address: input.address ?? null,
    point: { lng: wLng, lat: wLat },
    precision: options.locationPrecision ?? 'point',
    reporterBuildingId: input.buildingId ?? null,
  };
  const text = readLinkText(subject);
  const [located, reference] = await Promise.all([
    locateSubmission(
      db,
      {
        lng: wLng,
        lat: wLat,
        idempotencyKey: input.idempotencyKey ?? null,
        unit: text.unit,
        reporterBuildingId: subject.reporterBuildingId,
      },
      { nearMeters: ROUTING_BOUNDARY_METERS, ranges: LINK_RANGES },
    ),
    getReferenceData(db),
  ]);
  if (located.keyTaken) {
    const existing = await getByIdempotencyKey(db, input.idempotencyKey!);
    if (existing) return replay(existing, fingerprint);
  }
  const place = located.place;
  if (!place) throw outOfArea();
  const gathered = await completeLinkCandidates(db, [subject], [text], [located.link]);

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

  // The building, household and facility: decided now that triage has weighed the category.
  const [links] = decideGatheredLinks(
    [{ ...subject, categoryCode: plan.triage.categoryCode ?? input.categoryCode ?? null }],
    gathered,
    reference.gazetteer,
  );

  // Written with the group commit: at once when intake is idle, else together with the submissions
  // that arrived meanwhile, in one transaction (complaint, contact, attachments, events, reminders, audit).
  const outcome = await writeSubmission(db, {
    input,
    now,
    fingerprint,
    title,
    lng: wLng,
    lat: wLat,
    original: { lng, lat },
    locationPrecision: subject.precision,
    address,
    place,
    onBehalfUserId: options.onBehalfUserId ?? null,
    plan,
    links: links!,
    offices: reference.router.offices,
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
