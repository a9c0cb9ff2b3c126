/**
 * The contract of `GET /api/supervision/buck-passing` (推诿扯皮): query schema and response types,
 * shared by the route, the verb and the /supervision page. Pure.
 */
import { z } from 'zod';

export const buckPassingQuery = z.object({
  /** The window: returns and transfers in the last `days` days (default a year). */
  days: z.coerce.number().int().min(7).max(730).default(365),
  /** Rows per list. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BuckPassingQuery = z.infer<typeof buckPassingQuery>;

export interface NamedOffice {
  id: number;
  name: string;
}

export interface BounceView {
  type: 'returned' | 'transferred';
  at: string;
  reason: string | null;
  from: NamedOffice | null;
  to: NamedOffice | null;
}

export interface BouncingCaseView {
  complaintId: number;
  trackingCode: string;
  title: string;
  status: string;
  category: { code: string; name: string; nameEn: string } | null;
  town: { code: string; name: string } | null;
  /** The current first-responsible office (null while the case waits for re-dispatch). */
  office: NamedOffice | null;
  /** Every return and transfer of the case, oldest first. */
  bounces: BounceView[];
  /** The 督办函 text as it would be issued (each return with its reason and date). */
  draft: string;
  /** An unanswered letter on the case, if any (a second cannot be issued meanwhile). */
  openLetter: string | null;
  /** Whether an inspector may issue the letter now (open, with an office, no open letter). */
  canIssue: boolean;
}

export interface OfficeRankingView {
  office: NamedOffice & { tier: string };
  received: number;
  bounced: number;
  rate: number;
  expected: number;
  p: number;
  q: number;
}

export interface PairView {
  a: NamedOffice;
  b: NamedOffice;
  aToB: number;
  bToA: number;
  total: number;
  /** Some case went both ways between the two (来回推), and how many. */
  backAndForth: boolean;
  backAndForthCases: number;
  complaintIds: number[];
}

export interface ComboView {
  category: { code: string; name: string; nameEn: string };
  town: { code: string; name: string; county: string | null };
  cases: number;
  bouncedCases: number;
  rate: number;
  p: number;
  q: number;
  complaintIds: number[];
}

export interface BuckPassingResponse {
  window: { from: string; to: string; days: number };
  /** Bounces over receptions in the jurisdiction (the offices' reference rate). */
  baseRate: number;
  /** The share of received cases bounced at least once (the combinations' reference rate). */
  baseCaseRate: number;
  /** Minimum volume for an office or a combination to be ranked. */
  minVolume: number;
  cases: BouncingCaseView[];
  offices: OfficeRankingView[];
  pairs: PairView[];
  combos: ComboView[];
}

/** The significance threshold the screens and the report flag (BH q-value). */
export const BUCK_PASSING_Q = 0.05;
