/**
 * The statistics screens' view state, in the URL (STYLE habit 8) so a link reproduces what a
 * leader saw: `area` (division code; default the viewer's division), and either `month`
 * (YYYY-MM) or a custom `from`/`to` (YYYY-MM-DD, CST). Default period: the last complete month.
 * Pure: `parseStatsState` and `statsStateEntries` are inverse on the states they produce.
 */
import { addMonths, cstMonth, isIsoDate, isIsoMonth, monthPeriod } from './period';

export interface StatsState {
  area: string | null;
  /** Set when the period is one calendar month picked as such. */
  month: string | null;
  from: string;
  to: string;
}

const AREA_RE = /^\d{12}$/;

export function defaultMonth(now: Date): string {
  return addMonths(cstMonth(now), -1);
}

export function parseStatsState(get: (key: string) => string | null | undefined, now: Date): StatsState {
  const rawArea = get('area');
  const area = rawArea && AREA_RE.test(rawArea) ? rawArea : null;
  const from = get('from');
  const to = get('to');
  if (from && to && isIsoDate(from) && isIsoDate(to) && from <= to) {
    return { area, month: null, from, to };
  }
  const rawMonth = get('month');
  const month = rawMonth && isIsoMonth(rawMonth) ? rawMonth : defaultMonth(now);
  const p = monthPeriod(month);
  return { area, month, from: p.from, to: p.to };
}

export function statsStateEntries(state: StatsState): [string, string][] {
  const entries: [string, string][] = [];
  if (state.area) entries.push(['area', state.area]);
  if (state.month) entries.push(['month', state.month]);
  else entries.push(['from', state.from], ['to', state.to]);
  return entries;
}

export function statsQueryString(
  state: StatsState,
  extra: Record<string, string | number | null | undefined> = {},
) {
  const params = new URLSearchParams(statsStateEntries(state));
  for (const [k, v] of Object.entries(extra))
    if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}
