import 'server-only';
import type { Db, DbOrTx } from '@/db/client';
import {
  getPublicComplaint,
  listPublicEvents,
  listRatings,
  type PublicComplaintRow,
} from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import { assertUnderRate, type RateStore, rateStore } from '@/lib/http/rate-store.server';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { listMergedProgress } from '@/lib/triage/list-merged-progress.server';
import { nextStepOf } from './next-step';
import type { PublicTimeline } from './public-timeline';
import { type TrackInput, trackInput } from './submit-input';

export type { PublicTimeline };

export const MAX_REOPENS = 2;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Resolve the tracking credentials to a complaint. An unknown code and wrong phone digits answer
 * the same NOT_FOUND, and both count against the pair (code, client address): 10 misses an hour,
 * then that address gets 429 for that code whether the code exists or not (so the answer tells
 * nothing about existence), while the reporter, from their own address, is never locked out by
 * someone else's misses. Guessing across codes is bounded by the per-address track limit.
 */
export async function requireTrackedComplaint(
  db: DbOrTx,
  input: TrackInput,
  options: { forUpdate?: boolean; now?: number; address?: string; store?: RateStore } = {},
): Promise<PublicComplaintRow> {
  const store = options.store ?? rateStore();
  const now = options.now ?? Date.now();
  const failKey = `track-fail:${input.trackingCode}:${options.address ?? 'local'}`;
  await assertUnderRate(failKey, INTAKE_RATE_RULES.trackFailuresPerCode, now, store);
  const row = await getPublicComplaint(db, {
    trackingCode: input.trackingCode,
    forUpdate: options.forUpdate,
  });
  if (!row || (row.phoneLast4 !== null && row.phoneLast4 !== input.phoneLast4)) {
    await store.hit(failKey, INTAKE_RATE_RULES.trackFailuresPerCode, now);
    throw new AppError('NOT_FOUND', 'No complaint with this tracking code and phone digits');
  }
  return row;
}

export async function trackComplaint(
  db: Db,
  raw: unknown,
  options: { address?: string; now?: number } = {},
): Promise<PublicTimeline> {
  const input = trackInput.parse(raw);
  const row = await requireTrackedComplaint(db, input, { ...options, store: rateStore(db) });
  return toPublicTimeline(db, row);
}

export async function toPublicTimeline(db: DbOrTx, row: PublicComplaintRow): Promise<PublicTimeline> {
  const [own, ratings, followed] = await Promise.all([
    listPublicEvents(db, row.id),
    listRatings(db, row.id),
    row.status === 'merged' ? listMergedProgress(db, row.id) : [],
  ]);
  // A merged case shows the progress of the case it was merged into (lib/triage/list-merged-progress).
  const events = [...own, ...followed];
  const misconduct = row.kind === 'misconduct';
  const timeline: PublicTimeline['events'] = events.map((e) => ({
    type: e.type,
    status: e.toStatus,
    // A misconduct report never names who handles it.
    office: misconduct ? null : e.officeName,
    note: e.publicNote,
    at: e.at.toISOString(),
  }));
  // 研判/分级: the grade is public even where the triage event itself is internal.
  if (row.triagedAt && !misconduct && !timeline.some((e) => e.type === 'triaged')) {
    timeline.push({
      type: 'triaged',
      status: 'triaged',
      office: null,
      note: [row.categoryName, row.urgencyName].filter(Boolean).join(' · ') || null,
      at: row.triagedAt.toISOString(),
    });
    // Submission, grading and dispatch usually share one instant: keep them in that order.
    const rank = (type: string) => (type === 'submitted' ? 0 : type === 'triaged' ? 1 : 2);
    timeline.sort((a, b) => a.at.localeCompare(b.at) || rank(a.type) - rank(b.type));
  }
  const answer = [...events].reverse().find((e) => e.type === 'resolved')?.publicNote ?? null;
  const round = row.reopenCount + 1;
  const roundRating = ratings.find((r) => r.round === round);
  const resolved = row.status === 'resolved' && !misconduct;
  const rated = (row.status === 'resolved' || row.status === 'closed') && !misconduct;
  return {
    trackingCode: row.trackingCode,
    kind: row.kind,
    status: row.status,
    title: row.title,
    description: row.description,
    category: misconduct ? null : row.categoryName,
    urgency: misconduct ? null : row.urgencyName,
    office: misconduct ? null : row.officeName,
    submittedAt: row.submittedAt.toISOString(),
    deadlines: misconduct
      ? { dispatch: null, firstReply: null, resolve: null }
      : {
          dispatch: iso(row.dispatchDueAt),
          firstReply: iso(row.firstReplyDueAt),
          resolve: iso(row.resolveDueAt),
        },
    events: timeline,
    answer: misconduct ? null : answer,
    ratings: ratings.map((r) => ({ ...r, at: r.at.toISOString() })),
    canRate: resolved && !roundRating,
    canReopen: rated && roundRating?.level === 'unsatisfied' && row.reopenCount < MAX_REOPENS,
    nextStep: nextStepOf(row),
  };
}
