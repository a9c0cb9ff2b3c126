import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countConfirmationsSince, getLatestTriageModelHead } from '@/db/queries/triage';
import { resetTriageSuggesterCache } from './get-triage-suggester.server';
import { trainTriageModel } from './train-triage-model.server';

/**
 * New confirmations (acceptances, recategorisations) since the newest snapshot that trigger a
 * retrain. Off unless SUQIU_TRIAGE_RETRAIN_AFTER is set: training runs in the calling process and
 * takes tens of seconds on a city's data, so by default retraining is `npm run triage:train`
 * (e.g. nightly from a scheduler).
 */
export const RETRAIN_AFTER = process.env.SUQIU_TRIAGE_RETRAIN_AFTER
  ? Number(process.env.SUQIU_TRIAGE_RETRAIN_AFTER)
  : Number.POSITIVE_INFINITY;

let running: Promise<unknown> | null = null;

/**
 * Retrain when at least `RETRAIN_AFTER` confirmations arrived since the newest snapshot (or none
 * exists yet and there are that many). One retrain at a time per process; returns whether it trained.
 * Called fire-and-forget after a staff override (POST /api/cases/[id]/transitions).
 */
export async function retrainIfDue(db: DbOrTx, options: { threshold?: number } = {}): Promise<boolean> {
  if (running) return false;
  const threshold = options.threshold ?? RETRAIN_AFTER;
  if (!Number.isFinite(threshold)) return false;
  const head = await getLatestTriageModelHead(db);
  const fresh = await countConfirmationsSince(db, head?.createdAt ?? new Date(0));
  if (fresh < threshold) return false;
  running = trainTriageModel(db, { trigger: 'confirmations' });
  try {
    await running;
    resetTriageSuggesterCache();
    return true;
  } finally {
    running = null;
  }
}
