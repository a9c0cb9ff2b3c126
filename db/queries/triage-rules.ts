/** The triage keyword rules admins maintain (table triage_rules). */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { triageRules } from '../schema';

export type TriageRuleRow = typeof triageRules.$inferSelect;

/** Every rule (the editor), or only the active ones (triage). Ordered by id. */
export async function listTriageRuleRows(db: DbOrTx, params: { activeOnly?: boolean } = {}) {
  const query = db.select().from(triageRules);
  return (params.activeOnly ? query.where(eq(triageRules.active, true)) : query).orderBy(asc(triageRules.id));
}

export async function getTriageRuleRow(db: DbOrTx, params: { id: string; lock?: boolean }) {
  const query = db.select().from(triageRules).where(eq(triageRules.id, params.id)).limit(1);
  const rows = params.lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function countTriageRules(db: DbOrTx): Promise<number> {
  return db.$count(triageRules);
}

export async function insertTriageRuleRow(db: DbOrTx, row: typeof triageRules.$inferInsert): Promise<void> {
  await db.insert(triageRules).values(row);
}

export async function updateTriageRuleRow(
  db: DbOrTx,
  params: { id: string; set: Partial<typeof triageRules.$inferInsert> },
): Promise<void> {
  await db.update(triageRules).set(params.set).where(eq(triageRules.id, params.id));
}
