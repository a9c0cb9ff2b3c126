import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  closeAlerts,
  countByPlace,
  countByWeekday,
  countRecentByPlace,
  insertAlert,
  insertAlertRun,
  listAlertAreas,
  listOpenAlerts,
  listSeriesComplaintIds,
  listSurgeCategories,
  lockAlertRuns,
  maxComplaintId,
  notifySubscribers,
  type PlaceCountRow,
  updateAlert,
} from '@/db/queries/alerts';
import { describeAlert } from './describe-alert';
import { type EmergingRunResult, runEmergingAlerts } from './run-emerging-alerts.server';
import { surgeDays } from './surge-days';
import { evaluateSurges, SURGE_DEFAULTS, type SurgeInput, type SurgeParams } from './surge-model';

export type AlertRunTrigger = 'schedule' | 'demand' | 'read';

export interface AlertRunResult {
  asOf: string;
  series: number;
  open: number;
  opened: number;
  updated: number;
  closed: number;
  notified: number;
  tookMs: number;
  /** The emerging hot-spot alerts of the same run (the figures above are the surges'). */
  emerging: EmergingRunResult;
}

/** The most complaint ids an alert keeps (a county's week can hold many). */
const MAX_IDS = 500;

/** SUQIU_ALERT_ALPHA / SUQIU_ALERT_MIN_COUNT override the model's defaults (a city's own choice). */
export function surgeParamsFromEnv(): SurgeParams {
  const alpha = Number(process.env.SUQIU_ALERT_ALPHA);
  const minCount = Number(process.env.SUQIU_ALERT_MIN_COUNT);
  return {
    ...SURGE_DEFAULTS,
    ...(alpha > 0 && alpha < 0.5 ? { alpha } : {}),
    ...(Number.isInteger(minCount) && minCount >= 1 ? { minCount } : {}),
  };
}

/**
 * The baseline (12 weeks ending a week ago) changes only with the day, so a process keeps it per
 * database and day for `BASELINE_TTL_MS`; the last 7 days are counted afresh on every run, which is
 * what makes a run cheap enough to follow a burst of intake.
 */
const BASELINE_TTL_MS = 10 * 60_000;
const baselineCache = new WeakMap<
  object,
  {
    key: string;
    at: number;
    baseline: PlaceCountRow[];
    weekdays: { weekday: number; late: boolean; n: number }[];
  }
>();

async function readBaseline(
  db: DbOrTx,
  tx: DbOrTx,
  days: ReturnType<typeof surgeDays>,
  params: SurgeParams,
  now: Date,
) {
  const cacheKey = `${days.today}:${params.baselineDays}:${params.recentDays}`;
  const hit = baselineCache.get(db);
  if (hit && hit.key === cacheKey && Math.abs(now.getTime() - hit.at) < BASELINE_TTL_MS) return hit;
  // One statement at a time: a transaction's client runs its queries in turn.
  const baseline = await countByPlace(tx, { from: days.baselineStart, to: days.weekStart });
  const weekdays = await countByWeekday(tx, {
    from: days.baselineStart,
    to: days.weekStart,
    lateFrom: days.lastFourWeeksStart,
  });
  const entry = { key: cacheKey, at: now.getTime(), baseline, weekdays };
  baselineCache.set(db, entry);
  return entry;
}

/** Forget the cached baselines of a database (tests that rewrite history). */
export function forgetSurgeBaseline(db: DbOrTx): void {
  baselineCache.delete(db);
}

const toPlace = (r: PlaceCountRow) => ({
  countyCode: r.county_code,
  townCode: r.town_code,
  villageCode: r.village_code,
  category: r.category,
  n: r.n,
});

/**
 * 事前预警 run: evaluates every village, town and county × level-1 category against its own history
 * (`evaluateSurges`, the model written down there and in ARCHITECTURE.md), then, in one transaction
 * serialised across processes: opens an alert for each series newly above its limit (with its
 * complaints, and a reminder to every subscriber of the area or an area containing it), updates the
 * ones still above, closes the ones back inside, and records the run.
 */
export async function runSurgeAlerts(
  db: DbOrTx,
  opts: { now: Date; trigger: AlertRunTrigger; params?: SurgeParams },
): Promise<AlertRunResult> {
  const t0 = performance.now();
  const now = opts.now;
  const params = opts.params ?? surgeParamsFromEnv();
  const days = surgeDays(now, params);
  return db.transaction(async (tx) => {
    await lockAlertRuns(tx);
    const watermark = await maxComplaintId(tx);
    const base = await readBaseline(db, tx, days, params, now);
    const recent = await countRecentByPlace(tx, { from: days.weekStart, now, today: days.today });
    const areas = await listAlertAreas(tx);
    const categories = await listSurgeCategories(tx);
    const weekdayTotals = [0, 0, 0, 0, 0, 0, 0];
    let lastFourWeeksTotal = 0;
    for (const w of base.weekdays) {
      weekdayTotals[w.weekday] = (weekdayTotals[w.weekday] ?? 0) + w.n;
      if (w.late) lastFourWeeksTotal += w.n;
    }
    const input: SurgeInput = {
      areas: areas.map((a) => ({ code: a.code, level: a.level, parentCode: a.parent_code })),
      categories: categories.map((c) => c.code),
      baseline: base.baseline.map(toPlace),
      weekdayTotals,
      lastFourWeeksTotal,
      recent: recent.map((r) => ({ ...toPlace(r), daysAgo: r.days_ago })),
      todayWeekday: days.todayWeekday,
    };
    const result = evaluateSurges(input, params);

    const areaByCode = new Map(areas.map((a) => [a.code, a]));
    const categoryName = new Map(categories.map((c) => [c.code, c.name_zh]));
    const open = await listOpenAlerts(tx, 'surge');
    const openByKey = new Map(open.map((a) => [`${a.area_code}:${a.category_code}`, a]));
    let opened = 0;
    let updated = 0;
    let notified = 0;
    const surgeComplaints = new Map<string, Set<number>>();
    for (const s of result.alerts) {
      const area = areaByCode.get(s.areaCode);
      if (!area) continue;
      const windowStart = s.window === 'day' ? days.todayStart : days.weekStart;
      const complaintIds = await listSeriesComplaintIds(tx, {
        level: s.level,
        areaCode: s.areaCode,
        category: s.category,
        from: windowStart,
        now,
        limit: MAX_IDS,
      });
      const counted = surgeComplaints.get(s.category) ?? new Set<number>();
      for (const id of complaintIds) counted.add(id);
      surgeComplaints.set(s.category, counted);
      const figures = {
        window: s.window,
        observed: s.observed,
        expected: s.expected,
        upperLimit: s.upperLimit,
        pValue: s.pValue,
        windowStart,
        complaintIds,
      };
      const key = `${s.areaCode}:${s.category}`;
      const existing = openByKey.get(key);
      if (existing) {
        await updateAlert(tx, existing.id, { ...figures, now });
        openByKey.delete(key);
        updated++;
        continue;
      }
      const alertId = await insertAlert(tx, {
        ...figures,
        kind: 'surge',
        areaCode: s.areaCode,
        areaLevel: s.level,
        areaName: area.name,
        areaPath: area.full_name,
        countyCode: area.county_code ?? s.areaCode,
        townCode: area.town_code,
        categoryCode: s.category,
        now,
      });
      opened++;
      const sentence = describeAlert({
        areaName: area.full_name,
        categoryName: categoryName.get(s.category) ?? s.category,
        window: s.window,
        observed: s.observed,
        expected: s.expected,
        upperLimit: s.upperLimit,
      });
      notified += await notifySubscribers(tx, {
        alertId,
        areaCodes: [
          s.areaCode,
          area.town_code,
          area.county_code,
          areaByCode.get(area.county_code ?? '')?.parent_code,
        ].filter((c): c is string => Boolean(c)),
        categoryCode: s.category,
        title: `事前预警：${area.full_name} ${categoryName.get(s.category) ?? s.category}`,
        body: sentence,
      });
    }
    // Whatever is still open was not found above its limit this time: back inside, closed.
    const closing = [...openByKey.values()].map((a) => a.id);
    await closeAlerts(tx, closing, now);
    const emerging = await runEmergingAlerts(db, tx, {
      now,
      days,
      areaByCode,
      categoryName,
      surgeKeys: new Set(result.alerts.map((s) => `${s.areaCode}:${s.category}`)),
      surgeComplaints,
    });
    const tookMs = Math.round(performance.now() - t0);
    await insertAlertRun(tx, {
      asOf: now,
      trigger: opts.trigger,
      watermark,
      series: result.tests / 2,
      opened,
      updated,
      closed: closing.length,
      tookMs,
    });
    return {
      asOf: now.toISOString(),
      series: result.tests / 2,
      open: opened + updated,
      opened,
      updated,
      closed: closing.length,
      notified,
      tookMs,
      emerging,
    };
  });
}
