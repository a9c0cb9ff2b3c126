import 'server-only';
import { createHash } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { countUnsealedAudit, readAuditBatch, type StoredAuditRow } from '@/db/queries/audit';
import { canonicalAuditRecord, GENESIS_HASH } from './canonical';

/** How the first broken record was broken. */
export type BreakKind = 'edited' | 'deleted' | 'inserted' | 'truncated';

export interface ChainBreak {
  /** The first record at fault (for `deleted`: the record after the gap). */
  id: number;
  kind: BreakKind;
  message: string;
}

/** Records written but not yet sealed (the sealer runs every second): not covered by the verdict. */
export interface Pending {
  count: number;
  oldest: string | null;
}

export type ChainVerdict =
  | { ok: true; count: number; head: { id: number; seq: number; hash: string } | null; pending: Pending }
  | { ok: false; count: number; broken: ChainBreak; pending: Pending };

/**
 * Walk the whole sealed audit chain in seq order, in batches, recomputing each hash:
 * - a record whose stored hash does not match its content and prev_hash → `edited` (or forged);
 * - a record whose prev_hash is not its predecessor's hash, while it shares its predecessor's own
 *   prev_hash → the predecessor was `inserted`;
 * - otherwise a prev_hash mismatch means records between were `deleted` (or the predecessor was
 *   rewritten with a recomputed hash); a first record not linked to the genesis hash means the
 *   first records were deleted.
 * `count` is the number of sealed records verified before the first break; ids and seq numbers are
 * only the reading order, the hashes are what counts. Records not yet sealed are counted in
 * `pending`, not verified: seal first (`sealAuditChain`) to cover them. Deleting the newest records
 * leaves a valid shorter chain: anchor the head elsewhere (anchor-audit-head.server.ts) and pass
 * it as `head`: a chain that no longer holds that hash is `truncated` (its tail was deleted).
 */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { batchSize?: number; onProgress?: (count: number) => void; head?: string } = {},
): Promise<ChainVerdict> {
  const anchored = options.head?.trim().toLowerCase();
  let anchorSeen = false;
  const batchSize = options.batchSize ?? 2000;
  const pending = await countUnsealedAudit(db);
  let prev: StoredAuditRow | null = null;
  let count = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await readAuditBatch(db, { afterSeq, limit: batchSize });
    for (const r of batch) {
      const broken = checkRecord(prev, r);
      // An inserted predecessor was counted before it was found out.
      if (broken)
        return { ok: false, count: broken.kind === 'inserted' ? count - 1 : count, broken, pending };
      prev = r;
      count++;
      if (r.hash === anchored) anchorSeen = true;
    }
    options.onProgress?.(count);
    if (batch.length < batchSize) break;
    afterSeq = batch[batch.length - 1]!.seq!;
  }
  const head = prev ? { id: prev.id, seq: prev.seq!, hash: prev.hash! } : null;
  if (anchored && !anchorSeen) {
    const broken: ChainBreak = {
      id: prev?.id ?? 0,
      kind: 'truncated',
      message: `the anchored head ${anchored} is not in the chain (which ends at ${head ? `seq ${head.seq}, ${head.hash}` : 'nothing'}): records up to and after it were deleted`,
    };
    return { ok: false, count, broken, pending };
  }
  return { ok: true, count, head, pending };
}

/** The hash a record must carry after `r.prevHash` (the sealer computes it, the verifier checks it). */
export function recomputeAuditHash(r: StoredAuditRow & { prevHash: string }): string {
  const canonical = canonicalAuditRecord({
    actorUserId: r.actorUserId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    data: r.data,
    ip: r.ip,
    createdAt: r.createdAt,
  });
  return createHash('sha256')
    .update(r.prevHash + canonical, 'utf8')
    .digest('hex');
}

function checkRecord(prev: StoredAuditRow | null, r: StoredAuditRow): ChainBreak | null {
  if (r.prevHash === null || recomputeAuditHash({ ...r, prevHash: r.prevHash }) !== r.hash) {
    return {
      id: r.id,
      kind: 'edited',
      message: `record #${r.id} (${r.action}) does not match its hash: edited or forged`,
    };
  }
  const expected = prev ? prev.hash : GENESIS_HASH;
  if (r.prevHash === expected) return null;
  if (!prev) {
    return {
      id: r.id,
      kind: 'deleted',
      message: `record #${r.id} is the first but does not follow the genesis hash: earlier records were deleted`,
    };
  }
  if (r.prevHash === prev.prevHash) {
    return {
      id: prev.id,
      kind: 'inserted',
      message: `record #${prev.id} (${prev.action}) was inserted: #${r.id} follows the record before it`,
    };
  }
  return {
    id: r.id,
    kind: 'deleted',
    message: `record #${r.id} does not follow #${prev.id}: records between were deleted (or #${prev.id} was rewritten)`,
  };
}
