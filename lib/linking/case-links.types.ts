/**
 * The contract of a case's links (关联) between the server (`getCaseLinks`, db/queries/complaint-links.ts,
 * via the case view) and the case page (`components/cases/case-links.tsx`). Pure, universal.
 */

/**
 * A facility link at or above this confidence counts for facility findings without a person having
 * confirmed it (`countedFacilityLinkSql`), and below it the case page marks a link as low-confidence.
 * The linker's scale (`decide-links.ts`): a full name mentioned and within range ≥ 0.9, the point
 * inside the facility's building or compound 0.85, a short form or a point beside a point facility
 * 0.7–0.8, a kind word and the nearest facility of that kind 0.55–0.65, anything ambiguous (two
 * facilities answer to the same words) or far from the point below 0.6.
 */
export const FACILITY_LINK_MIN_CONFIDENCE = 0.6;

/** One link as stored: what, how it was found, how sure, why in words, and whether staff confirmed it. */
interface LinkState {
  id: number | null;
  method: string | null;
  confidence: number | null;
  reason: string | null;
  /** 'auto' | 'confirmed' | 'corrected'. */
  state: string;
}

export interface CaseLinks {
  /**
   * What the complaint's point is (`LocationPrecision`): `point` the reporter's own; `building`,
   * `facility`, `village`, `town` derived from a written address (the last two approximate: a centre).
   */
  locationPrecision: string;
  building: LinkState & { address: string | null };
  facility: LinkState & { name: string | null; kind: string | null };
  /** Buildings within 300 m and facilities within 5 km of the point, nearest first: what staff may pick. */
  options: {
    buildings: { id: number; address: string; distanceM: number }[];
    facilities: { id: number; name: string; kind: string; distanceM: number }[];
  };
}

/** What the case page gets: the links, and whether this user may confirm or correct them. */
export interface CaseLinksData extends CaseLinks {
  canEdit: boolean;
}
