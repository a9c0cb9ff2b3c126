/**
 * npm run bench:linking -- [--n 400]
 *
 * What linking adds to each intake submission, measured one call at a time on a seeded database
 * (DATABASE_URL, or the embedded PGlite folder): the locating statement intake already runs
 * (`locateForIntake`), the linker's candidates statement (`gatherLinkCandidates`, run beside it), and
 * the pure decision (`decideGatheredLinks`: jieba, gazetteer scan, rules) on complaints' own points and
 * texts. Prints the mean and p95 of each in ms. Sequential on purpose: it measures cost, not throughput
 * (`npm run bench:intake` does that).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { locateForIntake } from '../db/queries/intake';
import { queryRows } from '../db/sql';
import { decideGatheredLinks, gatherLinkCandidates } from '../lib/linking/link-complaints.server';
import { loadGazetteer } from '../lib/linking/relink-complaints.server';

const { values } = parseArgs({ options: { n: { type: 'string', default: '400' } } });
const n = Number(values.n);
const handle = await openDb();
try {
  const rows = await queryRows<{
    title: string;
    description: string;
    address: string | null;
    category_code: string | null;
    lng: number;
    lat: number;
  }>(
    handle.db,
    sql`select title, description, address, category_code, ST_X(location) as lng, ST_Y(location) as lat
        from complaints order by md5(id::text) limit ${n}`,
  );
  const gazetteer = await loadGazetteer(handle.db);
  const subjects = rows.map((r) => ({
    title: r.title,
    description: r.description,
    address: r.address,
    categoryCode: r.category_code,
    point: { lng: Number(r.lng), lat: Number(r.lat) },
  }));
  const time = async (label: string, f: (i: number) => Promise<unknown> | unknown) => {
    for (let i = 0; i < Math.min(20, subjects.length); i++) await f(i); // warm-up (prepare, JIT)
    const ms: number[] = [];
    for (let i = 0; i < subjects.length; i++) {
      const t = performance.now();
      await f(i);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    console.log(
      `${label.padEnd(44)} mean ${mean.toFixed(2)} ms  p95 ${ms[Math.floor(ms.length * 0.95)]!.toFixed(2)} ms`,
    );
  };
  await time('locateForIntake (intake already runs it)', (i) =>
    locateForIntake(handle.db, { ...subjects[i]!.point, nearMeters: 200, idempotencyKey: null }),
  );
  const gathered = new Map<number, Awaited<ReturnType<typeof gatherLinkCandidates>>>();
  await time('gatherLinkCandidates (one statement)', async (i) => {
    gathered.set(i, await gatherLinkCandidates(handle.db, [subjects[i]!]));
  });
  await time('decideGatheredLinks (pure: jieba, gazetteer)', (i) =>
    decideGatheredLinks([subjects[i]!], gathered.get(i)!, gazetteer),
  );
  console.log(
    `${subjects.length} complaints, ${gazetteer.facilities.size} facilities, ${gazetteer.terms.size} names`,
  );
} finally {
  await handle.close();
}
