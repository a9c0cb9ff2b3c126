/**
 * npm run audit:verify — seal the records written since the server's last seal, then check the
 * whole hash-chained audit trail (`audit_log`) in chain order.
 * Prints the number of records verified and the head (id and hash, worth writing down elsewhere:
 * deleting the newest records leaves a valid shorter chain) and exits 0; or names the first
 * broken record (edited, deleted or inserted) and exits 1. Uses DATABASE_URL or the embedded
 * PGlite folder (SUQIU_DATA_DIR): never while the app holds the same PGlite folder open.
 */

import { sealAuditChain } from '../../lib/audit/seal-audit-chain.server';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain.server';
import { openDb } from '../client';

const t0 = performance.now();
const handle = await openDb();
let code = 0;
try {
  const sealed = await sealAuditChain(handle.db);
  if (sealed > 0) console.log(`sealed ${sealed} records written since the last seal`);
  const verdict = await verifyAuditChain(handle.db);
  if (verdict.pending.count > 0) {
    console.log(`${verdict.pending.count} records written meanwhile wait for the next seal (not verified)`);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (verdict.ok) {
    console.log(
      `audit chain OK: ${verdict.count} records verified in ${secs} s` +
        (verdict.head ? `; head seq ${verdict.head.seq} (#${verdict.head.id}) ${verdict.head.hash}` : ''),
    );
  } else {
    console.error(
      `audit chain BROKEN at record #${verdict.broken.id} (${verdict.broken.kind}): ${verdict.broken.message}`,
    );
    console.error(`${verdict.count} records verified before the break`);
    code = 1;
  }
} finally {
  await handle.close();
}
process.exit(code);
