/**
 * npm run bench:dbscan -- [--runs N] [--division CODE] — times `GET /api/analytics/clusters`'s verb as
 * a city leader on the database of DATABASE_URL (or the embedded one): the in-process DBSCAN on a
 * grid index (`grid`, what the API runs) and PostGIS's `ST_ClusterDBSCAN` (`postgis`), alternately,
 * `--runs` times (default 3) after one warm-up each, for a few eps / min points / windows. Prints
 * p50/p95 wall time, median CPU per run (this process + the database backends), the grid's phases
 * (points fetched, DBSCAN in JavaScript, details of every cluster) once more, postgis p50 ÷ grid p50, and
 * whether both answered the same clusters in one snapshot (matched by content: their labels differ). Nothing is asserted.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { listClusterDetails, listClusterPoints } from '../db/queries/clusters';
import { queryRow } from '../db/sql';
import { complaintScope } from '../lib/auth/policy';
import { dbscan } from '../lib/hotspots/dbscan';
import type { ClusterResponse } from '../lib/hotspots/hotspots.types';
import { listClusters } from '../lib/hotspots/list-clusters.server';
import { alternate, cityUser, ms, openBench, pct, timingColumns } from './bench-common';
import { loadText } from './bench-cpu';

const { values, runs, handle, db, cpu } = await openBench(3, {
  division: { type: 'string', default: '510400000000' },
});
const user = cityUser('leader');
const now = new Date();
const total = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from complaints`);
console.log(`${handle.engine} database, ${total?.n} complaints; ${runs} runs; load ${loadText()}`);
const back = (days: number) => ({ from: new Date(now.getTime() - days * 86_400_000), to: now });
const cases = [
  { name: 'eps 100 m, min 20, 3 months', epsM: 100, minPoints: 20, filter: back(91) },
  { name: 'eps 50 m, min 10, 12 months', epsM: 50, minPoints: 10, filter: back(365) },
  { name: 'eps 200 m, min 5, 1 month', epsM: 200, minPoints: 5, filter: back(30) },
];
/** The answer without labels, clusters sorted by content. */
const content = (r: ClusterResponse) =>
  r.clusters.map((c) => JSON.stringify({ ...c, cluster: undefined })).sort();

console.log(
  `${'clusters'.padEnd(32)} ${'grid p50'.padStart(9)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   ${'postgis p50'.padStart(11)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   ratio  same  grid phases`,
);
try {
  for (const c of cases) {
    const { timings } = await alternate(['grid', 'postgis'] as const, runs, cpu, (engine) =>
      listClusters(db, user, { ...c, divisionCode: values.division, engine }),
    );
    // The grid's phases, once more: fetch, DBSCAN (its CPU is this process's), details.
    const t0 = performance.now();
    const window = { divisionCode: values.division!, filter: c.filter, scope: complaintScope(user) };
    const points = await listClusterPoints(db, window);
    const t1 = performance.now();
    const own0 = process.cpuUsage();
    const result = await dbscan(points.xs, points.ys, c.epsM, c.minPoints);
    const own = process.cpuUsage(own0);
    const t2 = performance.now();
    const ids: number[] = [];
    const labels: number[] = [];
    result.labels.forEach((label, p) => {
      if (label >= 0) {
        ids.push(points.ids[p]!);
        labels.push(label);
      }
    });
    await listClusterDetails(db, { ids, clusters: labels });
    const t3 = performance.now();
    const phases = `${points.ids.length} points ${ms(t1 - t0)}, dbscan ${ms(t2 - t1)} (cpu ${((own.user + own.system) / 1000).toFixed(0)} ms), details of ${ids.length} ${ms(t3 - t2)}; ${result.clusters} clusters`;
    const ratio = `${(pct(timings.postgis.wall, 0.5) / pct(timings.grid.wall, 0.5)).toFixed(1)}×`;
    // Same clusters? Both engines in one repeatable-read snapshot (the database may be written meanwhile).
    const same = await db.transaction(
      async (tx) => {
        const request = { ...c, divisionCode: values.division };
        const grid = await listClusters(tx, user, request);
        const postgis = await listClusters(tx, user, { ...request, engine: 'postgis' });
        return isDeepStrictEqual(content(grid), content(postgis)) ? 'yes' : 'NO';
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    console.log(
      `${c.name.padEnd(32)} ${timingColumns(timings.grid)}     ${timingColumns(timings.postgis)}   ${ratio.padStart(5)}  ${same.padEnd(4)}  ${phases}`,
    );
  }
  console.log(`load ${loadText()}`);
} finally {
  await handle.close();
}
