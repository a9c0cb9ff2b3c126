/**
 * The canonical form of an audit record, hashed into the chain. Pure and universal, so that the
 * writer (hashing in SQL) and the verifier (hashing in Node) agree byte for byte.
 *
 *   hash = hex(SHA-256(UTF-8(prev_hash ‖ canonical(record))))
 *   canonical(record) = JSON of ["suqiu-audit-v1", actor_user_id, action, target_type, target_id,
 *                                data (keys sorted at every depth), ip, created_at (ISO, ms, UTC)]
 *
 * The id is not hashed: order is the chain itself (each record names its predecessor's hash).
 */

const NUL = String.fromCharCode(0);

export const GENESIS_HASH = '0'.repeat(64);
export const CANONICAL_VERSION = 'suqiu-audit-v1';

export interface AuditRecordFields {
  actorUserId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ip: string | null;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  createdAt: string;
}

/**
 * The JSON value jsonb will hand back: `undefined` dropped, dates as ISO strings, NUL characters
 * removed (jsonb refuses them, and an audit write must never abort the caller's transaction).
 */
export function normaliseAuditData(data: unknown): unknown {
  if (data === undefined || data === null) return null;
  const json = JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' ? v.replaceAll(NUL, '') : v));
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
}

export function canonicalAuditRecord(r: AuditRecordFields): string {
  return `[${[
    JSON.stringify(CANONICAL_VERSION),
    JSON.stringify(r.actorUserId),
    JSON.stringify(r.action),
    JSON.stringify(r.targetType),
    JSON.stringify(r.targetId),
    stableJson(r.data ?? null),
    JSON.stringify(r.ip),
    JSON.stringify(r.createdAt),
  ].join(',')}]`;
}
