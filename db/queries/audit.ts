/**
 * The audit trail's SQL. Appending is two statements in the caller's transaction: a transaction-level
 * advisory lock (held until commit, so writers queue and the chain never forks), then one INSERT …
 * SELECT that reads the last hash in a fresh snapshot and hashes `prev_hash ‖ canonical` in SQL.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

/** The advisory lock key of the audit chain ('SuqiuAud' as a 64-bit integer). */
export const AUDIT_CHAIN_LOCK = 6013837575175894372n;

export async function lockAuditChain(tx: DbOrTx): Promise<{ isolation: string }> {
  const row = await queryRow<{ isolation: string }>(
    tx,
    sql`select pg_advisory_xact_lock(${sql.raw(AUDIT_CHAIN_LOCK.toString())}::bigint) as locked,
      current_setting('transaction_isolation') as isolation`,
  );
  return { isolation: row?.isolation ?? 'read committed' };
}

export interface AppendAuditRow {
  actorUserId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The normalised data as JSON text (or null). */
  dataJson: string | null;
  ip: string | null;
  createdAt: string;
  /** The canonical serialisation of the record, hashed after the previous hash. */
  canonical: string;
  genesis: string;
}

/** Append one record after the current last one. Call only with the chain lock held. */
export async function appendAuditRow(tx: DbOrTx, r: AppendAuditRow): Promise<{ id: number; hash: string }> {
  const row = await queryRow<{ id: string | number; hash: string }>(
    tx,
    sql`insert into audit_log (actor_user_id, action, target_type, target_id, data, ip, created_at, prev_hash, hash)
      select ${r.actorUserId}::integer, ${r.action}, ${r.targetType}, ${r.targetId}, ${r.dataJson}::jsonb,
        ${r.ip}, ${r.createdAt}::timestamptz, p.h,
        encode(sha256(convert_to(p.h || ${r.canonical}::text, 'UTF8')), 'hex')
      from (select coalesce((select a.hash from audit_log a order by a.id desc limit 1), ${r.genesis}::text) as h) p
      returning id, hash`,
  );
  if (!row) throw new Error('audit_log insert returned nothing');
  return { id: Number(row.id), hash: row.hash };
}

export interface StoredAuditRow extends Record<string, unknown> {
  id: number;
  actorUserId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ip: string | null;
  createdAt: string;
  prevHash: string;
  hash: string;
}

/** A batch of the chain in id order after `afterId` (keyset pagination). */
export async function readAuditBatch(
  db: DbOrTx,
  params: { afterId: number; limit: number },
): Promise<StoredAuditRow[]> {
  const rows = await queryRows<StoredAuditRow & { id: string | number }>(
    db,
    sql`select id, actor_user_id as "actorUserId", action, target_type as "targetType", target_id as "targetId",
        data, ip, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
        prev_hash as "prevHash", hash
      from audit_log where id > ${params.afterId} order by id limit ${params.limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Audit records of one action (newest first), for tests and the admin's view. */
export async function listAuditByAction(
  db: DbOrTx,
  params: { action: string; limit?: number },
): Promise<StoredAuditRow[]> {
  const rows = await queryRows<StoredAuditRow & { id: string | number }>(
    db,
    sql`select id, actor_user_id as "actorUserId", action, target_type as "targetType", target_id as "targetId",
        data, ip, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
        prev_hash as "prevHash", hash
      from audit_log where action = ${params.action} order by id desc limit ${params.limit ?? 1000}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
