import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  type Bounds,
  type ComplaintMetric,
  complaintMetricCondition,
  listStatsComplaints,
  type RelatedMetric,
  relatedMetricCondition,
  type StatsArea,
  type StatsComplaintRow,
  statsListWhere,
} from '@/db/queries/stats';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { parsePeriod } from './compute-indicators.server';
import { type IndicatorId, indicatorDefinition } from './definitions';
import type { Period } from './period';
import { resolveStatsArea } from './resolve-stats-area.server';
import { statsScope } from './stats-scope.server';

export type IndicatorPart = 'numerator' | 'denominator';

type Metric = { complaint: ComplaintMetric } | { related: RelatedMetric };

/** Which counted quantity is behind each part of each indicator (the drill-down mirrors the count). */
const PARTS: Record<IndicatorId, { numerator: Metric; denominator?: Metric }> = {
  volume: { numerator: { complaint: 'volume' } },
  resolved: { numerator: { complaint: 'resolved' } },
  satisfaction: { numerator: { related: 'ratingNum' }, denominator: { related: 'ratingDen' } },
  on_time: { numerator: { complaint: 'onTimeNum' }, denominator: { complaint: 'onTimeDen' } },
  same_day_dispatch: { numerator: { complaint: 'dispatchNum' }, denominator: { complaint: 'dispatchDen' } },
  first_reply: { numerator: { complaint: 'replyNum' }, denominator: { complaint: 'replyDen' } },
  handling_avg: { numerator: { complaint: 'resolved' } },
  handling_median: { numerator: { complaint: 'resolved' } },
  return_rate: { numerator: { complaint: 'returnNum' }, denominator: { complaint: 'returnDen' } },
  reopen_rate: { numerator: { complaint: 'reopenNum' }, denominator: { complaint: 'reopenDen' } },
  spot_check_pass: { numerator: { related: 'checksPassed' }, denominator: { related: 'checksDone' } },
  overdue: { numerator: { complaint: 'overdue' } },
  no_deadline: { numerator: { complaint: 'noDeadline' } },
  letters_issued: { numerator: { related: 'lettersIssued' } },
  letters_answered: { numerator: { related: 'lettersAnswered' }, denominator: { related: 'lettersIssued' } },
};

export function indicatorCondition(id: IndicatorId, part: IndicatorPart, bounds: Bounds, now: Date): SQL {
  const metric = part === 'denominator' ? PARTS[id].denominator : PARTS[id].numerator;
  if (!metric) {
    throw new AppError('VALIDATION', 'This figure has no denominator', [
      { path: 'part', message: 'no_denominator' },
    ]);
  }
  return 'complaint' in metric
    ? complaintMetricCondition(metric.complaint, bounds, now)
    : relatedMetricCondition(metric.related, bounds);
}

export interface IndicatorComplaints {
  area: StatsArea;
  period: Period;
  indicator: IndicatorId;
  part: IndicatorPart;
  total: number;
  rows: StatsComplaintRow[];
}

/** Which complaints a drill-down lists: an indicator's part over an area and period, optionally of one office or category. */
export interface IndicatorSelection {
  indicator: IndicatorId;
  part: IndicatorPart;
  areaCode?: string | null;
  from: string;
  to: string;
  officeId?: number | null;
  category?: string | null;
  now?: Date;
}

/** The area, the period and the list condition of a selection (shared by the list and its export). */
async function resolveSelection(db: DbOrTx, user: AuthUser, params: IndicatorSelection) {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const period = parsePeriod(params.from, params.to);
  indicatorDefinition(params.indicator);
  const condition = indicatorCondition(params.indicator, params.part, period, params.now ?? new Date());
  const where = {
    scope: statsScope(user),
    area,
    condition,
    officeId: params.officeId,
    category: params.category,
  };
  return { area, period, where };
}

/**
 * The complaints behind a figure: the cases counted in an indicator's numerator or denominator
 * (for ratings, letters and spot checks: the cases that have one counted), optionally of one office
 * or level-1 category (the ranking tables), newest first.
 */
export async function listIndicatorComplaints(
  db: DbOrTx,
  user: AuthUser,
  params: IndicatorSelection & { limit?: number; offset?: number },
): Promise<IndicatorComplaints> {
  const { area, period, where } = await resolveSelection(db, user, params);
  const { total, rows } = await listStatsComplaints(db, {
    ...where,
    limit: Math.min(Math.max(params.limit ?? 50, 1), 500),
    offset: Math.max(params.offset ?? 0, 0),
  });
  return { area, period, indicator: params.indicator, part: params.part, total, rows };
}

/**
 * The same cases as `listIndicatorComplaints` as one SQL condition on `complaints` (for the Excel
 * export of a drill-down, which pages through them itself in the same order).
 */
export async function indicatorComplaintsWhere(
  db: DbOrTx,
  user: AuthUser,
  params: IndicatorSelection,
): Promise<SQL> {
  return statsListWhere((await resolveSelection(db, user, params)).where);
}
