/**
 * Which part of an analysis period the hot-spot bins (`complaint_hotspot_bins`, one row per base cell
 * × CST month) answer and which part is read from the complaints. A period `[from, to)` (either end
 * open) is whole months read from bins, plus at most two spans of partial days read raw. A partial
 * edge month is still read whole from its bin when no complaint at all lies in the part of that
 * month outside the period (e.g. "up to now" in the current month: nothing was submitted after now),
 * which the caller checks first (the `gaps`). Pure.
 */
import { addMonths, cstMonth, cstMonthStart } from '@/lib/stats/period';

/** An instant range [start, end); an absent end is open. */
export interface OpenSpan {
  start?: Date;
  end?: Date;
}

export interface BinPlan {
  /** Months read from bins ('YYYY-MM-01', inclusive; null: open at that end); null: none. */
  bins: { first: string | null; last: string | null } | null;
  /** Spans read from the complaints (at most two). */
  raw: OpenSpan[];
}

/** The parts of the partial edge months outside `[from, to)`: if one holds no complaint, its month is read whole. */
export function binPlanGaps(from?: Date, to?: Date): { head: OpenSpan | null; tail: OpenSpan | null } {
  const head =
    from && cstMonthStart(cstMonth(from)).getTime() !== from.getTime()
      ? { start: cstMonthStart(cstMonth(from)), end: from }
      : null;
  const tail =
    to && cstMonthStart(cstMonth(to)).getTime() !== to.getTime()
      ? { start: to, end: cstMonthStart(addMonths(cstMonth(to), 1)) }
      : null;
  return { head, tail };
}

/**
 * The plan for `[from, to)`, given whether the head and tail gaps of `binPlanGaps` are empty of
 * complaints (an absent gap counts as empty).
 */
export function planBins(
  from: Date | undefined,
  to: Date | undefined,
  empty: { head: boolean; tail: boolean },
): BinPlan {
  const gaps = binPlanGaps(from, to);
  const headWhole = !gaps.head || empty.head;
  const tailWhole = !gaps.tail || empty.tail;
  // One partial month holding the whole period: raw, unless both of its gaps are empty.
  if (from && to && cstMonth(from) === cstMonth(new Date(to.getTime() - 1)) && !(headWhole && tailWhole)) {
    return { bins: null, raw: [{ start: from, end: to }] };
  }
  const raw: OpenSpan[] = [];
  let first: string | null = null;
  if (from) {
    first = cstMonth(from);
    if (!headWhole) {
      first = addMonths(first, 1);
      const end = cstMonthStart(first);
      raw.push({ start: from, end: to && to < end ? to : end });
    }
  }
  let last: string | null = null;
  if (to) {
    const m = cstMonth(to);
    if (cstMonthStart(m).getTime() === to.getTime()) last = addMonths(m, -1);
    else if (tailWhole) last = m;
    else {
      last = addMonths(m, -1);
      const start = cstMonthStart(m);
      raw.push({ start: from && from > start ? from : start, end: to });
    }
  }
  const bins =
    first !== null && last !== null && first > last ? null : { first: month(first), last: month(last) };
  return { bins, raw };
}

const month = (m: string | null) => (m === null ? null : `${m}-01`);
