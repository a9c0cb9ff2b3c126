/**
 * npm run link:complaints -- [--batch N] [--after ID]
 *
 * (Re)links existing complaints to their building, household and facility with the same linker
 * intake uses (`lib/linking/`), in keyset batches by id, printing progress (rows/s). Idempotent: a
 * second run changes nothing; links staff confirmed or corrected are never touched. Ends with the
 * share of complaints linked to a building and to a facility, by method. Uses DATABASE_URL or the
 * embedded PGlite folder (SUQIU_DATA_DIR): never while the app holds the same PGlite folder open.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadGazetteer, relinkComplaints } from '../../lib/linking/relink-complaints.server';
import { openDb } from '../client';
import { listLinkShares } from '../queries/complaint-links';
import { queryRow } from '../sql';

const { values } = parseArgs({
  options: { batch: { type: 'string', default: '2000' }, after: { type: 'string', default: '0' } },
});
const limit = Number(values.batch);
let afterId = Number(values.after);
if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(afterId) || afterId < 0) {
  console.error('--batch must be a positive integer, --after a non-negative one');
  process.exit(2);
}

const handle = await openDb();
try {
  const t0 = performance.now();
  const gazetteer = await loadGazetteer(handle.db);
  const total = await queryRow<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from complaints where id > ${afterId}`,
  );
  console.log(
    `link: ${handle.engine} database ${handle.location}; ${total?.n ?? 0} complaints after id ${afterId}, ` +
      `${gazetteer.facilities.size} facilities, ${gazetteer.terms.size} names and short forms`,
  );
  let scanned = 0;
  let updated = 0;
  let lastPrint = 0;
  for (;;) {
    const r = await relinkComplaints(handle.db, { afterId, limit, gazetteer });
    if (r.lastId === null) break;
    afterId = r.lastId;
    scanned += r.decisions.size === 0 ? 0 : r.decisions.size;
    updated += r.updated;
    const secs = (performance.now() - t0) / 1000;
    if (performance.now() - lastPrint > 2000) {
      lastPrint = performance.now();
      console.log(
        `link: up to id ${afterId}: ${scanned} linked (${updated} changed), ${Math.round(scanned / secs)} rows/s`,
      );
    }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `link: done, ${scanned} complaints in ${secs.toFixed(1)} s (${Math.round(scanned / secs)} rows/s), ${updated} changed`,
  );
  const shares = await listLinkShares(handle.db);
  const pct = (n: number) => `${((100 * n) / Math.max(1, shares.total)).toFixed(1)} %`;
  const label = (m: string | null, s: string) => `${m ?? 'none'}${s === 'auto' ? '' : ` (${s})`}`;
  console.log(`building links of ${shares.total} complaints:`);
  for (const b of shares.building)
    console.log(`  ${label(b.method, b.state).padEnd(24)} ${String(b.n).padStart(9)}  ${pct(b.n)}`);
  console.log('facility links (counted for findings: confirmed, corrected or confidence ≥ 0.6):');
  for (const f of shares.facility)
    console.log(
      `  ${label(f.method, f.state).padEnd(24)} ${String(f.n).padStart(9)}  ${pct(f.n)}${f.method ? `  counted ${f.counted}` : ''}`,
    );
} finally {
  await handle.close();
}
