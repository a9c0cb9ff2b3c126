import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type AlertListRow, getLastAlertRun, listAlertRows } from '@/db/queries/alerts';
import { alertScope, assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { AlertListResponse, AlertView, ListAlertsQuery } from './alert-types';
import { describeAlert, describeEmergingAlert } from './describe-alert';
import type { EmergingAlertDetail } from './emerging-alerts';
import { ensureFreshAlerts } from './ensure-fresh-alerts.server';

const iso = (v: string | Date) => new Date(v).toISOString();

export function toAlertView(r: AlertListRow): AlertView {
  const ids = (r.complaint_ids ?? []).map(Number);
  const figures = {
    window: r.window,
    observed: Number(r.observed),
    expected: Number(r.expected),
    upperLimit: Number(r.upper_limit),
  };
  const detail = r.kind === 'emerging' ? (r.detail as EmergingAlertDetail | null) : null;
  const emerging =
    detail && r.pattern ? { pattern: r.pattern, observed: Number(r.observed), ...detail } : null;
  return {
    id: Number(r.id),
    kind: r.kind,
    pattern: (r.pattern as AlertView['pattern']) ?? null,
    cell:
      detail && r.cell_key
        ? {
            key: r.cell_key,
            size: detail.cellSize,
            lng: detail.lng,
            lat: detail.lat,
            windowWeeks: detail.windowWeeks,
            weekly: detail.weekly,
            baselinePerWeek: detail.baselinePerWeek,
          }
        : null,
    area: {
      code: r.area_code,
      level: r.area_level as AlertView['area']['level'],
      name: r.area_name,
      path: r.area_path,
      lng: r.lng === null ? null : Number(r.lng),
      lat: r.lat === null ? null : Number(r.lat),
    },
    category: { code: r.category_code, name: r.category_zh, nameEn: r.category_en },
    ...figures,
    window: r.window === 'day' ? 'day' : 'week',
    pValue: Number(r.p_value),
    peakObserved: Number(r.peak_observed),
    windowStart: iso(r.window_start),
    beganAt: iso(r.began_at),
    lastSeenAt: iso(r.last_seen_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    complaintIds: ids,
    complaintCodes: ids.map((id, i) => r.complaint_codes?.[i] ?? `#${id}`),
    complaintLinks: ids.map((id) => `/cases/${id}`),
    sentence: emerging
      ? describeEmergingAlert({ ...emerging, areaName: r.area_path, categoryName: r.category_zh }, 'zh-CN')
      : describeAlert({ ...figures, areaName: r.area_path, categoryName: r.category_zh }, 'zh-CN'),
    sentenceEn: emerging
      ? describeEmergingAlert({ ...emerging, areaName: r.area_path, categoryName: r.category_en }, 'en')
      : describeAlert({ ...figures, areaName: r.area_path, categoryName: r.category_en }, 'en'),
  };
}

/**
 * The surge and emerging hot-spot alerts of the caller's division and below (`alertScope`), open ones first; recomputed
 * first when complaints arrived since the last run (`ensureFreshAlerts`).
 */
export async function listAlerts(
  db: DbOrTx,
  user: AuthUser,
  query: ListAlertsQuery,
  opts: { now?: Date; refresh?: boolean } = {},
): Promise<AlertListResponse> {
  assertCan(user, 'alert.read');
  if (opts.refresh !== false) await ensureFreshAlerts(db, opts.now ?? new Date());
  const [rows, last] = await Promise.all([
    listAlertRows(db, { scope: alertScope(user), state: query.state, limit: query.limit }),
    getLastAlertRun(db),
  ]);
  return { asOf: last ? last.asOf.toISOString() : null, alerts: rows.map(toAlertView) };
}
