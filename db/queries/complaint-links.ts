/**
 * SQL for complaint links (a complaint's building, household and facility, decided by
 * `lib/linking/`): which links count, gathering the linker's candidates, writing and correcting links.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * A facility link at or above this confidence counts for facility findings without a person having
 * confirmed it. The linker's scale (`lib/linking/decide-links.ts`): a full name mentioned and within
 * range ≥ 0.9, the point inside the facility's building or compound 0.85, a short form or a point
 * beside a point facility 0.7–0.8, a kind word and the nearest facility of that kind 0.55–0.65,
 * anything ambiguous (two facilities answer to the same words) or far from the point below 0.6.
 */
export const FACILITY_LINK_MIN_CONFIDENCE = 0.6;

/**
 * "This complaint's facility link counts for findings": it has a facility, and staff confirmed or
 * corrected the link, or the linker's confidence is at least `FACILITY_LINK_MIN_CONFIDENCE`.
 *
 * Usage: `countedFacilityLinkSql('c')` in a query over `complaints c`; `countedFacilityLinkSql()`
 * (no alias) over an unaliased `complaints` where no other table in the query has columns named
 * `facility_id` / `facility_link_state` / `facility_link_confidence` (the names are left unqualified).
 */
export function countedFacilityLinkSql(alias?: string): SQL {
  const q = alias ? sql.raw(`${quoteIdent(alias)}.`) : sql.raw('');
  return sql`(${q}facility_id is not null and (${q}facility_link_state in ('confirmed', 'corrected')
    or ${q}facility_link_confidence >= ${sql.raw(String(FACILITY_LINK_MIN_CONFIDENCE))}))`;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`countedFacilityLinkSql: bad alias ${name}`);
  return name;
}
