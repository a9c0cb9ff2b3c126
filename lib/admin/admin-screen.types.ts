/**
 * The contract of the admin screens: what `getAdminScreen` (get-admin-screen.server.ts) reads for each
 * editor, shared by the server page and the client editors. Types only.
 */
import type {
  listCalendarDayRows,
  listCalendarYears,
  listCategoryOptions,
  listDeadlinePolicyRows,
  listDivisionOptions,
  listGridOptions,
  listOfficeOptions,
  listOfficeRows,
  listRoutingRuleRows,
  listUrgencyOptions,
  listUserRows,
} from '@/db/queries/admin';
import type { listTriageRuleRows } from '@/db/queries/triage-rules';
import type { RoutingDecision, VillageNear } from '@/lib/routing/decide-routing';
import type { Tier } from '@/lib/routing/router';
import type { TriageDecisionKind } from '@/lib/triage/train-triage-model.server';

export type AdminScreen = 'triage' | 'routing' | 'deadlines' | 'calendar' | 'offices' | 'users';

type Rows<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type CategoryOption = Rows<typeof listCategoryOptions>[number];
export type UrgencyOption = Rows<typeof listUrgencyOptions>[number];
export type DivisionOption = Rows<typeof listDivisionOptions>[number];
export type OfficeOption = Rows<typeof listOfficeOptions>[number] & { active: boolean };

export interface AdminScreenData {
  triage: {
    rules: {
      id: string;
      name: string;
      keywords: string[];
      urgencyCode: string | null;
      categoryCode: string | null;
      requires: string[];
      excludes: string[];
      active: boolean;
      updatedAt: string;
    }[];
    categories: CategoryOption[];
    urgencies: UrgencyOption[];
    /** The category suggester's stored versions, newest first, with their figures. */
    models: {
      id: number;
      kind: string;
      status: string;
      trigger: string;
      corpusCount: number;
      confirmedCount: number;
      labelCount: number;
      innerMacroF1: number | null;
      /** The shipped decision rule on the inner cross-validation: share decided, share right. */
      innerDispatch: { coverage: number; precision: number } | null;
      /** Expected calibration error on the inner cross-validation (versions stored before it: null). */
      innerCalibrationError: number | null;
      /**
       * The development board letters, each predicted by a calibration fitted without it: share with
       * the right family first, share wrong at p ≥ 0.5, share decided automatically and how often
       * right (null: none, or stored before these figures were cross-fitted).
       */
      shift: {
        count: number;
        familyFirst: number;
        wrongAtHalf: number;
        decided: number;
        decidedPrecision: number;
      } | null;
      heldOutCount: number | null;
      heldOutAccuracy: number | null;
      activeAccuracy: number | null;
      /** In Chinese words; shown only for versions stored without `decisionKind`. */
      decision: string | null;
      decisionKind: TriageDecisionKind | null;
      promoted: boolean | null;
      trainSeconds: number | null;
      createdAt: string;
      promotedAt: string | null;
    }[];
  };
  routing: {
    rules: Rows<typeof listRoutingRuleRows>;
    categories: CategoryOption[];
    divisions: DivisionOption[];
    offices: OfficeOption[];
  };
  deadlines: {
    policies: Rows<typeof listDeadlinePolicyRows>;
    categories: CategoryOption[];
    urgencies: UrgencyOption[];
  };
  calendar: { year: number; years: number[]; days: Rows<typeof listCalendarDayRows> };
  offices: {
    offices: (Rows<typeof listOfficeRows>[number] & { active: boolean })[];
    categories: CategoryOption[];
    divisions: DivisionOption[];
  };
  users: {
    users: Rows<typeof listUserRows>;
    divisions: DivisionOption[];
    offices: OfficeOption[];
    grids: Rows<typeof listGridOptions>;
  };
}

/** What "test this point" (`probeRouting`, `POST /api/admin/routing/probe`) answers: the villages found, the tier, the decision. */
export interface RoutingProbe {
  tier: Tier;
  /** 'given' by the admin, or triage's 'default' for the category. */
  tierSource: 'given' | 'default';
  boundaryMeters: number;
  /** Distances rounded to whole metres. */
  villages: VillageNear[];
  decision: RoutingDecision;
}
