import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countConfirmationsSince, getNewestTriageModelHead } from '@/db/queries/triage';
import { resetTriageSuggesterCache } from './get-triage-suggester.server';
import type { LabelledText } from './read-labelled-csv';
import { trainTriageModel } from './train-triage-model.server';

/**
 * New staff decisions (acceptances, recategorisations, manual dispatches) since the last training
 * that trigger a retrain; SUQIU_TRIAGE_RETRAIN_AFTER overrides (0 or unset: 50; "off": never).
 */
export const RETRAIN_AFTER = (() => {
  const v = process.env.SUQIU_TRIAGE_RETRAIN_AFTER;
  if (v === 'off') return Number.POSITIVE_INFINITY;
  return v && Number(v) > 0 ? Number(v) : 50;
})();

let running: Promise<unknown> | null = null;

/**
 * Retrain when at least `threshold` staff decisions arrived since the newest version was trained.
 * The training itself runs in a separate process (never blocking requests); the new version is
 * promoted only if it beats the active one on held-out confirmed cases (trainTriageModel). One
 * retrain at a time per process; returns whether it trained. Called fire-and-forget after a staff
 * decision (POST /api/cases/[id]/transitions).
 */
export async function retrainIfDue(
  db: DbOrTx,
  options: { threshold?: number; corpus?: readonly LabelledText[] } = {},
): Promise<boolean> {
  if (running) return false;
  const threshold = options.threshold ?? RETRAIN_AFTER;
  if (!Number.isFinite(threshold)) return false;
  const head = await getNewestTriageModelHead(db);
  const fresh = await countConfirmationsSince(db, head?.createdAt ?? new Date(0));
  if (fresh < threshold) return false;
  running = trainTriageModel(db, { trigger: 'confirmations', background: true, corpus: options.corpus });
  try {
    await running;
    resetTriageSuggesterCache();
    return true;
  } finally {
    running = null;
  }
}
