import 'server-only';
import type { Db } from '@/db/client';
import {
  listCalendarDayRows,
  listCalendarYears,
  listCategoryOptions,
  listDeadlinePolicyRows,
  listDivisionOptions,
  listGridOptions,
  listInactiveOfficeIds,
  listOfficeOptions,
  listOfficeRows,
  listRoutingRuleRows,
  listUrgencyOptions,
  listUserRows,
} from '@/db/queries/admin';
import { listTriageModelVersions } from '@/db/queries/triage';
import { listTriageRuleRows } from '@/db/queries/triage-rules';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { TriageModelMetrics } from '@/lib/triage/train-triage-model.server';
import type { AdminScreen, AdminScreenData } from './admin-screen.types';

/**
 * What each admin screen shows, read for an admin (config.manage / user.manage), as plain JSON for the
 * client editors: the table's rows and the pickers' options (categories, urgency grades, the
 * division tree, offices, grids).
 */
export async function getAdminScreen<S extends AdminScreen>(
  db: Db,
  user: AuthUser,
  screen: S,
  params: { year?: number } = {},
): Promise<AdminScreenData[S]> {
  assertCan(user, screen === 'users' ? 'user.manage' : 'config.manage');
  const loaders: { [K in AdminScreen]: () => Promise<AdminScreenData[K]> } = {
    triage: async () => ({
      rules: (await listTriageRuleRows(db)).map((r) => ({
        id: r.id,
        name: r.name,
        keywords: r.keywords,
        urgencyCode: r.urgencyCode,
        categoryCode: r.categoryCode,
        requires: r.requires,
        excludes: r.excludes,
        active: r.active,
        updatedAt: r.updatedAt.toISOString(),
      })),
      categories: await listCategoryOptions(db),
      urgencies: await listUrgencyOptions(db),
      models: (await listTriageModelVersions(db)).map((m) => {
        const metrics = (m.metrics ?? null) as Partial<TriageModelMetrics> | null;
        return {
          id: m.id,
          kind: m.kind,
          status: m.status,
          trigger: m.trigger,
          corpusCount: m.corpusCount,
          confirmedCount: m.confirmedCount,
          labelCount: m.labelCount,
          innerMacroF1: metrics?.innerMacroF1 ?? null,
          innerDispatch: metrics?.innerDispatch ?? null,
          innerCalibrationError: metrics?.innerCalibrationError ?? null,
          shift:
            metrics?.shiftFit?.crossFitted &&
            metrics.shiftFit.decided !== undefined &&
            metrics.shiftFit.decidedPrecision !== undefined
              ? {
                  count: metrics.shiftFit.count,
                  familyFirst: metrics.shiftFit.familyFirst,
                  wrongAtHalf: metrics.shiftFit.wrongAtHalf,
                  decided: metrics.shiftFit.decided,
                  decidedPrecision: metrics.shiftFit.decidedPrecision,
                }
              : null,
          heldOutCount: metrics?.heldOut?.count ?? null,
          heldOutAccuracy: metrics?.heldOut?.accuracy ?? null,
          activeAccuracy: metrics?.heldOut?.activeAccuracy ?? null,
          decision: metrics?.decision ?? null,
          decisionKind: metrics?.decisionKind ?? null,
          promoted: metrics?.promoted ?? null,
          trainSeconds: metrics?.trainSeconds ?? null,
          createdAt: m.createdAt.toISOString(),
          promotedAt: m.promotedAt?.toISOString() ?? null,
        };
      }),
    }),
    routing: async () => ({
      rules: await listRoutingRuleRows(db),
      categories: await listCategoryOptions(db),
      divisions: await listDivisionOptions(db),
      offices: await officeOptions(db),
    }),
    deadlines: async () => ({
      policies: await listDeadlinePolicyRows(db),
      categories: await listCategoryOptions(db),
      urgencies: await listUrgencyOptions(db),
    }),
    calendar: async () => {
      const year = params.year ?? new Date().getFullYear();
      return {
        year,
        years: await listCalendarYears(db),
        days: await listCalendarDayRows(db, { year }),
      };
    },
    offices: async () => {
      const inactive = new Set(await listInactiveOfficeIds(db));
      return {
        offices: (await listOfficeRows(db)).map((o) => ({ ...o, active: !inactive.has(o.id) })),
        categories: (await listCategoryOptions(db)).filter((c) => c.level === 1),
        divisions: await listDivisionOptions(db),
      };
    },
    users: async () => ({
      users: await listUserRows(db),
      divisions: await listDivisionOptions(db),
      offices: await officeOptions(db),
      grids: await listGridOptions(db),
    }),
  };
  return loaders[screen]() as Promise<AdminScreenData[S]>;
}

async function officeOptions(db: Db) {
  const inactive = new Set(await listInactiveOfficeIds(db));
  return (await listOfficeOptions(db)).map((o) => ({ ...o, active: !inactive.has(o.id) }));
}
