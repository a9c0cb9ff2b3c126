/**
 * npx tsx --conditions=react-server scripts/bench-stats.ts — times the statistics (lib/stats) for
 * a city-level leader on the database of DATABASE_URL (or the embedded one), for the latest month
 * with complaints: the indicator cards (month and 12 months, each with its previous period), the
 * 12-month trend, the office and category rankings and the assessment. Prints the month's figures.
 * Nothing is asserted.
 */
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { queryRow } from '../db/sql';
import type { AuthUser } from '../lib/auth/types';
import { computeAssessment } from '../lib/stats/assessment.server';
import { computeCategoryRanking } from '../lib/stats/category-ranking.server';
import { computeIndicators } from '../lib/stats/compute-indicators.server';
import { formatFigure } from '../lib/stats/indicator-values';
import { computeMonthlyTrend } from '../lib/stats/monthly-trend.server';
import { computeOfficeRanking } from '../lib/stats/office-ranking.server';
import { addMonths, monthPeriod } from '../lib/stats/period';

const handle = await openDb();
const db = handle.db;
const user: AuthUser = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: null,
};
const latest = await queryRow<{ m: string; n: number }>(
  db,
  sql`select to_char(max(submitted_at) at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*)::int as n from complaints`,
);
const month = latest!.m;
console.log(`${latest!.n} complaints; latest month ${month}`);
async function time<T>(name: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await f();
  console.log(`${name}: ${Math.round(performance.now() - start)} ms`);
  return result;
}
const m = monthPeriod(month);
const cards = await time('indicators, one month + previous', () =>
  computeIndicators(db, user, { from: m.from, to: m.to }),
);
for (const i of cards.indicators) {
  console.log(
    `  ${i.id}: ${formatFigure(i.unit, i.value)} (${i.numerator}${i.denominator === null ? '' : `/${i.denominator}`}), previous ${formatFigure(i.unit, i.previous.value)}`,
  );
}
await time('indicators, 12 months + previous 12', () =>
  computeIndicators(db, user, { from: monthPeriod(addMonths(month, -11)).from, to: m.to }),
);
await time('trend, 12 months', () => computeMonthlyTrend(db, user, { lastMonth: month }));
const offices = await time('office ranking', () =>
  computeOfficeRanking(db, user, { from: m.from, to: m.to }),
);
await time('category ranking', () => computeCategoryRanking(db, user, { from: m.from, to: m.to }));
const a = await time('assessment', () => computeAssessment(db, user, { month }));
console.log(
  `${offices.rows.length} offices ranked; assessment: ${a.offices.length} offices, ${a.offices.filter((o) => o.eligible).length} with ≥ ${a.minCases} cases`,
);
await handle.close();
