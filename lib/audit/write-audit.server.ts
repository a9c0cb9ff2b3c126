import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type AppendAuditRow, appendAuditRows } from '@/db/queries/audit';
import type { AuditAction } from './actions';
import { normaliseAuditData } from './canonical';

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
 * Append one record to the audit trail, in the caller's transaction (pass the `tx` of the change
 * being audited, so that the change and its record commit or vanish together). Given a database
 * rather than a transaction, the insert is its own transaction.
 *
 * The record is written unsealed and takes no lock, so audited transactions never queue behind
 * each other; the sealer (`sealAuditChain`, run every second by the server and before
 * `npm run audit:verify`) chains it by SHA-256 after the records sealed before it.
 */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<{ id: number }> {
  const [id] = await writeAudits(db, [entry]);
  return { id: id! };
}

/** Append several records in one statement (a batch of intake submissions). */
export async function writeAudits(db: DbOrTx, entries: readonly AuditEntry[]): Promise<number[]> {
  return appendAuditRows(db, entries.map(auditRow));
}

/** The row an entry is stored as (data in canonical JSON), for writers that insert it themselves. */
export function auditRow(entry: AuditEntry): AppendAuditRow {
  const data = normaliseAuditData(entry.data);
  return {
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === null || entry.targetId === undefined ? null : String(entry.targetId),
    dataJson: data === null ? null : JSON.stringify(data),
    ip: entry.ip?.slice(0, 100) ?? null,
    createdAt: (entry.at ?? new Date()).toISOString(),
  };
}
