/**
 * From counted quantities (db/queries/stats.ts `PeriodCounts`) to indicator values, and the change
 * against the previous period, as definitions.ts states them. Pure.
 */
import { INDICATORS, type IndicatorId, type IndicatorUnit, indicatorDefinition } from './definitions';

/** The counted quantities of one period (mirrors `PeriodCounts` in db/queries/stats.ts). */
export interface Counts {
  volume: number;
  resolved: number;
  onTimeNum: number;
  onTimeDen: number;
  dispatchNum: number;
  dispatchDen: number;
  replyNum: number;
  replyDen: number;
  returnNum: number;
  returnDen: number;
  reopenNum: number;
  reopenDen: number;
  overdue: number;
  /** Resolved in the period without a resolve deadline (无时限). */
  noDeadline: number;
  ratingDen: number;
  ratingNum: number;
  lettersIssued: number;
  lettersAnswered: number;
  checksDone: number;
  checksPassed: number;
  handlingSumDays: number;
  handlingMedianDays: number | null;
}

export interface Figure {
  /** null: no data (empty denominator, or nothing measured). */
  value: number | null;
  /** For rates: the numerator; for counts: the count; for durations: the cases measured. */
  numerator: number;
  /** For rates only. */
  denominator: number | null;
}

export interface Change {
  /** value − previous value (percentage points for rates). */
  absolute: number;
  /** (value − previous) ÷ previous, as a fraction; null when the previous value is 0. */
  relative: number | null;
}

export interface IndicatorValue extends Figure {
  id: IndicatorId;
  unit: IndicatorUnit;
  previous: Figure;
  change: Change | null;
}

const rate = (num: number, den: number): Figure => ({
  value: den > 0 ? (num / den) * 100 : null,
  numerator: num,
  denominator: den,
});
const count = (n: number): Figure => ({ value: n, numerator: n, denominator: null });

export function figureOf(id: IndicatorId, c: Counts): Figure {
  switch (id) {
    case 'volume':
      return count(c.volume);
    case 'resolved':
      return count(c.resolved);
    case 'satisfaction':
      return rate(c.ratingNum, c.ratingDen);
    case 'on_time':
      return rate(c.onTimeNum, c.onTimeDen);
    case 'same_day_dispatch':
      return rate(c.dispatchNum, c.dispatchDen);
    case 'first_reply':
      return rate(c.replyNum, c.replyDen);
    case 'handling_avg':
      return {
        value: c.resolved > 0 ? c.handlingSumDays / c.resolved : null,
        numerator: c.resolved,
        denominator: null,
      };
    case 'handling_median':
      return {
        value: c.resolved > 0 ? c.handlingMedianDays : null,
        numerator: c.resolved,
        denominator: null,
      };
    case 'return_rate':
      return rate(c.returnNum, c.returnDen);
    case 'reopen_rate':
      return rate(c.reopenNum, c.reopenDen);
    case 'spot_check_pass':
      return rate(c.checksPassed, c.checksDone);
    case 'overdue':
      return count(c.overdue);
    case 'no_deadline':
      return count(c.noDeadline);
    case 'letters_issued':
      return count(c.lettersIssued);
    case 'letters_answered':
      return rate(c.lettersAnswered, c.lettersIssued);
  }
}

export function changeOf(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  return { absolute: current - previous, relative: previous === 0 ? null : (current - previous) / previous };
}

export function indicatorValue(id: IndicatorId, current: Counts, previous: Counts): IndicatorValue {
  const cur = figureOf(id, current);
  const prev = figureOf(id, previous);
  return {
    id,
    unit: indicatorDefinition(id).unit,
    ...cur,
    previous: prev,
    change: changeOf(cur.value, prev.value),
  };
}

export function allIndicatorValues(current: Counts, previous: Counts): IndicatorValue[] {
  return INDICATORS.map((d) => indicatorValue(d.id, current, previous));
}

export function emptyCounts(): Counts {
  return {
    volume: 0,
    resolved: 0,
    onTimeNum: 0,
    onTimeDen: 0,
    dispatchNum: 0,
    dispatchDen: 0,
    replyNum: 0,
    replyDen: 0,
    returnNum: 0,
    returnDen: 0,
    reopenNum: 0,
    reopenDen: 0,
    overdue: 0,
    noDeadline: 0,
    ratingDen: 0,
    ratingNum: 0,
    lettersIssued: 0,
    lettersAnswered: 0,
    checksDone: 0,
    checksPassed: 0,
    handlingSumDays: 0,
    handlingMedianDays: null,
  };
}

/**
 * A figure as people read it: rates with one decimal and "%", durations with one decimal and the
 * day unit, counts as integers; "—" for no data.
 */
export function formatFigure(unit: IndicatorUnit, value: number | null, locale: 'zh' | 'en' = 'zh'): string {
  if (value === null) return '—';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'days':
      return locale === 'zh' ? `${value.toFixed(1)} 天` : `${value.toFixed(1)} d`;
    case 'count':
      return Math.round(value).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  }
}

/** The change as people read it: "+1.2 个百分点" / "−65.0%". */
/**
 * The change as printed, rounded to one decimal (percentage points for rates, per cent otherwise);
 * its sign and `changeDirection` follow the rounded figure, so a change too small to show is
 * `±0.0`, never `−0.0` under a ▼.
 */
function shownChange(unit: IndicatorUnit, change: Change | null): number | null {
  if (!change) return null;
  if (unit === 'percent') return Math.round(change.absolute * 10) / 10;
  if (change.relative === null) return change.absolute === 0 ? 0 : null;
  return Math.round(change.relative * 1000) / 10;
}

/** ▲ / ▼ / nothing, from the change as printed. */
export function changeDirection(unit: IndicatorUnit, change: Change | null): -1 | 0 | 1 {
  const v = shownChange(unit, change);
  return v === null || v === 0 ? 0 : v > 0 ? 1 : -1;
}

export function formatChange(unit: IndicatorUnit, change: Change | null, locale: 'zh' | 'en' = 'zh'): string {
  if (!change) return '—';
  const v = shownChange(unit, change);
  if (v === null) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  if (unit === 'percent') {
    const pp = Math.abs(v).toFixed(1);
    return locale === 'zh' ? `${sign}${pp} 个百分点` : `${sign}${pp} pp`;
  }
  if (change.relative === null) return '±0';
  return `${sign}${Math.abs(v).toFixed(1)}%`;
}
