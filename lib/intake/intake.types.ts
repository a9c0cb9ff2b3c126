/**
 * The contract of the public intake API's lookups (`GET /api/v1/categories`, `/api/v1/categories/suggest`,
 * `/api/v1/buildings/search`), shared by the verbs, the routes and the report form
 * (lib/query/intake.ts). Pure (types only); the rows come from db/queries/intake.ts.
 */
import type { BuildingHit, IntakeCategory } from '@/db/queries/intake';

export type { BuildingHit, IntakeCategory };

export interface CategorySuggestion {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The learned classifier's probability (0–1). */
  probability: number;
}

/** `GET|POST /api/v1/categories/suggest`: the report form's category proposal for a text. */
export interface SuggestResult {
  /** The keyword rule that decides the category on submission, if one matches the text. */
  rule: { id: string; name: string; categoryCode: string; nameZh: string; nameEn: string } | null;
  /** The classifier's most likely categories of this kind, best first (at most 3; after the first, each ≥ 5 %). */
  suggestions: CategorySuggestion[];
  /** Whether a learned model exists (before `npm run triage:train` only rules can suggest). */
  model: boolean;
}
