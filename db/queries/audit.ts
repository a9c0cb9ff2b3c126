/**
 * The audit trail's SQL. Writers append records unsealed (one INSERT in the caller's transaction,
 * no lock); the sealer, one at a time under a transaction-level advisory lock, reads the chain's head
 * and the unsealed records in id order and gives them their seq, prev_hash and hash in one UPDATE.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

/** The advisory lock key of the audit chain's sealer ('SuqiuAud' as a 64-bit integer). */
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
}

/** Append records unsealed, in one statement (the caller's transaction decides whether they stay). */
export async function appendAuditRows(tx: DbOrTx, rows: readonly AppendAuditRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await queryRows<{ id: string | number }>(
    tx,
    sql`insert into audit_log (actor_user_id, action, target_type, target_id, data, ip, created_at)
      select actor, action, target_type, target_id, data::jsonb, ip, created_at
      from unnest(${sql.param(rows.map((r) => r.actorUserId))}::integer[], ${sql.param(rows.map((r) => r.action))}::text[],
        ${sql.param(rows.map((r) => r.targetType))}::text[], ${sql.param(rows.map((r) => r.targetId))}::text[],
        ${sql.param(rows.map((r) => r.dataJson))}::text[], ${sql.param(rows.map((r) => r.ip))}::text[],
        ${sql.param(rows.map((r) => r.createdAt))}::timestamptz[]) with ordinality
        as v(actor, action, target_type, target_id, data, ip, created_at, n)
      order by n
      returning id`,
  );
  return out.map((r) => Number(r.id));
}

/** The sealed chain's last record (null before the first seal). Call with the chain lock held. */
export async function readAuditHead(tx: DbOrTx): Promise<{ seq: number; hash: string } | null> {
  const row = await queryRow<{ seq: string | number; hash: string }>(
    tx,
    sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
  );
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Unsealed records, oldest id first, with the fields the hash covers. */
export async function readUnsealedAudit(tx: DbOrTx, limit: number): Promise<StoredAuditRow[]> {
  const rows = await queryRows<StoredAuditRow & { id: string | number }>(
    tx,
    sql`select ${AUDIT_FIELDS} from audit_log where seq is null order by id limit ${limit}`,
  );
  return rows.map(toStored);
}

/** Seal records: each gets its place in the chain and its hashes (the guard trigger allows no more). */
export async function sealAuditRows(
  tx: DbOrTx,
  seals: readonly { id: number; seq: number; prevHash: string; hash: string }[],
): Promise<number> {
  if (seals.length === 0) return 0;
  const out = await queryRows<{ id: string | number }>(
    tx,
    sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      from unnest(${sql.param(seals.map((s) => s.id))}::bigint[], ${sql.param(seals.map((s) => s.seq))}::bigint[],
        ${sql.param(seals.map((s) => s.prevHash))}::text[], ${sql.param(seals.map((s) => s.hash))}::text[])
        as v(id, seq, prev_hash, hash)
      where a.id = v.id and a.seq is null
      returning a.id`,
  );
  return out.length;
}

/** How many records wait for the sealer, and since when. */
export async function countUnsealedAudit(db: DbOrTx): Promise<{ count: number; oldest: string | null }> {
  const row = await queryRow<{ count: string | number; oldest: string | null }>(
    db,
    sql`select count(*) as count, min(created_at)::text as oldest from audit_log where seq is null`,
  );
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ?? null };
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
  /** Null until sealed (with both hashes). */
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

const AUDIT_FIELDS = sql`id, seq, actor_user_id as "actorUserId", action, target_type as "targetType",
  target_id as "targetId", data, ip, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  prev_hash as "prevHash", hash`;

function toStored(r: StoredAuditRow & { id: string | number; seq: string | number | null }): StoredAuditRow {
  return { ...r, id: Number(r.id), seq: r.seq === null ? null : Number(r.seq) };
}

/** A batch of the sealed chain in seq order after `afterSeq` (keyset pagination). */
export async function readAuditBatch(
  db: DbOrTx,
  params: { afterSeq: number; limit: number },
): Promise<StoredAuditRow[]> {
  const rows = await queryRows<StoredAuditRow & { id: string | number; seq: string | number }>(
    db,
    sql`select ${AUDIT_FIELDS} from audit_log where seq > ${params.afterSeq} order by seq limit ${params.limit}`,
  );
  return rows.map(toStored);
}

/** Audit records of one action (newest first), for tests and the admin's view. */
export async function listAuditByAction(
  db: DbOrTx,
  params: { action: string; limit?: number },
): Promise<StoredAuditRow[]> {
  const rows = await queryRows<StoredAuditRow & { id: string | number; seq: string | number | null }>(
    db,
    sql`select ${AUDIT_FIELDS} from audit_log where action = ${params.action} order by id desc limit ${params.limit ?? 1000}`,
  );
  return rows.map(toStored);
}
