import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  getAreaMapSvg,
  getDivision,
  listLettersIssued,
  listOverdueCases,
} from '@/db/queries/monthly-reports';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { divisionPrefix } from '@/lib/geo/division-code';
import { computeEmergingHotspots } from '@/lib/hotspots/compute-emerging.server';
import { computeHotspots } from '@/lib/hotspots/compute-hotspots.server';
import { AppError } from '@/lib/http/errors';
import { computeAssessment } from '@/lib/stats/assessment.server';
import { computeCategoryRanking } from '@/lib/stats/category-ranking.server';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';
import { indicatorDefinition } from '@/lib/stats/definitions';
import { computeMonthlyTrend } from '@/lib/stats/monthly-trend.server';
import { computeOfficeRanking } from '@/lib/stats/office-ranking.server';
import { addMonths, isIsoMonth, monthPeriod } from '@/lib/stats/period';
import { listStatsAreaChildren } from '@/lib/stats/resolve-stats-area.server';
import { BUCK_PASSING_Q } from '@/lib/supervision/buck-passing-types';
import { getBuckPassing } from '@/lib/supervision/get-buck-passing.server';
import type { MonthlyReportData, ReportAssessed, ReportBuckPassing, ReportCategory } from './report-data';

/** Cell edge of the report's hot-spot map by area level (metres). */
const CELL_SIZE: Record<string, number> = { city: 2000, county: 1000, town: 500, village: 250 };
const LIST_LIMIT = 15;

/**
 * The reader a report is written for: a leader of the area. A report's content never depends on
 * who pressed the button: every figure is computed within the area as its leaders see it (no
 * misconduct reports, no personal data), with the statistics' own modules (lib/stats).
 */
export function reportReader(area: { code: string; level: string }): AuthUser {
  return {
    id: 0,
    username: 'monthly-report',
    displayName: 'monthly-report',
    role: 'leader',
    jurisdiction: { kind: 'division', divisionCode: area.code, divisionLevel: area.level as DivisionLevel },
    jurisdictionName: null,
  };
}

const pct = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * Assemble the monthly report of `areaCode` for `month` ('YYYY-MM'): the indicators with their
 * definitions, the trend, where complaints concentrated (sub-areas, categories, Gi* hot spots and
 * their map), the responsible offices and their progress, overdue cases and supervision letters,
 * the 三率 assessment with its 红黑榜, and notable patterns (largest rises, emerging hot spots).
 */
export async function buildMonthlyReport(
  db: DbOrTx,
  params: {
    areaCode: string;
    month: string;
    now: Date;
    locale?: string;
    /** Called with each section's wall time in ms (the bench's profile). */
    onSection?: (section: string, ms: number) => void;
  },
): Promise<MonthlyReportData> {
  if (!isIsoMonth(params.month))
    throw new AppError('VALIDATION', 'Bad month', [{ path: 'month', message: 'bad_month' }]);
  const division = await getDivision(db, { code: params.areaCode });
  if (!division) throw new AppError('NOT_FOUND', 'Area not found');
  const reader = reportReader(division);
  const locale = params.locale ?? 'zh-CN';
  const en = locale === 'en';
  const p = monthPeriod(params.month);
  const range = { areaCode: division.code, from: p.from, to: p.to, now: params.now };
  const prefix = divisionPrefix(division.code);
  const scope = complaintScope(reader);

  // Each section is its own read (the statistics from the rollups, hot spots from the hot-spot bins):
  // they run side by side, on the server's pool (the embedded engine runs them one after another).
  const timed = <T>(section: string, work: () => Promise<T>): Promise<T> => {
    if (!params.onSection) return work();
    const t0 = performance.now();
    return work().then((v) => {
      params.onSection?.(section, performance.now() - t0);
      return v;
    });
  };
  const statistics = timed('statistics', () =>
    Promise.all([
      timed('indicators', () => computeIndicators(db, reader, range)),
      timed('trend', () =>
        computeMonthlyTrend(db, reader, {
          areaCode: division.code,
          lastMonth: params.month,
          count: 12,
          now: params.now,
        }),
      ),
      timed('category ranking', () => computeCategoryRanking(db, reader, range)),
      timed('office ranking', () => computeOfficeRanking(db, reader, range)),
      timed('assessment', () =>
        computeAssessment(db, reader, { areaCode: division.code, month: params.month, now: params.now }),
      ),
      timed('sub-areas', async () => {
        const children = await listStatsAreaChildren(db, reader, division.code);
        return Promise.all(
          children.children.map(async (child) => ({
            child,
            c: await computeIndicators(db, reader, { ...range, areaCode: child.code }),
          })),
        );
      }),
    ]),
  );
  const cellSize = CELL_SIZE[division.level] ?? 1000;
  // Where problems concentrated: Gi* hot spots of the month (FDR-corrected), drawn as SVG.
  const hotspots = timed('hot spots + map', async () => {
    const hot = await computeHotspots(db, reader, {
      divisionCode: division.code,
      cellSize,
      shape: 'square',
      fdr: true,
      filter: { from: p.start, to: p.end },
    }).catch((error: unknown) => {
      // Too few complaints for the statistic (or too many cells) is a fact to print, not a failure.
      if (error instanceof AppError && error.code !== 'INTERNAL') return null;
      throw error;
    });
    // Hot cells (Gi* bins +1…+3), the most complaints first: where the month's problems concentrated.
    const hotCells = (hot?.cells ?? [])
      .filter((c) => c.bin > 0)
      .sort((a, b) => b.count - a.count || b.z - a.z || a.i - b.i || a.j - b.j);
    const svg = await getAreaMapSvg(db, {
      code: division.code,
      cells: hotCells.map((c) => ({ i: c.i, j: c.j })),
      size: cellSize,
      shape: 'square',
    });
    return { hot, hotCells, svg };
  });
  const emergingSection = timed('emerging', async (): Promise<MonthlyReportData['emerging']> => {
    try {
      const e = await computeEmergingHotspots(db, reader, {
        divisionCode: division.code,
        cellSize: cellSize * 2,
        months: 12,
        timeWindow: 1,
        fdr: true,
        // The analysis as of the report month's last instant (its month is the final step).
        now: new Date(p.end.getTime() - 1),
        filter: {},
      });
      return { patternCounts: e.parameters.patternCounts as Record<string, number>, months: 12 };
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
      return null;
    }
  });
  const lists = timed('overdue + letters', () =>
    Promise.all([
      listOverdueCases(db, { prefix, now: params.now, limit: LIST_LIMIT, scope }),
      listLettersIssued(db, { prefix, start: p.start, end: p.end, limit: LIST_LIMIT, scope }),
    ]),
  );
  // 推诿扯皮: the month's returns and transfers, as the area's leaders see them (no misconduct reports).
  const buckPassingSection = timed('buck passing', () =>
    getBuckPassing(db, { user: reader, from: p.start, to: p.end, limit: LIST_LIMIT }),
  );
  const [
    [indicators, trend, categories, offices, assessment, childFigures],
    { hot, hotCells, svg },
    emerging,
    [overdueCases, letters],
    bp,
  ] = await Promise.all([statistics, hotspots, emergingSection, lists, buckPassingSection]);
  const value = (id: string) => indicators.indicators.find((i) => i.id === id);

  const subAreas = [];
  for (const { child, c } of childFigures) {
    const get = (id: string) => c.indicators.find((i) => i.id === id);
    subAreas.push({
      code: child.code,
      name: child.name,
      volume: get('volume')?.numerator ?? 0,
      share: pct(get('volume')?.numerator ?? 0, value('volume')?.numerator ?? 0),
      onTime: get('on_time')?.value ?? null,
      satisfaction: get('satisfaction')?.value ?? null,
      overdue: get('overdue')?.numerator ?? 0,
    });
  }
  subAreas.sort((a, b) => b.volume - a.volume || a.code.localeCompare(b.code));

  const toCategory = (r: (typeof categories.rows)[number]): ReportCategory => ({
    rank: r.rank,
    code: r.code,
    name: en ? r.nameEn : r.nameZh,
    color: r.color,
    count: r.count,
    share: r.share,
    previousCount: r.previousCount,
    change: r.change,
  });
  const rises = categories.rows
    .filter((r) => r.count - r.previousCount > 0)
    .sort((a, b) => b.count - b.previousCount - (a.count - a.previousCount) || a.rank - b.rank)
    .slice(0, 5)
    .map(toCategory);

  const buckPassing: ReportBuckPassing = {
    baseRate: bp.baseRate,
    baseCaseRate: bp.baseCaseRate,
    q: BUCK_PASSING_Q,
    minVolume: bp.minVolume,
    bouncingTotal: bp.cases.length,
    cases: bp.cases.slice(0, 10).map((c) => ({
      trackingCode: c.trackingCode,
      title: c.title,
      bounces: c.bounces.length,
      path: [
        c.bounces[0]?.from?.name,
        ...c.bounces.map((b) => b.to?.name ?? (en ? 're-dispatch' : '待重新派单')),
      ]
        .filter(Boolean)
        .join(' → '),
      lastReason: c.bounces.at(-1)?.reason ?? null,
    })),
    pairs: bp.pairs.slice(0, 10).map((x) => ({
      a: x.a.name,
      b: x.b.name,
      aToB: x.aToB,
      bToA: x.bToA,
      backAndForth: x.backAndForth,
    })),
    offices: bp.offices.slice(0, 10).map((o) => ({
      name: o.office.name,
      received: o.received,
      bounced: o.bounced,
      rate: o.rate,
      q: o.q,
    })),
    combos: bp.combos.slice(0, 10).map((c) => ({
      categoryCode: c.category.code,
      category: en ? c.category.nameEn : c.category.name,
      town: c.town.name,
      cases: c.cases,
      bouncedCases: c.bouncedCases,
      rate: c.rate,
      q: c.q,
    })),
  };

  const assessed = (o: (typeof assessment.offices)[number]): ReportAssessed => ({
    rank: o.rank,
    name: o.officeName,
    tier: o.tier,
    cases: o.cases,
    responseRate: o.responseRate,
    resolutionRate: o.resolutionRate,
    satisfactionRate: o.satisfactionRate,
    score: o.score,
  });

  return {
    schema: 1,
    locale,
    area: { code: division.code, name: division.name, level: division.level },
    month: params.month,
    period: { from: p.from, to: p.to },
    previous: { from: indicators.previous.from, to: indicators.previous.to },
    asOf: params.now.toISOString(),
    indicators: indicators.indicators.map((i) => {
      const d = indicatorDefinition(i.id);
      const text = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
      return {
        id: i.id,
        name: text(d.name),
        unit: i.unit,
        better: d.better,
        definition: d.denominator ? `${text(d.numerator)} ÷ ${text(d.denominator)}` : text(d.numerator),
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
        previous: i.previous,
        change: i.change,
      };
    }),
    trend: {
      months: trend.months,
      volume: trend.series.volume.map((f) => f.value),
      onTime: trend.series.on_time.map((f) => f.value),
      satisfaction: trend.series.satisfaction.map((f) => f.value),
    },
    subAreas,
    categories: categories.rows.slice(0, 10).map(toCategory),
    rises,
    offices: [...offices.rows]
      .sort((a, b) => b.volume - a.volume || a.rank - b.rank)
      .slice(0, LIST_LIMIT)
      .map((o) => ({
        rank: o.rank,
        name: o.officeName,
        tier: o.tier,
        volume: o.volume,
        resolved: o.resolved,
        onTimeRate: o.onTimeRate,
        firstReplyRate: o.firstReplyRate,
        satisfactionRate: o.satisfactionRate,
        avgHandlingDays: o.avgHandlingDays,
        overdue: o.overdue,
        lettersIssued: o.lettersIssued,
      })),
    overdue: {
      total: value('overdue')?.numerator ?? 0,
      cases: overdueCases.map((c) => ({ ...c, resolveDueAt: new Date(c.resolveDueAt).toISOString() })),
    },
    letters: {
      issued: value('letters_issued')?.numerator ?? 0,
      answered: value('letters_answered')?.numerator ?? 0,
      list: letters.map((l) => ({
        ...l,
        issuedAt: new Date(l.issuedAt).toISOString(),
        dueAt: new Date(l.dueAt).toISOString(),
        answeredAt: l.answeredAt ? new Date(l.answeredAt).toISOString() : null,
      })),
    },
    assessment: {
      weights: assessment.weights,
      minCases: assessment.minCases,
      ranked: assessment.offices
        .filter((o) => o.rank !== null)
        .slice(0, LIST_LIMIT)
        .map(assessed),
      red: assessment.red.map(assessed),
      black: assessment.black.map(assessed),
    },
    hotspots: {
      cellSize,
      cells: hot?.parameters.cells ?? 0,
      hot: hotCells.length,
      top: hotCells.slice(0, 10).map((c, k) => ({
        rank: k + 1,
        count: c.count,
        z: Math.round(c.z * 100) / 100,
        bin: c.bin,
        area: svg?.cells[k]?.area ?? null,
      })),
      map: svg
        ? {
            viewBox: svg.viewBox,
            outline: svg.outline,
            children: svg.children,
            cells: svg.cells.map((c, k) => ({ path: c.path, bin: hotCells[k]?.bin ?? 1 })),
          }
        : null,
    },
    emerging,
    buckPassing,
  };
}

/** The previous month of `now` (CST), 'YYYY-MM'. */
export function previousMonth(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  return addMonths(cst, -1);
}
