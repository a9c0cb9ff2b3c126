import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countTriageRules, listTriageRuleRows } from '@/db/queries/triage-rules';
import { TRIAGE_RULES, type TriageRule } from './rules';

/** A stored row as the pure triage wants it (an urgency of 'normal' adds nothing, so it is dropped). */
export function toTriageRule(row: {
  id: string;
  name: string;
  keywords: string[];
  urgencyCode: string | null;
  categoryCode: string | null;
  requires?: string[];
  excludes?: string[];
}): TriageRule {
  const urgency =
    row.urgencyCode === 'extra_urgent' || row.urgencyCode === 'urgent' ? row.urgencyCode : undefined;
  return {
    id: row.id,
    name: row.name,
    keywords: row.keywords,
    ...(urgency ? { urgencyCode: urgency } : {}),
    ...(row.categoryCode ? { categoryCode: row.categoryCode } : {}),
    ...(row.requires?.length ? { requires: row.requires } : {}),
    ...(row.excludes?.length ? { excludes: row.excludes } : {}),
  };
}

/**
 * The active 诉求分级研判 keyword rules from `triage_rules` (edited at /admin/triage-rules), read
 * from the database; intake reads them through its cached reference data
 * (lib/workflow/get-reference-data.server.ts). A database whose table was never filled (seeded
 * before the table existed) triages with the built-in defaults of lib/triage/rules.ts.
 */
export async function loadTriageRules(db: DbOrTx): Promise<readonly TriageRule[]> {
  const rows = await listTriageRuleRows(db, { activeOnly: true });
  return rows.length > 0 || (await countTriageRules(db)) > 0 ? rows.map(toTriageRule) : TRIAGE_RULES;
}
