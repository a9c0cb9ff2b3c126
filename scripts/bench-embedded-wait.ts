/**
 * npm run bench:embedded-wait -- [--runs N] — does a heavy leader's request make others wait on the
 * embedded engine? PGlite is one connection in this process: its statements run one at a time, so
 * a request waits for every statement queued before its own. Runs each heavy read (the /stats
 * dashboard from rollups and raw, its Gi* mini-map, the monthly report's data, the hot-spot
 * workspace's Gi* 500 m over the city and emerging hot spots 1 km) `--runs` times
 * (default 5) while a probe issues what GET /api/health reads (versions and row counts) every 50 ms,
 * and prints the heavy read's time and the probe's wait (p50 / p95 / max) during it, next to the
 * probe alone. Works on either engine (DATABASE_URL or SUQIU_DATA_DIR); nothing is asserted.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { getHealth } from '../db/queries/health';
import { queryRow } from '../db/sql';
import type { AuthUser } from '../lib/auth/types';
import { computeEmergingHotspots } from '../lib/hotspots/compute-emerging.server';
import { computeHotspots } from '../lib/hotspots/compute-hotspots.server';
import { buildMonthlyReport } from '../lib/reports/build-monthly-report.server';
import { getStatsDashboard } from '../lib/stats/get-stats-dashboard.server';
import { addMonths, monthPeriod } from '../lib/stats/period';
import { loadText } from './bench-cpu';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs));
const handle = await openDb();
const db = handle.db;
const CITY = '510400000000';
const leader: AuthUser = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: CITY, divisionLevel: 'city' },
  jurisdictionName: null,
};
const latest = await queryRow<{ m: string; n: number }>(
  db,
  sql`select to_char(max(submitted_at) at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*)::int as n from complaints`,
);
const month = latest!.m;
const m = monthPeriod(month);
const now = new Date();
console.log(
  `${handle.engine} database, ${latest!.n} complaints; month ${month}; ${runs} runs; load ${loadText()}`,
);

const heavy: { name: string; run: () => Promise<unknown> }[] = [
  {
    name: '/stats dashboard (rollups)',
    run: () => getStatsDashboard(db, leader, { area: CITY, month, from: m.from, to: m.to }, now, 'rollup'),
  },
  {
    name: '/stats dashboard (raw, before rollups)',
    run: () => getStatsDashboard(db, leader, { area: CITY, month, from: m.from, to: m.to }, now, 'raw'),
  },
  {
    name: '/stats Gi* mini-map (2000 m, bins)',
    run: () =>
      computeHotspots(db, leader, {
        divisionCode: CITY,
        cellSize: 2000,
        shape: 'square',
        fdr: true,
        filter: { from: m.start, to: m.end },
      }),
  },
  {
    name: '/stats Gi* mini-map (2000 m, raw)',
    run: () =>
      computeHotspots(db, leader, {
        divisionCode: CITY,
        cellSize: 2000,
        shape: 'square',
        fdr: true,
        filter: { from: m.start, to: m.end },
        source: 'raw',
      }),
  },
  { name: 'monthly report data', run: () => buildMonthlyReport(db, { areaCode: CITY, month, now }) },
  {
    name: 'Gi* 500 m, city, 12 months (bins)',
    run: () =>
      computeHotspots(db, leader, {
        divisionCode: CITY,
        cellSize: 500,
        shape: 'square',
        fdr: true,
        filter: { from: monthPeriod(addMonths(month, -11)).start, to: m.end },
      }),
  },
  {
    name: 'emerging 1000 m, 12 steps (bins)',
    run: () =>
      computeEmergingHotspots(db, leader, {
        divisionCode: CITY,
        cellSize: 1000,
        months: 12,
        timeWindow: 1,
        fdr: true,
        now,
        filter: {},
      }),
  },
];

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], q: number) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : Number.NaN;
};
const ms = (v: number) => `${Number.isNaN(v) ? '—' : v.toFixed(0)} ms`.padStart(9);

/**
 * A request every 50 ms until `stop()`: each one's wait is from when it was due (a timer, as an
 * arriving request is an I/O event) to its answer, so a starved event loop counts, not only the
 * queue in front of the one connection.
 */
function probe() {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const due = performance.now() + 50;
      await new Promise((r) => setTimeout(r, 50));
      await getHealth(db);
      waits.push(performance.now() - due);
    }
  })();
  return {
    waits,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

// The probe alone.
const idle = probe();
await new Promise((r) => setTimeout(r, 2000));
await idle.stop();
console.log(
  `${'probe alone (GET /api/health reads)'.padEnd(40)} ${''.padStart(9)}   wait p50 ${ms(pct(idle.waits, 0.5))} p95 ${ms(pct(idle.waits, 0.95))} max ${ms(Math.max(...idle.waits))}`,
);
try {
  for (const h of heavy) {
    await h.run(); // warm-up
    const times: number[] = [];
    const p = probe();
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await h.run();
      times.push(performance.now() - t0);
    }
    await p.stop();
    console.log(
      `${h.name.padEnd(40)} ${ms(pct(times, 0.5))}   wait p50 ${ms(pct(p.waits, 0.5))} p95 ${ms(pct(p.waits, 0.95))} max ${ms(Math.max(...p.waits))}  (${p.waits.length} probes)`,
    );
  }
  console.log(`load ${loadText()}`);
} finally {
  await handle.close();
}
