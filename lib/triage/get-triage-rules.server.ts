import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countTriageRules, listTriageRuleRows } from '@/db/queries/triage-rules';
import { TRIAGE_RULES, type TriageRule } from './rules';

/** Another app instance may have saved; each process re-reads the table at least this often. */
const CHECK_EVERY_MS = 60_000;

interface Cache {
  rules: readonly TriageRule[];
  loadedAt: number;
}
const g = globalThis as unknown as { __suqiuTriageRules?: Cache };

/** A stored row as the pure triage wants it (an urgency of 'normal' adds nothing, so it is dropped). */
export function toTriageRule(row: {
  id: string;
  name: string;
  keywords: string[];
  urgencyCode: string | null;
  categoryCode: string | null;
}): TriageRule {
  const urgency =
    row.urgencyCode === 'extra_urgent' || row.urgencyCode === 'urgent' ? row.urgencyCode : undefined;
  return {
    id: row.id,
    name: row.name,
    keywords: row.keywords,
    ...(urgency ? { urgencyCode: urgency } : {}),
    ...(row.categoryCode ? { categoryCode: row.categoryCode } : {}),
  };
}

/**
 * The active 诉求分级研判 keyword rules from `triage_rules` (edited at /admin/triage-rules), cached
 * per process: dropped at once when an admin saves in this process (`resetTriageRulesCache`), and
 * re-read at most a minute later in other processes. A database whose table was never filled (seeded
 * before the table existed) triages with the built-in defaults of lib/triage/rules.ts.
 */
export async function getTriageRules(
  db: DbOrTx,
  options: { now?: number } = {},
): Promise<readonly TriageRule[]> {
  const now = options.now ?? Date.now();
  const cache = g.__suqiuTriageRules;
  if (cache && now - cache.loadedAt <= CHECK_EVERY_MS) return cache.rules;
  const rows = await listTriageRuleRows(db, { activeOnly: true });
  const rules = rows.length > 0 || (await countTriageRules(db)) > 0 ? rows.map(toTriageRule) : TRIAGE_RULES;
  g.__suqiuTriageRules = { rules, loadedAt: now };
  return rules;
}

/** Forget the cached rules (after an admin's save has committed; tests). */
export function resetTriageRulesCache(): void {
  g.__suqiuTriageRules = undefined;
}
