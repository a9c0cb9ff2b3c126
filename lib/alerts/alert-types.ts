/**
 * The contract of the alert routes (`/api/alerts`, `/api/alerts/run`, `/api/alerts/subscriptions`):
 * request schemas and response types, shared by the routes, the verbs and the browser. Pure.
 */
import { z } from 'zod';

export const listAlertsQuery = z.object({
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuery>;

export type EmergingPatternName = 'new' | 'consecutive' | 'intensifying' | 'persistent';

export interface AlertView {
  id: number;
  /** 'surge' (an area's count above its limit) or 'emerging' (a cell turned into an emerging hot spot). */
  kind: string;
  /** Emerging alerts: the class; null for surges. */
  pattern: EmergingPatternName | null;
  /** Emerging alerts: the square cell (EPSG:4543 numbering), its centre and its weekly counts; null for surges. */
  cell: {
    key: string;
    size: number;
    lng: number;
    lat: number;
    windowWeeks: number;
    /** Weekly counts of the cell, oldest first; the last is the 7 days ending today. */
    weekly: number[];
    baselinePerWeek: number;
  } | null;
  /** 'day' (today so far) or 'week' (the last 7 days). */
  window: 'day' | 'week';
  area: {
    code: string;
    level: 'county' | 'town' | 'village';
    /** The division's own name (韭菜坪村村民委员会). */
    name: string;
    /** The short path from the county down (盐边县格萨拉彝族乡韭菜坪村). */
    path: string;
    lng: number | null;
    lat: number | null;
  };
  category: { code: string; name: string; nameEn: string };
  observed: number;
  expected: number;
  upperLimit: number;
  pValue: number;
  peakObserved: number;
  windowStart: string;
  beganAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  complaintIds: number[];
  /** The counted complaints' tracking codes, in the order of `complaintIds` (what staff read). */
  complaintCodes: string[];
  /** Staff links to the counted complaints (`/cases/<id>`). */
  complaintLinks: string[];
  /** "盐边县格萨拉彝族乡韭菜坪村 水利 今日 14 件，预期 0.04 件（上限 2）". */
  sentence: string;
  sentenceEn: string;
}

export interface AlertListResponse {
  /** The instant the latest run evaluated (null before the first run). */
  asOf: string | null;
  alerts: AlertView[];
}

export interface AlertRunResponse {
  run: {
    asOf: string;
    series: number;
    open: number;
    opened: number;
    updated: number;
    closed: number;
    notified: number;
    tookMs: number;
    emerging: {
      tested: number;
      open: number;
      opened: number;
      updated: number;
      closed: number;
      notified: number;
    };
  };
}

export const subscriptionInput = z
  .object({
    areaCode: z.string().regex(/^\d{12}$/, 'areaCode: a 12-digit division code'),
    /** A level-1 category; null or absent: every category. */
    categoryCode: z
      .string()
      .regex(/^[A-Z]{2}$/, 'categoryCode: a level-1 category code')
      .nullable()
      .optional(),
  })
  .strict();
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

export interface SubscriptionView {
  id: number;
  areaCode: string;
  areaName: string;
  categoryCode: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  createdAt: string;
}

export interface SubscriptionListResponse {
  subscriptions: SubscriptionView[];
}
