import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type AlertAreaRow,
  type CellWeekCountRow,
  closeAlerts,
  countCellWeeks,
  firstCountedComplaintAt,
  getEmergingCell,
  insertAlert,
  listOpenAlerts,
  notifySubscribers,
  updateAlert,
} from '@/db/queries/alerts';
import { describeEmergingAlert } from './describe-alert';
import {
  EMERGING_DEFAULTS,
  type EmergingAlertDetail,
  type EmergingParams,
  evaluateEmergingAlerts,
  explainedBySurge,
} from './emerging-alerts';
import type { SurgeDays } from './surge-days';

const DAY_MS = 86_400_000;
const MAX_IDS = 500;

export interface EmergingRunResult {
  tested: number;
  open: number;
  opened: number;
  updated: number;
  closed: number;
  notified: number;
}

/** SUQIU_EMERGING_CELL_M overrides the cell size (metres, 250–5000). */
export function emergingParamsFromEnv(): EmergingParams {
  const size = Number(process.env.SUQIU_EMERGING_CELL_M);
  return { ...EMERGING_DEFAULTS, ...(size >= 250 && size <= 5000 ? { cellSize: size } : {}) };
}

/**
 * The weeks before today change only with the day: a process keeps their counts per database and
 * day; a run counts today's complaints afresh and adds them to week 0.
 */
const historyCache = new WeakMap<object, { key: string; rows: CellWeekCountRow[]; first: Date | null }>();

export function forgetEmergingHistory(db: DbOrTx): void {
  historyCache.delete(db);
}

/**
 * The emerging hot-spot part of an alert run (inside its transaction and lock): evaluates every
 * cell × level-1 category (`evaluateEmergingAlerts`), opens an alert for each cell newly in an
 * alerting class (a `new` one only when no surge alert of this run already names its village, town
 * or county and category, and none whose complaints are mostly a surge's: `explainedBySurge`; the
 * surge says it sharper), updates the ones still in their class, and
 * closes the rest.
 */
export async function runEmergingAlerts(
  db: DbOrTx,
  tx: DbOrTx,
  p: {
    now: Date;
    days: SurgeDays;
    areaByCode: ReadonlyMap<string, AlertAreaRow>;
    categoryName: ReadonlyMap<string, string>;
    /** `${areaCode}:${category}` of every surge alert of this run. */
    surgeKeys: ReadonlySet<string>;
    /** Per level-1 category, the complaints the surge alerts of this run count. */
    surgeComplaints: ReadonlyMap<string, ReadonlySet<number>>;
    params?: EmergingParams;
  },
): Promise<EmergingRunResult> {
  const params = p.params ?? emergingParamsFromEnv();
  const { now, days } = p;
  const size = params.cellSize;
  const cacheKey = `${days.today}:${size}:${params.historyWeeks}`;
  let history = historyCache.get(db);
  if (!history || history.key !== cacheKey) {
    const rows = await countCellWeeks(tx, {
      from: new Date(days.todayStart.getTime() - (params.historyWeeks * 7 - 1) * DAY_MS),
      to: new Date(days.todayStart.getTime() - 1),
      size,
      today: days.today,
    });
    history = { key: cacheKey, rows, first: await firstCountedComplaintAt(tx) };
    historyCache.set(db, history);
  }
  const today = await countCellWeeks(tx, { from: days.todayStart, to: now, size, today: days.today });
  const first = history.first ?? (today.length > 0 ? days.todayStart : null);
  const weeksAvailable = first
    ? Math.min(
        params.historyWeeks,
        Math.floor((days.todayStart.getTime() + DAY_MS - first.getTime()) / (7 * DAY_MS)),
      )
    : 0;

  // Cells active in the cube's weeks; their full history per category.
  const rows = [...history.rows, ...today];
  const cellIndex = new Map<string, number>();
  const cells: { i: number; j: number }[] = [];
  for (const r of rows) {
    if (r.week >= params.steps || r.week < 0) continue;
    const key = `${r.i}:${r.j}`;
    if (!cellIndex.has(key)) {
      cellIndex.set(key, cells.length);
      cells.push({ i: r.i, j: r.j });
    }
  }
  const counts = new Map<string, number[][]>();
  for (const r of rows) {
    const c = cellIndex.get(`${r.i}:${r.j}`);
    if (c === undefined || r.week < 0 || r.week >= params.historyWeeks) continue;
    let byCell = counts.get(r.category);
    if (!byCell) {
      byCell = cells.map(() => new Array<number>(params.historyWeeks).fill(0));
      counts.set(r.category, byCell);
    }
    byCell[c]![r.week]! += r.n;
  }
  const evaluation = evaluateEmergingAlerts({ cells, counts, weeksAvailable }, params);

  const open = await listOpenAlerts(tx, 'emerging');
  const openByKey = new Map(open.map((a) => [`${a.cell_key}:${a.category_code}:${a.pattern}`, a]));
  const found: { key: string; f: (typeof evaluation.findings)[number] }[] = [];
  for (const f of evaluation.findings) {
    const key = `${size}:${f.i}:${f.j}:${f.category}:${f.pattern}`;
    found.push({ key, f });
  }
  const stillOpen = new Set(found.map((x) => x.key));
  const closing = open
    .filter((a) => !stillOpen.has(`${a.cell_key}:${a.category_code}:${a.pattern}`))
    .map((a) => a.id);
  // Closed first: a cell whose class changed gets its new alert after the old one is closed.
  await closeAlerts(tx, closing, now);

  let opened = 0;
  let updated = 0;
  let notified = 0;
  for (const { key, f } of found) {
    const windowStart = new Date(days.todayStart.getTime() - (7 * f.windowWeeks - 1) * DAY_MS);
    const cell = await getEmergingCell(tx, {
      size,
      i: f.i,
      j: f.j,
      category: f.category,
      from: windowStart,
      now,
      limit: MAX_IDS,
    });
    const detail: EmergingAlertDetail = {
      cellSize: size,
      windowWeeks: f.windowWeeks,
      weekly: f.weekly,
      baselinePerWeek: f.baselinePerWeek,
      z: f.z,
      lng: cell.lng,
      lat: cell.lat,
    };
    const figures = {
      window: 'week',
      observed: f.observed,
      expected: f.expected,
      upperLimit: f.upperLimit,
      pValue: f.pValue,
      windowStart,
      complaintIds: cell.complaintIds,
      detail,
    };
    const existing = openByKey.get(key);
    if (existing) {
      await updateAlert(tx, existing.id, { ...figures, now });
      updated++;
      continue;
    }
    const area = cell.villageCode ? p.areaByCode.get(cell.villageCode) : undefined;
    if (!area) continue;
    if (
      f.pattern === 'new' &&
      [area.code, area.town_code, area.county_code].some((c) => c && p.surgeKeys.has(`${c}:${f.category}`))
    )
      continue;
    if (explainedBySurge(cell.complaintIds, p.surgeComplaints.get(f.category), params.minCount)) continue;
    const alertId = await insertAlert(tx, {
      ...figures,
      kind: 'emerging',
      areaCode: area.code,
      areaLevel: area.level,
      areaName: area.name,
      areaPath: area.full_name,
      countyCode: area.county_code ?? area.code,
      townCode: area.town_code,
      categoryCode: f.category,
      pattern: f.pattern,
      cellKey: `${size}:${f.i}:${f.j}`,
      now,
    });
    opened++;
    const categoryName = p.categoryName.get(f.category) ?? f.category;
    notified += await notifySubscribers(tx, {
      alertId,
      areaCodes: [
        area.code,
        area.town_code,
        area.county_code,
        p.areaByCode.get(area.county_code ?? '')?.parent_code,
      ].filter((c): c is string => Boolean(c)),
      categoryCode: f.category,
      title: `事前预警：${area.full_name}一带 ${categoryName}`,
      body: describeEmergingAlert({
        areaName: area.full_name,
        categoryName,
        pattern: f.pattern,
        observed: f.observed,
        ...detail,
      }),
    });
  }
  return {
    tested: evaluation.tested,
    open: opened + updated,
    opened,
    updated,
    closed: closing.length,
    notified,
  };
}
