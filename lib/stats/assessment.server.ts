import 'server-only';
import type { Db, DbOrTx } from '@/db/client';
import { getSetting, listOfficeNames, putSetting } from '@/db/queries/stats';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { aggregateStats, type StatsSource } from './aggregate-stats.server';
import { assessmentWeightsSchema, assessOffices, redBlackBoard, weightsOrDefault } from './assessment';
import {
  ASSESSMENT_BOARD_SIZE,
  ASSESSMENT_MIN_CASES,
  ASSESSMENT_WEIGHTS_KEY,
  type AssessmentWeights,
} from './definitions';
import { cstMonth, isIsoMonth, monthPeriod } from './period';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { Assessment } from './stats.types';

/** The weights in force: the admins' stored ones, else the documented default (30/35/35). */
export async function getAssessmentWeights(db: DbOrTx): Promise<AssessmentWeights> {
  return weightsOrDefault(await getSetting(db, ASSESSMENT_WEIGHTS_KEY));
}

/** Admins set the weights (each ≥ 0, summing to 100); VALIDATION otherwise. */
export async function setAssessmentWeights(
  db: Db,
  user: AuthUser,
  input: unknown,
  now = new Date(),
): Promise<AssessmentWeights> {
  assertCan(user, 'config.manage');
  const parsed = assessmentWeightsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      'Weights must be non-negative and sum to 100',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'response', message: i.message })),
    );
  }
  await db.transaction(async (tx) => {
    await putSetting(tx, ASSESSMENT_WEIGHTS_KEY, parsed.data, user.id, now);
  });
  return parsed.data;
}

/**
 * 三率考核 for one calendar month (CST) and area: every first-responsible office with cases in it,
 * scored and ranked (assessment.ts), and the 红黑榜.
 */
export async function computeAssessment(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; month?: string | null; now?: Date; source?: StatsSource },
): Promise<Assessment> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const now = params.now ?? new Date();
  const month = params.month || cstMonth(now);
  if (!isIsoMonth(month)) {
    throw new AppError('VALIDATION', 'Bad month', [{ path: 'month', message: 'bad_month' }]);
  }
  const weights = await getAssessmentWeights(db);
  const grouped = await aggregateStats(db, {
    viewer: user,
    area,
    periods: [monthPeriod(month)],
    now,
    groupBy: 'office',
    source: params.source,
  });
  grouped.delete('');
  const names = new Map((await listOfficeNames(db, [...grouped.keys()].map(Number))).map((o) => [o.id, o]));
  const rates = [...grouped.entries()]
    .map(([id, [c]]) => ({
      officeId: Number(id),
      officeName: names.get(Number(id))?.name ?? `#${id}`,
      tier: names.get(Number(id))?.tier ?? '',
      response: { numerator: c!.replyNum, denominator: c!.replyDen },
      resolution: { numerator: c!.onTimeNum, denominator: c!.onTimeDen },
      satisfaction: { numerator: c!.ratingNum, denominator: c!.ratingDen },
    }))
    .filter((o) => o.response.denominator + o.resolution.denominator + o.satisfaction.denominator > 0);
  const offices = assessOffices(rates, weights, ASSESSMENT_MIN_CASES);
  const { red, black } = redBlackBoard(offices, ASSESSMENT_BOARD_SIZE);
  return {
    area,
    month,
    weights,
    minCases: ASSESSMENT_MIN_CASES,
    boardSize: ASSESSMENT_BOARD_SIZE,
    offices,
    red,
    black,
  };
}
