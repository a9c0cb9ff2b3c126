/**
 * 三率考核: pure scoring of offices from their response (first reply on time), resolution (on-time
 * resolution) and satisfaction rates, as ASSESSMENT_DEFINITION in definitions.ts states it.
 */
import { z } from 'zod';
import {
  ASSESSMENT_BOARD_SIZE,
  ASSESSMENT_MIN_CASES,
  type AssessmentWeights,
  DEFAULT_ASSESSMENT_WEIGHTS,
} from './definitions';

export interface RateInput {
  numerator: number;
  denominator: number;
}

export interface OfficeRates {
  officeId: number;
  officeName: string;
  tier: string;
  response: RateInput;
  resolution: RateInput;
  satisfaction: RateInput;
}

export interface AssessedOffice extends OfficeRates {
  /** Rates in percent (null: no data). */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** Weighted score 0–100; null when no rate has data. */
  score: number | null;
  /** The largest of the three denominators. */
  cases: number;
  /** Whether it may enter the 红黑榜 (cases ≥ minCases and a score). */
  eligible: boolean;
  /** 1-based rank by score among offices with a score; null without one. */
  rank: number | null;
}

/** Weights as admins enter them: whole or decimal percentages, each ≥ 0, summing to 100. */
export const assessmentWeightsSchema = z
  .object({
    response: z.number().finite().min(0).max(100),
    resolution: z.number().finite().min(0).max(100),
    satisfaction: z.number().finite().min(0).max(100),
  })
  .strict()
  .refine((w) => Math.abs(w.response + w.resolution + w.satisfaction - 100) < 1e-9, {
    message: 'sum_not_100',
    path: ['response'],
  });

/** Stored weights, or the documented default when none (or an invalid value) is stored. */
export function weightsOrDefault(stored: unknown): AssessmentWeights {
  const parsed = assessmentWeightsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ASSESSMENT_WEIGHTS;
}

const pct = (r: RateInput) => (r.denominator > 0 ? (r.numerator / r.denominator) * 100 : null);

/** The weighted mean of the rates that have data, their weights rescaled to sum to 1. */
export function weightedScore(
  rates: { response: number | null; resolution: number | null; satisfaction: number | null },
  weights: AssessmentWeights,
): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of ['response', 'resolution', 'satisfaction'] as const) {
    const r = rates[key];
    if (r === null) continue;
    sum += r * weights[key];
    weight += weights[key];
  }
  if (weight === 0) {
    // every rate with data carries weight 0 (e.g. weights 0/0/100 and no ratings): no score
    return null;
  }
  return sum / weight;
}

/**
 * Score and rank offices: by score (high first), ties by more assessed cases, then by name.
 * Offices with no score come last, unranked.
 */
export function assessOffices(
  offices: readonly OfficeRates[],
  weights: AssessmentWeights = DEFAULT_ASSESSMENT_WEIGHTS,
  minCases = ASSESSMENT_MIN_CASES,
): AssessedOffice[] {
  const scored = offices.map((o) => {
    const responseRate = pct(o.response);
    const resolutionRate = pct(o.resolution);
    const satisfactionRate = pct(o.satisfaction);
    const score = weightedScore(
      { response: responseRate, resolution: resolutionRate, satisfaction: satisfactionRate },
      weights,
    );
    const cases = Math.max(o.response.denominator, o.resolution.denominator, o.satisfaction.denominator);
    return {
      ...o,
      responseRate,
      resolutionRate,
      satisfactionRate,
      score,
      cases,
      eligible: score !== null && cases >= minCases,
      rank: null as number | null,
    };
  });
  scored.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      b.cases - a.cases ||
      a.officeName.localeCompare(b.officeName, 'zh-CN'),
  );
  let rank = 0;
  for (const o of scored) if (o.score !== null) o.rank = ++rank;
  return scored;
}

/**
 * 红黑榜: the `size` best and `size` worst eligible offices. The black list is worst first; with
 * fewer than 2 × size eligible offices the lists do not overlap (the better half goes red).
 */
export function redBlackBoard(
  assessed: readonly AssessedOffice[],
  size = ASSESSMENT_BOARD_SIZE,
): { red: AssessedOffice[]; black: AssessedOffice[] } {
  const eligible = assessed.filter((o) => o.eligible);
  const redCount = Math.min(size, Math.ceil(eligible.length / 2));
  const blackCount = Math.min(size, eligible.length - redCount);
  const red = eligible.slice(0, redCount);
  const black = eligible
    .slice(eligible.length - blackCount)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || b.cases - a.cases);
  return { red, black };
}
