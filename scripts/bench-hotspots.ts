/**
 * npm run bench:hotspots — times the hot-spot analyses on the server database (DATABASE_URL, e.g.
 * with 1 M complaints from `npm run db:seed -- --complaints 1000000`), as a city-level inspector:
 *   1. Gi* with FDR on 500 m square cells over the whole city (last 12 months);
 *   2. emerging hot spots over 12 monthly steps (1 000 m cells, the whole city);
 *   3. DBSCAN clusters (eps 100 m, min 20) over the last 3 months in the city.
 * Prints each run's time and the median of `--runs` (default 3). Nothing is asserted.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { queryRow } from '../db/sql';
import type { AuthUser } from '../lib/auth/types';
import { computeEmergingHotspots } from '../lib/hotspots/compute-emerging.server';
import { computeHotspots } from '../lib/hotspots/compute-hotspots.server';
import { listClusters } from '../lib/hotspots/list-clusters.server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!process.env.DATABASE_URL) {
  console.error('bench:hotspots runs on the server database: set DATABASE_URL');
  process.exit(2);
}
const handle = await openDb();
const user: AuthUser = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'inspector',
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: '攀枝花市',
};
const now = new Date();
const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
const total = await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`);
console.log(`complaints in the database: ${total?.n}`);

async function time(label: string, fn: () => Promise<string>) {
  const ms: number[] = [];
  let info = '';
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    info = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(0).padStart(6)} ms  runs ${ms.map((m) => m.toFixed(0)).join(', ')}  ${info}`,
  );
}

try {
  await time('Gi* + FDR, 500 m cells, city, 12 months', async () => {
    const r = await computeHotspots(handle.db, user, {
      cellSize: 500,
      shape: 'square',
      fdr: true,
      filter: { from: yearAgo, to: now },
    });
    return `${r.parameters.cells} cells, ${r.parameters.complaints} complaints, band ${Math.round(r.parameters.distanceBand)} m`;
  });
  await time('emerging, 1000 m cells, city, 12 months', async () => {
    const r = await computeEmergingHotspots(handle.db, user, {
      cellSize: 1000,
      months: 12,
      timeWindow: 1,
      fdr: true,
      now,
      filter: {},
    });
    return `${r.parameters.cells} cells × ${r.parameters.steps.length} steps`;
  });
  await time('DBSCAN eps 100 m, min 20, city, 3 months', async () => {
    const r = await listClusters(handle.db, user, {
      epsM: 100,
      minPoints: 20,
      filter: { from: new Date(now.getTime() - 91 * 86_400_000), to: now },
    });
    return `${r.clusters.length} clusters`;
  });
} finally {
  await handle.close();
}
