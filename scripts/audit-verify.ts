/**
 * npm run audit:verify — seal the records written since the server's last seal, then check the
 * whole hash-chained audit trail (`audit_log`) in chain order.
 * Prints the number of records verified and the head (id and hash, worth writing down elsewhere:
 * deleting the newest records leaves a valid shorter chain) and exits 0; or names the first
 * broken record (edited, deleted or inserted) and exits 1. Uses DATABASE_URL or the embedded
 * PGlite folder (SUQIU_DATA_DIR): never while the app holds the same PGlite folder open.
 *
 * `--head <hash>`: a head written down earlier (or `--anchor-file <file>`: the last line of the file
 * the app anchors to, SUQIU_AUDIT_ANCHOR_FILE): if the chain no longer holds it, its tail was
 * deleted (`truncated`), exit 1.
 */
import { parseArgs } from 'node:util';
import { openDb } from '../db/client';
import { readLastAnchor } from '../lib/audit/anchor-audit-head.server';
import { sealAuditChain } from '../lib/audit/seal-audit-chain.server';
import { verifyAuditChain } from '../lib/audit/verify-audit-chain.server';

const { values: args } = parseArgs({
  options: { head: { type: 'string' }, 'anchor-file': { type: 'string' } },
});
let head = args.head;
if (!head && args['anchor-file']) {
  const anchor = await readLastAnchor(args['anchor-file']);
  if (!anchor) {
    console.error(`no anchor in ${args['anchor-file']}`);
    process.exit(2);
  }
  head = anchor.hash;
  console.log(`anchored head: seq ${anchor.seq} ${anchor.hash} (written ${anchor.at})`);
}
if (head && !/^[0-9a-f]{64}$/i.test(head.trim())) {
  console.error('--head takes the 64 hex digits of a chain hash');
  process.exit(2);
}

const t0 = performance.now();
const handle = await openDb();
let code = 0;
try {
  const sealed = await sealAuditChain(handle.db);
  if (sealed > 0) console.log(`sealed ${sealed} records written since the last seal`);
  const verdict = await verifyAuditChain(handle.db, { head });
  if (verdict.pending.count > 0) {
    console.log(`${verdict.pending.count} records written meanwhile wait for the next seal (not verified)`);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (verdict.ok) {
    console.log(
      `audit chain OK: ${verdict.count} records verified in ${secs} s` +
        (verdict.head ? `; head seq ${verdict.head.seq} (#${verdict.head.id}) ${verdict.head.hash}` : '') +
        (head ? '; the anchored head is in the chain' : ''),
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
