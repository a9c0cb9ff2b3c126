import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getBoundsOf } from '@/db/queries/map-panels';
import { getStatsArea, listAreaChildren, type StatsArea } from '@/db/queries/stats';
import type { AuthUser } from '@/lib/auth/types';
import type { StatsSource } from './aggregate-stats.server';
import { computeCategoryRanking } from './category-ranking.server';
import { computeIndicators } from './compute-indicators.server';
import { computeMonthlyTrend } from './monthly-trend.server';
import { computeOfficeRanking } from './office-ranking.server';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { AreaPathNode, StatsDashboard } from './stats.types';
import type { StatsState } from './url-state';

/** Everything /stats shows for a state (area, period): cards, 12-month trend ending with the period, rankings. */
export async function getStatsDashboard(
  db: DbOrTx,
  user: AuthUser,
  state: StatsState,
  now = new Date(),
  source: StatsSource = 'rollup',
): Promise<StatsDashboard> {
  const area = await resolveStatsArea(db, user, state.area);
  const range = { areaCode: area.code, from: state.from, to: state.to, now, source };
  // Independent reads: on the server engine they run side by side on the pool's connections.
  const [indicators, trend, categories, offices, bounds, areaPath] = await Promise.all([
    computeIndicators(db, user, range),
    computeMonthlyTrend(db, user, { areaCode: area.code, lastMonth: state.to.slice(0, 7), now, source }),
    computeCategoryRanking(db, user, range),
    computeOfficeRanking(db, user, range),
    getBoundsOf(db, { divisionCode: area.code }),
    buildAreaPath(db, user, area),
  ]);
  return { areaPath, indicators, trend, categories, offices, bounds };
}

/** From the viewer's division down to the area, each with its children (the area picker's options). */
export async function buildAreaPath(db: DbOrTx, user: AuthUser, area: StatsArea): Promise<AreaPathNode[]> {
  // lineage runs from the area up; the picker starts at the viewer's division
  const root = user.jurisdiction.kind === 'division' ? user.jurisdiction.divisionCode : area.code;
  const codes = area.lineage.slice(0, area.lineage.indexOf(root) + 1).reverse();
  const path: AreaPathNode[] = [];
  for (const code of codes) {
    const d = code === area.code ? area : await getStatsArea(db, code);
    if (!d) continue;
    path.push({ code: d.code, name: d.name, level: d.level, children: await listAreaChildren(db, d.code) });
  }
  return path;
}
