/**
 * The contract of the statistics screens and `GET /api/stats/{trend,categories,offices,assessment}`:
 * the response types, shared by the verbs (`*.server.ts`), the routes, the /stats page and its
 * components. Pure (types only).
 */
import type { AreaChild, StatsArea, StatsComplaintRow } from '@/db/queries/stats';
import type { AssessedOffice } from './assessment';
import type { AssessmentWeights, IndicatorId } from './definitions';
import type { Change, Counts, Figure, IndicatorValue } from './indicator-values';
import type { Period } from './period';

export type { AreaChild, StatsArea, StatsComplaintRow };

export interface AreaPathNode {
  code: string;
  name: string;
  level: string;
  children: AreaChild[];
}

export interface StatsDashboard {
  /** From the viewer's division down to the chosen area, each with its children (the area picker). */
  areaPath: AreaPathNode[];
  indicators: IndicatorsResult;
  trend: MonthlyTrend;
  categories: CategoryRanking;
  offices: OfficeRanking;
  bounds: [number, number, number, number] | null;
}

export interface IndicatorsResult {
  area: StatsArea;
  period: Period;
  previous: Period;
  /** The instant "now" the figures were computed at (deadlines passed before it count as passed). */
  now: string;
  indicators: IndicatorValue[];
}

export interface CategoryRankingRow {
  rank: number;
  /** Level-1 category code; '' for uncategorised complaints. */
  code: string;
  nameZh: string;
  nameEn: string;
  color: string;
  count: number;
  /** count ÷ the period's volume, in percent. */
  share: number;
  previousCount: number;
  change: Change | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

export interface CategoryRanking {
  area: StatsArea;
  period: Period;
  previous: Period;
  total: number;
  rows: CategoryRankingRow[];
}

export interface MonthlyTrend {
  area: StatsArea;
  /** 'YYYY-MM', oldest first. */
  months: string[];
  /** Each indicator month by month (same definitions as the cards, one calendar month as the period). */
  series: Record<IndicatorId, Figure[]>;
}

export interface OfficeRankingRow {
  rank: number;
  officeId: number;
  officeName: string;
  tier: string;
  volume: number;
  resolved: number;
  onTimeRate: number | null;
  firstReplyRate: number | null;
  satisfactionRate: number | null;
  avgHandlingDays: number | null;
  overdue: number;
  lettersIssued: number;
  /** The raw counts, for numerators and denominators. */
  counts: Counts;
}

export interface OfficeRanking {
  area: StatsArea;
  period: Period;
  rows: OfficeRankingRow[];
}

export interface Assessment {
  area: StatsArea;
  month: string;
  weights: AssessmentWeights;
  minCases: number;
  boardSize: number;
  offices: AssessedOffice[];
  red: AssessedOffice[];
  black: AssessedOffice[];
}
