import 'server-only';
import type { DbOrTx } from '@/db/client';
import { lockAuditChain, readAuditHead, readUnsealedAudit, sealAuditRows } from '@/db/queries/audit';
import { GENESIS_HASH } from './canonical';
import { recomputeAuditHash } from './verify-audit-chain.server';

/**
 * Seal the records written since the last seal: under the chain's advisory lock (one sealer at a
 * time, across processes), read the head of the chain, then give the unsealed records, oldest id
 * first, the next seq numbers, each its predecessor's hash and its own
 *
 *   hash = hex(SHA-256(UTF-8(prev_hash ‖ canonical(record))))   (lib/audit/canonical.ts)
 *
 * in batches of `batchSize`, each batch its own transaction. A record whose transaction commits
 * after a seal took its snapshot is sealed by the next one: the chain's order is the seal order.
 * Returns the number of records sealed.
 */
export async function sealAuditChain(db: DbOrTx, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { isolation } = await lockAuditChain(tx);
      // Under REPEATABLE READ the snapshot could predate the last seal committed before the lock.
      if (isolation !== 'read committed')
        throw new Error(`sealAuditChain needs READ COMMITTED, not ${isolation}`);
      const head = await readAuditHead(tx);
      const rows = await readUnsealedAudit(tx, batchSize);
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const seals = rows.map((r) => {
        seq += 1;
        const hash = recomputeAuditHash({ ...r, prevHash });
        const seal = { id: r.id, seq, prevHash, hash };
        prevHash = hash;
        return seal;
      });
      return sealAuditRows(tx, seals);
    });
    sealed += n;
    if (n < batchSize) return sealed;
  }
}
