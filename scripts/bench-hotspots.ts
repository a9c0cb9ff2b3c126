/**
 * npm run bench:hotspots -- [--runs N] — times the hot-spot analyses as a city-level inspector on the
 * database of DATABASE_URL (e.g. `npm run db:seed -- --complaints 200000`) or the embedded one, each
 * from the hot-spot bins (`auto`: whole months from `complaint_hotspot_bins`, partial days raw) and
 * from every complaint (`raw`), alternately, `--runs` times (default 5) after one warm-up:
 *   1. Gi* + FDR, 500 m squares, the whole city, 12 whole months;
 *   2. the same over the workspace's window (a day 12 months back, open end: partial days at the head);
 *   3. Gi* + FDR, 2000 m squares, one month (the monthly report's city map);
 *   4. emerging hot spots, 1000 m, 12 monthly steps up to now;
 *   5. emerging hot spots, 4000 m, 12 steps as of the end of last month (the monthly report's);
 *   6. DBSCAN clusters (eps 100 m, min 20), the last 3 months (raw only).
 * Prints p50/p95 wall time and the median CPU time per run (this process + the database backends:
 * the figure that holds on a loaded machine), raw p50 ÷ bins p50, whether both sources gave the same
 * result, and the load average before and after. Nothing is asserted.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRow } from '../db/sql';
import { computeEmergingHotspots } from '../lib/hotspots/compute-emerging.server';
import { computeHotspots } from '../lib/hotspots/compute-hotspots.server';
import type { HotspotSource } from '../lib/hotspots/count-source.server';
import { listClusters } from '../lib/hotspots/list-clusters.server';
import { addMonths, cstMonth, cstMonthStart } from '../lib/stats/period';
import { alternate, cityUser, openBench, pct, timingColumns } from './bench-common';
import { loadText } from './bench-cpu';

const { runs, handle, db, cpu } = await openBench(5);
const user = cityUser('inspector');
const now = new Date();
const thisMonth = cstMonth(now);
const total = await queryRow<{ n: number; bins: number }>(
  db,
  sql`select (select count(*)::int from complaints) as n, (select count(*)::int from complaint_hotspot_bins) as bins`,
);
console.log(
  `${handle.engine} database, ${total?.n} complaints, ${total?.bins} hot-spot bin rows; ${runs} runs; load ${loadText()}`,
);

const wholeYear = {
  from: cstMonthStart(addMonths(thisMonth, -11)),
  to: cstMonthStart(addMonths(thisMonth, 1)),
};
const workspaceFrom = (() => {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(
    `${new Date(Date.UTC(cst.getUTCFullYear() - 1, cst.getUTCMonth(), cst.getUTCDate())).toISOString().slice(0, 10)}T00:00:00+08:00`,
  );
})();
const lastMonth = addMonths(thisMonth, -1);
const lastMonthSpan = { from: cstMonthStart(lastMonth), to: cstMonthStart(thisMonth) };

type Run = (source: HotspotSource) => Promise<{ info: string; result: unknown }>;
const cases: { name: string; run: Run; rawOnly?: boolean }[] = [
  {
    name: 'Gi* 500 m, city, 12 whole months',
    run: async (source) => {
      const r = await computeHotspots(db, user, {
        cellSize: 500,
        shape: 'square',
        fdr: true,
        filter: wholeYear,
        source,
      });
      return { info: `${r.parameters.cells} cells, ${r.parameters.complaints} complaints`, result: r };
    },
  },
  {
    name: 'Gi* 500 m, city, workspace window',
    run: async (source) => {
      const r = await computeHotspots(db, user, {
        cellSize: 500,
        shape: 'square',
        fdr: true,
        filter: { from: workspaceFrom },
        source,
      });
      return { info: `${r.parameters.cells} cells, ${r.parameters.complaints} complaints`, result: r };
    },
  },
  {
    name: 'Gi* 2000 m, city, last month',
    run: async (source) => {
      const r = await computeHotspots(db, user, {
        cellSize: 2000,
        shape: 'square',
        fdr: true,
        filter: lastMonthSpan,
        source,
      });
      return { info: `${r.parameters.cells} cells, ${r.parameters.complaints} complaints`, result: r };
    },
  },
  {
    name: 'emerging 1000 m, 12 steps to now',
    run: async (source) => {
      const r = await computeEmergingHotspots(db, user, {
        cellSize: 1000,
        months: 12,
        timeWindow: 1,
        fdr: true,
        now,
        filter: {},
        source,
      });
      return { info: `${r.parameters.cells} cells × ${r.parameters.steps.length} steps`, result: r };
    },
  },
  {
    name: 'emerging 4000 m, 12 steps, last month',
    run: async (source) => {
      const r = await computeEmergingHotspots(db, user, {
        cellSize: 4000,
        months: 12,
        timeWindow: 1,
        fdr: true,
        now: new Date(lastMonthSpan.to.getTime() - 1),
        filter: {},
        source,
      });
      return { info: `${r.parameters.cells} cells × ${r.parameters.steps.length} steps`, result: r };
    },
  },
  {
    name: 'DBSCAN eps 100 m, min 20, 3 months',
    rawOnly: true,
    run: async () => {
      const r = await listClusters(db, user, {
        epsM: 100,
        minPoints: 20,
        filter: { from: new Date(now.getTime() - 91 * 86_400_000), to: now },
      });
      return { info: `${r.clusters.length} clusters`, result: r };
    },
  },
];

console.log(
  `${'analysis'.padEnd(40)} ${'bins p50'.padStart(9)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   ${'raw p50'.padStart(9)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   raw÷bins  same`,
);
try {
  for (const c of cases) {
    const sources: HotspotSource[] = c.rawOnly ? ['raw'] : ['auto', 'raw'];
    const { timings, answers, last } = await alternate(sources, runs, cpu, c.run);
    const ratio = c.rawOnly
      ? ''
      : `${(pct(timings.raw.wall, 0.5) / pct(timings.auto.wall, 0.5)).toFixed(1)}×`;
    const same = c.rawOnly ? '' : isDeepStrictEqual(answers.auto?.result, answers.raw?.result) ? 'yes' : 'NO';
    console.log(
      `${c.name.padEnd(40)} ${c.rawOnly ? ''.padStart(29) : timingColumns(timings.auto)}   ${timingColumns(timings.raw)}   ${ratio.padStart(8)}  ${same.padEnd(4)} ${last?.info ?? ''}`,
    );
  }
  console.log(`load ${loadText()}`);
} finally {
  await handle.close();
}
