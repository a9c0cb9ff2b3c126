/**
 * The complaint filter of the map (time, category, urgency, status, deadline state, office,
 * channel). Pure; shared by the URL state, the API parameters and the SQL builders.
 */
import { isDateValue, wholeMonths } from '@/lib/http/date-range';
import { DEADLINE_STATES, type DeadlineState } from '@/lib/sla/deadline-state';

export const URGENCIES = ['extra_urgent', 'urgent', 'normal'] as const;

import { CHANNELS, COMPLAINT_STATUSES as STATUSES } from '@/lib/complaints/vocabulary';

export { CHANNELS, STATUSES };

export interface ComplaintFilter {
  /** First day or month of submission (`YYYY-MM-DD` or `YYYY-MM`, Asia/Shanghai), inclusive (lib/http/date-range.ts). */
  from: string | null;
  /** Last day or month, inclusive. */
  to: string | null;
  /** Level-1 category codes. */
  categories: string[];
  urgencies: string[];
  statuses: string[];
  deadlines: DeadlineState[];
  offices: number[];
  channels: string[];
}

export const EMPTY_FILTER: ComplaintFilter = {
  from: null,
  to: null,
  categories: [],
  urgencies: [],
  statuses: [],
  deadlines: [],
  offices: [],
  channels: [],
};

const CATEGORY = /^[A-Z]{2}$/;

/** Whether the precomputed bins can answer this filter (time by whole months and level-1 category only). */
export function binsCanAnswer(f: ComplaintFilter): boolean {
  return (
    wholeMonths(f.from, f.to) &&
    f.urgencies.length === 0 &&
    f.statuses.length === 0 &&
    f.deadlines.length === 0 &&
    f.offices.length === 0 &&
    f.channels.length === 0
  );
}

const list = (v: string | null | undefined) => (v ? v.split(',').filter(Boolean) : []);
const pick = <T extends string>(values: string[], allowed: readonly T[]) =>
  [...new Set(values.filter((v): v is T => (allowed as readonly string[]).includes(v)))].sort();

/** Read a filter from search params, dropping anything malformed (a link never breaks the page). */
export function parseFilter(get: (key: string) => string | null | undefined): ComplaintFilter {
  const from = get('from');
  const to = get('to');
  return {
    from: from && isDateValue(from) ? from : null,
    to: to && isDateValue(to) ? to : null,
    categories: [...new Set(list(get('cat')).filter((c) => CATEGORY.test(c)))].sort(),
    urgencies: pick(list(get('urg')), URGENCIES),
    statuses: pick(list(get('st')), STATUSES),
    deadlines: pick(list(get('dl')), DEADLINE_STATES),
    offices: [
      ...new Set(
        list(get('office'))
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0),
      ),
    ].sort((a, b) => a - b),
    channels: pick(list(get('ch')), CHANNELS),
  };
}

/** The filter as search-param entries (empty parts omitted), in a fixed order. */
export function filterEntries(f: ComplaintFilter): [string, string][] {
  const out: [string, string][] = [];
  if (f.from) out.push(['from', f.from]);
  if (f.to) out.push(['to', f.to]);
  if (f.categories.length) out.push(['cat', f.categories.join(',')]);
  if (f.urgencies.length) out.push(['urg', f.urgencies.join(',')]);
  if (f.statuses.length) out.push(['st', f.statuses.join(',')]);
  if (f.deadlines.length) out.push(['dl', f.deadlines.join(',')]);
  if (f.offices.length) out.push(['office', f.offices.join(',')]);
  if (f.channels.length) out.push(['ch', f.channels.join(',')]);
  return out;
}

/** The 12 months ending with `now`'s month (Asia/Shanghai), oldest first, as `YYYY-MM`. */
export function lastTwelveMonths(now: Date): string[] {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const y = cst.getUTCFullYear();
  const m = cst.getUTCMonth();
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 11 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** `lng,lat;lng,lat;…` → a closed ring (first vertex repeated), or null when malformed. */
export function parseRing(value: string | null | undefined): [number, number][] | null {
  if (!value) return null;
  const ring = value.split(';').map((pair) => pair.split(',').map(Number) as [number, number]);
  if (ring.length < 3 || ring.length > 200) return null;
  if (
    ring.some(
      (p) => p.length !== 2 || !p.every(Number.isFinite) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90,
    )
  )
    return null;
  const [a, z] = [ring[0]!, ring[ring.length - 1]!];
  return a[0] === z[0] && a[1] === z[1] ? ring : [...ring, a];
}

/** A ring as `lng,lat;…` without the closing vertex (5 decimals ≈ 1 m). */
export function formatRing(ring: readonly [number, number][]): string {
  const open =
    ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]
      ? ring.slice(0, -1)
      : ring;
  return open.map(([x, y]) => `${+x.toFixed(5)},${+y.toFixed(5)}`).join(';');
}
