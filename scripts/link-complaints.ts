/**
 * npm run link:complaints -- [--batch N] [--after ID] [--jobs N]
 *
 * (Re)links existing complaints to their building, household and facility with the same linker
 * intake uses (`lib/linking/`), in keyset batches by id, printing progress (rows/s). Idempotent: a
 * second run changes nothing; links staff confirmed or corrected are never touched. Ends with the
 * share of complaints linked to a building and to a facility, by method. Uses DATABASE_URL or the
 * embedded PGlite folder (SUQIU_DATA_DIR): never while the app holds the same PGlite folder open.
 * `--jobs` (default 2 on the server, 1 embedded) workers take consecutive id ranges of `--batch` ids.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { listLinkShares } from '../db/queries/complaint-links';
import { queryRow } from '../db/sql';
import { loadGazetteer, relinkComplaints } from '../lib/linking/relink-complaints.server';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '2000' },
    after: { type: 'string', default: '0' },
    jobs: { type: 'string' },
  },
});
const limit = Number(values.batch);
const afterId = Number(values.after);
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
  const maxRow = await queryRow<{ m: number | null }>(
    handle.db,
    sql`select max(id)::bigint as m from complaints`,
  );
  const maxId = Number(maxRow?.m ?? 0);
  const jobs = Math.max(1, Number(values.jobs ?? (handle.engine === 'server' ? 2 : 1)));
  let scanned = 0;
  let updated = 0;
  let lastPrint = 0;
  let next = afterId;
  // Each worker takes the next range of `limit` ids (gaps in the ids only make a batch smaller).
  const worker = async () => {
    while (next < maxId) {
      const from = next;
      next += limit;
      const r = await relinkComplaints(handle.db, { afterId: from, upToId: from + limit, limit, gazetteer });
      scanned += r.decisions.size;
      updated += r.updated;
      if (performance.now() - lastPrint > 2000) {
        lastPrint = performance.now();
        const secs = (performance.now() - t0) / 1000;
        console.log(
          `link: ${scanned} linked (${updated} changed), ids up to ${Math.min(next, maxId)} of ${maxId}, ${Math.round(scanned / secs)} rows/s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
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
