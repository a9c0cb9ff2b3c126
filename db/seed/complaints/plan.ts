/**
 * What to generate: one small record per complaint (time and stream), sorted by submission time,
 * so that ids follow submission order. Streams: `base` (the city's ordinary complaints) and the
 * three planted patterns (see README): `property` (hot compounds), `water` (the 盐边县 village
 * burst), `health` (the 6 西区 community health centres).
 */
import type { Rng } from '../context';

export type Stream = 'base' | 'property' | 'water' | 'health';

export interface PlanItem {
  t: number;
  stream: Stream;
  /** Facility id (property, health) or 0. */
  target: number;
}

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
/** Share of complaints per hour of day (China Standard Time). */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.6, 1.5, 3, 6, 8, 8, 7, 5, 4, 6, 7, 7, 6, 5, 6, 7, 6, 4, 2];
const HOUR_CDF = (() => {
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let acc = 0;
  return HOUR_WEIGHTS.map((w) => (acc += w / total));
})();

/** A time on the day of `t` (CST), at an hour drawn from the daily profile. */
export function atDailyHour(rng: Rng, t: number): number {
  const dayStart = Math.floor((t + CST) / DAY) * DAY - CST;
  const u = rng.next();
  let h = HOUR_CDF.findIndex((c) => u <= c);
  if (h < 0) h = 23;
  return dayStart + h * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}

/** A time in [from, to) with density rising linearly from `a` to `2 - a` (platform adoption). */
export function rampTime(rng: Rng, from: number, to: number, a = 0.6): number {
  const b = 2 - 2 * a; // density a + b x on [0, 1], integrates to 1
  const u = rng.next();
  const x = b === 0 ? u : (-a + Math.sqrt(a * a + 2 * b * u)) / b;
  return from + x * (to - from);
}

export interface PlanInput {
  total: number;
  start: number;
  now: number;
  hotCompounds: { id: number; count: number }[];
  water: { count: number; from: number; to: number } | null;
  health: { ids: number[]; perCentre: number; peakUntil: number } | null;
}

export function buildPlan(rng: Rng, input: PlanInput): PlanItem[] {
  const items: PlanItem[] = [];
  const clamp = (t: number) => Math.min(Math.max(t, input.start), input.now - 60_000);
  for (const c of input.hotCompounds) {
    // Intensifying over the window: density rises towards now (an emerging hot spot).
    for (let i = 0; i < c.count; i++)
      items.push({
        t: clamp(atDailyHour(rng, rampTime(rng, input.start, input.now, 0.2))),
        stream: 'property',
        target: c.id,
      });
  }
  if (input.water) {
    const w = input.water;
    for (let i = 0; i < w.count; i++) {
      const x = rng.next() ** 1.6; // front-loaded burst
      items.push({ t: clamp(atDailyHour(rng, w.from + x * (w.to - w.from))), stream: 'water', target: 0 });
    }
  }
  if (input.health) {
    const h = input.health;
    for (const id of h.ids) {
      for (let i = 0; i < h.perCentre; i++) {
        const peak = h.peakUntil > input.start && rng.next() < 0.6;
        const t = peak
          ? input.start + rng.next() * (h.peakUntil - input.start)
          : rampTime(rng, input.start, input.now);
        items.push({ t: clamp(atDailyHour(rng, t)), stream: 'health', target: id });
      }
    }
  }
  const base = Math.max(0, input.total - items.length);
  for (let i = 0; i < base; i++)
    items.push({
      t: clamp(atDailyHour(rng, rampTime(rng, input.start, input.now))),
      stream: 'base',
      target: 0,
    });
  items.sort((a, b) => a.t - b.t);
  return items;
}
