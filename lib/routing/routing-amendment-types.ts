/**
 * The contract of `/api/routing/amendments` (权责规则修正 from 推诿扯皮 patterns): the apply input and
 * the proposal list, shared by the routes, the verbs and the browser. Pure.
 */
import { z } from 'zod';

export const applyAmendmentInput = z
  .object({
    /** Level-1 category. */
    categoryCode: z.string().regex(/^[A-Z]{2}$/, 'category'),
    /** The town (12-digit code). */
    divisionCode: z.string().regex(/^\d{12}$/, 'division'),
    officeId: z.number().int().positive(),
    /** One rule each: a category of that level 1 (level 1 or 2) at a tier. */
    rules: z
      .array(
        z.object({
          categoryCode: z.string().regex(/^[A-Z]{2}(\d{2})?$/, 'category'),
          tier: z.enum(['county', 'town', 'village']),
        }),
      )
      .min(1)
      .max(20),
  })
  .refine((a) => a.rules.every((r) => r.categoryCode.startsWith(a.categoryCode)), {
    message: 'categoryMismatch',
    path: ['rules'],
  });
export type ApplyAmendmentInput = z.infer<typeof applyAmendmentInput>;

export interface ReplayView {
  /** Cases of the category in the town first dispatched in the last 12 months. */
  cases: number;
  bouncedCases: number;
  bounces: number;
  routedDifferently: number;
  casesFixed: number;
  returnsAvoided: number;
  newMisroutes: number;
}

export interface AmendmentProposal {
  category: { code: string; name: string; nameEn: string };
  town: { code: string; name: string; county: string | null };
  /** The pattern it comes from (the buck-passing analysis of the last 12 months). */
  pattern: { cases: number; bouncedCases: number; rate: number; q: number };
  office: { id: number; name: string };
  rules: {
    categoryCode: string;
    categoryName: string;
    categoryNameEn: string;
    tier: 'county' | 'town' | 'village';
  }[];
  /** Stored rules this amendment would replace (same category × tier × town), by id. */
  replaces: number[];
  replay: ReplayView;
  /** Whether the stored table already routes like the amendment (nothing left to apply). */
  applied: boolean;
}

export interface AmendmentListResponse {
  window: { from: string; to: string };
  proposals: AmendmentProposal[];
}

export interface AppliedAmendment {
  ruleIds: number[];
  replay: ReplayView;
}
