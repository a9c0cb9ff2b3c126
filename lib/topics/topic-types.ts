/**
 * The contract of the 每月一题 routes (`/api/topics/candidates`, `/api/topics`, `/api/topics/<id>`):
 * request schemas and response types, shared by the routes, the verbs and the browser. Pure.
 */
import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM');

export const topicCandidatesQuery = z.object({ month: month.optional() }).strict();
export type TopicCandidatesQuery = z.infer<typeof topicCandidatesQuery>;

export const pickTopicInput = z
  .object({
    /** The month the topic is for; the current month (Asia/Shanghai) when absent, never a later one. */
    month: month.optional(),
    areaCode: z.string().regex(/^\d{12}$/, 'areaCode: a 12-digit division code'),
    categoryCode: z.string().regex(/^[A-Z]{2}$/, 'categoryCode: a level-1 category code'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PickTopicInput = z.infer<typeof pickTopicInput>;

export const topicIdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** One recurring problem (a town × level-1 category) with what ranks it. */
export interface TopicCandidate {
  rank: number;
  area: { code: string; name: string; path: string };
  category: { code: string; name: string; nameEn: string };
  /** Complaints in the 12 months ranked, and per month (oldest first). */
  volume: number;
  monthly: number[];
  /** Months of the 12 with at least one complaint. */
  monthsActive: number;
  /** The emerging hot-spot class of the town × category over the 12 months (space-time Gi* over towns). */
  pattern: string;
  /** Distinct offices its complaints were dispatched or transferred to, or handled by. */
  offices: number;
  rated: number;
  unsatisfied: number;
  /** Unsatisfied ÷ rated, shrunk towards the division's rate (5 pseudo-ratings). */
  dissatisfaction: number;
  reopened: number;
  /** Reopened complaints ÷ complaints, shrunk towards the division's rate (5 pseudo-complaints). */
  reopenRate: number;
  /** Weighted mean of the five percentile ranks, 0–1. */
  score: number;
  components: {
    volume: number;
    persistence: number;
    offices: number;
    dissatisfaction: number;
    reopen: number;
  };
}

export interface TopicSummary {
  id: number;
  month: string;
  divisionCode: string;
  area: { code: string; path: string };
  category: { code: string; name: string; nameEn: string };
  note: string | null;
  pickedBy: string;
  pickedAt: string;
}

export interface TopicCandidatesResponse {
  /** The month the candidates are for ('YYYY-MM'); ranked on the 12 whole months before it. */
  month: string;
  window: { fromMonth: string; toMonth: string };
  divisionCode: string;
  canPick: boolean;
  candidates: TopicCandidate[];
  /** The topic picked for this month in this division, if any. */
  picked: TopicSummary | null;
  /** Every topic picked in the division, newest first. */
  topics: TopicSummary[];
}

export interface BeforeAfter {
  before: { months: number; total: number; mean: number };
  after: { months: number; total: number; mean: number };
  /** After's monthly rate ÷ before's (null without both). */
  rateRatio: number | null;
  /** Conditional binomial test of equal Poisson rates: P(after ≤ observed), P(after ≥ observed). */
  pDecrease: number | null;
  pIncrease: number | null;
  verdict: 'fell' | 'rose' | 'no_change' | 'too_early';
}

export interface TopicDetailResponse {
  topic: TopicSummary & { candidate: TopicCandidate };
  /** Monthly counts from 12 months before the topic's month to the current month ('YYYY-MM', counts). */
  series: {
    months: string[];
    counts: number[];
    currentMonth: string;
    /** The month of the city's first complaint (earlier months have no data), or null. */
    dataFrom: string | null;
  };
  comparison: BeforeAfter;
}
