import 'server-only';
/**
 * Every statistics table as plain data `{ columns: { key, header }[], rows }`, one function per
 * table, for Excel export (lib/export/xlsx.server.ts) and the monthly report. Values are numbers
 * (rates in percent, rounded to 0.1; durations in days, rounded to 0.1) or strings; null = no data.
 * Headers are Chinese by default (`locale: 'en'` for English).
 */
import type { DbOrTx } from '@/db/client';
import type { AuthUser } from '@/lib/auth/types';
import { computeAssessment } from './assessment.server';
import { computeCategoryRanking } from './category-ranking.server';
import { INDICATORS } from './definitions';
import { computeMonthlyTrend } from './monthly-trend.server';
import { computeOfficeRanking } from './office-ranking.server';

export type Cell = string | number | null;

export interface StatsTable {
  /** A title for the sheet ('办理单位排名 2026-01-01—2026-01-31 西区'). */
  title: string;
  columns: { key: string; header: string }[];
  rows: Record<string, Cell>[];
}

type Locale = 'zh' | 'en';
const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const h = (locale: Locale, zh: string, en: string) => (locale === 'zh' ? zh : en);
const TIER: Record<string, Localized> = {
  county: { zh: '区/县', en: 'County' },
  town: { zh: '镇/街道', en: 'Town' },
  village: { zh: '村/社区', en: 'Village' },
};
interface Localized {
  zh: string;
  en: string;
}

interface RangeParams {
  areaCode?: string | null;
  from: string;
  to: string;
  now?: Date;
  locale?: Locale;
}

export async function officeRankingTable(
  db: DbOrTx,
  user: AuthUser,
  params: RangeParams,
): Promise<StatsTable> {
  const locale = params.locale ?? 'zh';
  const r = await computeOfficeRanking(db, user, params);
  return {
    title: `${h(locale, '办理单位排名', 'Office ranking')} ${r.area.name} ${r.period.from}—${r.period.to}`,
    columns: [
      { key: 'rank', header: h(locale, '排名', 'Rank') },
      { key: 'office', header: h(locale, '承办单位', 'Office') },
      { key: 'tier', header: h(locale, '层级', 'Tier') },
      { key: 'volume', header: h(locale, '受理量', 'Received') },
      { key: 'resolved', header: h(locale, '办结量', 'Resolved') },
      { key: 'onTimeRate', header: h(locale, '按时办结率(%)', 'On-time resolution (%)') },
      { key: 'firstReplyRate', header: h(locale, '首复及时率(%)', 'First reply on time (%)') },
      { key: 'satisfactionRate', header: h(locale, '满意率(%)', 'Satisfaction (%)') },
      { key: 'avgHandlingDays', header: h(locale, '平均办理时长(天)', 'Average handling (days)') },
      { key: 'overdue', header: h(locale, '超期件数', 'Overdue') },
      { key: 'lettersIssued', header: h(locale, '督办函', 'Letters') },
    ],
    rows: r.rows.map((o) => ({
      rank: o.rank,
      office: o.officeName,
      tier: TIER[o.tier]?.[locale] ?? o.tier,
      volume: o.volume,
      resolved: o.resolved,
      onTimeRate: r1(o.onTimeRate),
      firstReplyRate: r1(o.firstReplyRate),
      satisfactionRate: r1(o.satisfactionRate),
      avgHandlingDays: r1(o.avgHandlingDays),
      overdue: o.overdue,
      lettersIssued: o.lettersIssued,
    })),
  };
}

export async function categoryRankingTable(
  db: DbOrTx,
  user: AuthUser,
  params: RangeParams,
): Promise<StatsTable> {
  const locale = params.locale ?? 'zh';
  const r = await computeCategoryRanking(db, user, params);
  return {
    title: `${h(locale, '问题类型排名', 'Category ranking')} ${r.area.name} ${r.period.from}—${r.period.to}`,
    columns: [
      { key: 'rank', header: h(locale, '排名', 'Rank') },
      { key: 'category', header: h(locale, '问题类型', 'Category') },
      { key: 'count', header: h(locale, '受理量', 'Received') },
      { key: 'share', header: h(locale, '占比(%)', 'Share (%)') },
      { key: 'previousCount', header: h(locale, '上期受理量', 'Previous period') },
      { key: 'change', header: h(locale, '环比(%)', 'Change (%)') },
      { key: 'onTimeRate', header: h(locale, '按时办结率(%)', 'On-time resolution (%)') },
      { key: 'satisfactionRate', header: h(locale, '满意率(%)', 'Satisfaction (%)') },
    ],
    rows: r.rows.map((c) => ({
      rank: c.rank,
      category: locale === 'zh' ? c.nameZh : c.nameEn,
      count: c.count,
      share: r1(c.share),
      previousCount: c.previousCount,
      change: c.change?.relative === null || !c.change ? null : r1(c.change.relative * 100),
      onTimeRate: r1(c.onTimeRate),
      satisfactionRate: r1(c.satisfactionRate),
    })),
  };
}

export async function monthlyTrendTable(
  db: DbOrTx,
  user: AuthUser,
  params: {
    areaCode?: string | null;
    lastMonth?: string | null;
    count?: number;
    now?: Date;
    locale?: Locale;
  },
): Promise<StatsTable> {
  const locale = params.locale ?? 'zh';
  const t = await computeMonthlyTrend(db, user, params);
  return {
    title: `${h(locale, '月度趋势', 'Monthly trend')} ${t.area.name} ${t.months[0]}—${t.months.at(-1)}`,
    columns: [
      { key: 'month', header: h(locale, '月份', 'Month') },
      ...INDICATORS.map((d) => ({
        key: d.id,
        header: `${d.name[locale]}${d.unit === 'percent' ? '(%)' : d.unit === 'days' ? h(locale, '(天)', ' (days)') : ''}`,
      })),
    ],
    rows: t.months.map((month, i) => ({
      month,
      ...Object.fromEntries(INDICATORS.map((d) => [d.id, r1(t.series[d.id][i]!.value)])),
    })),
  };
}

export async function assessmentTable(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; month?: string | null; now?: Date; locale?: Locale },
): Promise<StatsTable> {
  const locale = params.locale ?? 'zh';
  const a = await computeAssessment(db, user, params);
  return {
    title: `${h(locale, '三率考核', 'Three-rate assessment')} ${a.area.name} ${a.month}`,
    columns: [
      { key: 'rank', header: h(locale, '排名', 'Rank') },
      { key: 'office', header: h(locale, '承办单位', 'Office') },
      { key: 'tier', header: h(locale, '层级', 'Tier') },
      { key: 'score', header: h(locale, '综合得分', 'Score') },
      {
        key: 'responseRate',
        header: h(locale, `响应率(%) 权重${a.weights.response}`, `Response (%) w${a.weights.response}`),
      },
      {
        key: 'resolutionRate',
        header: h(locale, `办结率(%) 权重${a.weights.resolution}`, `Resolution (%) w${a.weights.resolution}`),
      },
      {
        key: 'satisfactionRate',
        header: h(
          locale,
          `满意率(%) 权重${a.weights.satisfaction}`,
          `Satisfaction (%) w${a.weights.satisfaction}`,
        ),
      },
      { key: 'cases', header: h(locale, '考核件数', 'Cases') },
      { key: 'eligible', header: h(locale, '参与红黑榜', 'On the lists') },
    ],
    rows: a.offices.map((o) => ({
      rank: o.rank,
      office: o.officeName,
      tier: TIER[o.tier]?.[locale] ?? o.tier,
      score: r1(o.score),
      responseRate: r1(o.responseRate),
      resolutionRate: r1(o.resolutionRate),
      satisfactionRate: r1(o.satisfactionRate),
      cases: o.cases,
      eligible: o.eligible ? h(locale, '是', 'yes') : h(locale, '否（件数不足）', 'no (too few cases)'),
    })),
  };
}
