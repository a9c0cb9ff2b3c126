import 'server-only';
import type { DbOrTx } from '@/db/client';
import { appendAuditRow, lockAuditChain } from '@/db/queries/audit';
import type { AuditAction } from './actions';
import { canonicalAuditRecord, GENESIS_HASH, normaliseAuditData } from './canonical';

export interface AuditEntry {
  /** The signed-in user, or null for the platform itself, a resident or an unknown login name. */
  actorUserId: number | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | number | null;
  /** Small JSON facts about the event (never a password, never the unmasked data itself). */
  data?: Record<string, unknown> | null;
  ip?: string | null;
  /** When it happened (default: now). Stored as given, to the millisecond, so the hash is reproducible. */
  at?: Date;
}

/**
 * Append one record to the hash-chained audit trail, in the caller's transaction (pass the `tx`
 * of the change being audited, so that the change and its record commit or vanish together).
 *
 * Takes the chain's transaction-level advisory lock first: concurrent writers queue until the
 * holder commits, so each reads the true last hash and the chain never forks. The lock is held
 * to the end of the caller's transaction, so call this as the LAST statement of the transaction.
 * Given a database rather than a transaction, it opens its own.
 */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<{ id: number; hash: string }> {
  if (!isTransaction(db)) return db.transaction((tx) => writeAudit(tx, entry));
  const { isolation } = await lockAuditChain(db);
  if (isolation !== 'read committed') {
    // Under REPEATABLE READ the snapshot predates the lock: the last hash read could be stale.
    throw new Error(`writeAudit needs a READ COMMITTED transaction, not ${isolation}`);
  }
  const data = normaliseAuditData(entry.data);
  const fields = {
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === null || entry.targetId === undefined ? null : String(entry.targetId),
    data,
    ip: entry.ip?.slice(0, 100) ?? null,
    createdAt: (entry.at ?? new Date()).toISOString(),
  };
  return appendAuditRow(db, {
    ...fields,
    dataJson: data === null ? null : JSON.stringify(data),
    canonical: canonicalAuditRecord(fields),
    genesis: GENESIS_HASH,
  });
}

/** drizzle's transactions (both drivers) extend PgTransaction, which has `rollback`; databases do not. */
function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}
