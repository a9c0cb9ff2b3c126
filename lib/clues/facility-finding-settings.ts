/**
 * The thresholds of the facility-finding test (`facility-findings.ts`), stored as the setting
 * `clues.facility_findings` (admins edit them at /admin/findings); the defaults below stand until
 * an admin saves other values. Pure: the browser and the route validate with the same schema.
 */
import { z } from 'zod';

export const FACILITY_FINDING_SETTINGS_KEY = 'clues.facility_findings';

export const facilityFindingSettingsSchema = z
  .object({
    /** The window the workspace tests by default: the last N months up to now. */
    windowMonths: z.number().int('integer').min(1, 'range').max(36, 'range'),
    /** The false discovery rate: a group is significant when its Benjamini–Hochberg q ≤ this. */
    q: z.number().gt(0, 'range').max(0.25, 'range'),
    /** Affected facilities a finding needs (each with ≥ `minPerFacility` complaints in the group). */
    minFacilities: z.number().int('integer').min(2, 'range').max(50, 'range'),
    minPerFacility: z.number().int('integer').min(1, 'range').max(100, 'range'),
    /** Complaints at the office's facilities in the group (the observed count) a finding needs. */
    minComplaints: z.number().int('integer').min(1, 'range').max(1000, 'range'),
    /** Observed ÷ expected a finding needs (an effect size, so a large city cannot flag a 5 % excess). */
    minRatio: z.number().min(1, 'range').max(20, 'range'),
    /**
     * A level-2 category is sparse for a facility kind when all facilities of that kind drew fewer
     * than this many complaints on it in the window; sparse level-2 categories are pooled into their
     * level-1 category for that kind.
     */
    sparseBelow: z.number().int('integer').min(0, 'range').max(1000, 'range'),
  })
  .strict();

export type FacilityFindingSettings = z.infer<typeof facilityFindingSettingsSchema>;

export const DEFAULT_FACILITY_FINDING_SETTINGS: FacilityFindingSettings = {
  windowMonths: 12,
  q: 0.05,
  minFacilities: 2,
  minPerFacility: 1,
  minComplaints: 5,
  minRatio: 1.25,
  sparseBelow: 20,
};

/** The stored value when it parses, else the defaults (a half-valid value never applies in part). */
export function facilityFindingSettingsOrDefault(stored: unknown): FacilityFindingSettings {
  const parsed = facilityFindingSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_FACILITY_FINDING_SETTINGS;
}
