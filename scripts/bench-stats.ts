/**
 * npm run bench:stats -- [--runs N] [--area CODE] [--month YYYY-MM] [--panels REGEX] — times every /stats panel for a
 * city-level leader on the database of DATABASE_URL (or the embedded one), for the month (default: the
 * latest with complaints): the
 * indicator cards (one month, 12 months, a custom range of partial months, each with its previous
 * period), the 12-month trend, the office and category rankings, the 三率 assessment, the whole
 * dashboard (/stats's server render: all of the above plus the area picker and bounds), and the
 * monthly report (each section's time, its data, and data + PDF as issuing makes it). Each panel runs from the rollups and from the complaints (raw),
 * alternately, `--runs` times (default 7) after one warm-up; prints p50/p95 and median CPU per run (this
 * process + the database backends) of each and the ratio
 * raw p50 ÷ rollup p50 (the figure that holds on a noisy machine), the load average before and
 * after, and whether the two sources gave the same cards. `--panels` times only the panels whose name
 * matches (e.g. 'custom|whole') and skips the report. Nothing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { queryRow } from '../db/sql';
import type { AuthUser } from '../lib/auth/types';
import { buildMonthlyReport } from '../lib/reports/build-monthly-report.server';
import type { StatsSource } from '../lib/stats/aggregate-stats.server';
import { computeAssessment } from '../lib/stats/assessment.server';
import { computeCategoryRanking } from '../lib/stats/category-ranking.server';
import { computeIndicators } from '../lib/stats/compute-indicators.server';
import { getStatsDashboard } from '../lib/stats/get-stats-dashboard.server';
import { type Figure, formatFigure } from '../lib/stats/indicator-values';
import { computeMonthlyTrend } from '../lib/stats/monthly-trend.server';
import { computeOfficeRanking } from '../lib/stats/office-ranking.server';
import { addMonths, monthPeriod } from '../lib/stats/period';
import { cpuMeter } from './bench-cpu';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    area: { type: 'string', default: '510400000000' },
    month: { type: 'string' },
    panels: { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs));
const handle = await openDb();
const db = handle.db;
const area = values.area!;
const user: AuthUser = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: null,
};
const latest = await queryRow<{ m: string; n: number }>(
  db,
  sql`select to_char(max(submitted_at) at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*)::int as n from complaints`,
);
const month = values.month ?? latest!.m;
const now = new Date();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `${handle.engine} database, ${latest!.n} complaints; month ${month}; area ${area}; ${runs} runs; load ${load()}`,
);

const m = monthPeriod(month);
const year = { areaCode: area, from: monthPeriod(addMonths(month, -11)).from, to: m.to, now };
const range = { areaCode: area, from: m.from, to: m.to, now };
// A custom range: the 15th of three months back to the 14th of the month (partial ends).
const custom = { areaCode: area, from: `${addMonths(month, -3)}-15`, to: `${month}-14`, now };

const panels: { name: string; run: (source: StatsSource) => Promise<unknown>; runs?: number }[] = [
  { name: 'cards, one month + previous', run: (source) => computeIndicators(db, user, { ...range, source }) },
  {
    name: 'cards, 12 months + previous 12',
    run: (source) => computeIndicators(db, user, { ...year, source }),
  },
  {
    name: 'cards, custom range (partial months)',
    run: (source) => computeIndicators(db, user, { ...custom, source }),
  },
  {
    name: 'trend, 12 months',
    run: (source) => computeMonthlyTrend(db, user, { areaCode: area, lastMonth: month, now, source }),
  },
  { name: 'office ranking', run: (source) => computeOfficeRanking(db, user, { ...range, source }) },
  { name: 'category ranking', run: (source) => computeCategoryRanking(db, user, { ...range, source }) },
  {
    name: '三率 assessment',
    run: (source) => computeAssessment(db, user, { areaCode: area, month, now, source }),
  },
  {
    name: 'whole dashboard (/stats)',
    run: (source) => getStatsDashboard(db, user, { area, month, from: m.from, to: m.to }, now, source),
  },
];

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
// CPU per run: this process + the database backends (parallel workers unseen; see bench-cpu.ts).
const cpu = await cpuMeter(handle);
console.log(
  `${'panel'.padEnd(40)} ${'rollup p50'.padStart(10)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   ${'raw p50'.padStart(9)} ${'p95'.padStart(9)} ${'cpu'.padStart(9)}   raw÷rollup`,
);
const only = values.panels ? new RegExp(values.panels) : null;
for (const panel of panels.filter((p) => !only || only.test(p.name))) {
  const n = panel.runs ?? runs;
  const times: Record<StatsSource, number[]> = { rollup: [], raw: [] };
  const cpus: Record<StatsSource, number[]> = { rollup: [], raw: [] };
  const sources: StatsSource[] = ['rollup', 'raw'];
  for (const s of sources) await panel.run(s); // warm-up
  for (let r = 0; r < n; r++) {
    for (const s of r % 2 === 0 ? sources : [...sources].reverse()) {
      const c0 = await cpu();
      const t0 = performance.now();
      await panel.run(s);
      times[s].push(performance.now() - t0);
      cpus[s].push((await cpu()) - c0);
    }
  }
  const roll = times.rollup.sort((a, b) => a - b);
  const raw = times.raw.sort((a, b) => a - b);
  const cpuOf = (s: StatsSource) =>
    fmt(
      pct(
        [...cpus[s]].sort((a, b) => a - b),
        0.5,
      ),
    );
  const rawText = raw.length
    ? `${fmt(pct(raw, 0.5))} ${fmt(pct(raw, 0.95))} ${cpuOf('raw')}`
    : ''.padStart(29);
  const ratio = raw.length ? `${(pct(raw, 0.5) / pct(roll, 0.5)).toFixed(1)}×` : '';
  console.log(
    `${panel.name.padEnd(40)} ${fmt(pct(roll, 0.5))} ${fmt(pct(roll, 0.95))} ${cpuOf('rollup')}   ${rawText}   ${ratio}`,
  );
}

// The month's cards from both sources, side by side (durations may differ by under an hour: the
// rollup's median comes from an hourly histogram).
const both = await Promise.all(
  (['rollup', 'raw'] as const).map((source) => computeIndicators(db, user, { ...range, source })),
);
const same = (a: Figure, b: Figure) =>
  a.numerator === b.numerator &&
  a.denominator === b.denominator &&
  (a.value === b.value || (a.value !== null && b.value !== null && Math.abs(a.value - b.value) < 1 / 24));
let differ = 0;
for (const [i, a] of both[0]!.indicators.entries()) {
  const b = both[1]!.indicators[i]!;
  const ok = same(a, b) && same(a.previous, b.previous);
  if (!ok) differ++;
  console.log(
    `  ${ok ? ' ' : '≠'} ${a.id}: ${formatFigure(a.unit, a.value)} (${a.numerator}${a.denominator === null ? '' : `/${a.denominator}`})${
      ok ? '' : `, raw ${formatFigure(b.unit, b.value)} (${b.numerator}/${b.denominator})`
    }`,
  );
}
console.log(`cards rollup vs raw: ${differ === 0 ? 'the same' : `${differ} differ`}; load ${load()}`);
if (only) {
  await handle.close();
  process.exit(0);
}

// The monthly report of the area for the month: each section's wall time (they run side by side), the
// data's, and its PDF (printed by a child script: Chromium's start, which issuing overlaps with the
// data, and the print), with the CPU time of the data (this process + the database backends).
const reportRuns = Math.min(runs, 3);
const sections = new Map<string, number[]>();
const report: Record<'data' | 'cpu' | 'launch' | 'print' | 'total', number[]> = {
  data: [],
  cpu: [],
  launch: [],
  print: [],
  total: [],
};
let pdfBytes = 0;
const dataFile = path.join(tmpdir(), `bench-report-${process.pid}.json`);
for (let r = 0; r <= reportRuns; r++) {
  const c0 = await cpu();
  const t0 = performance.now();
  const data = await buildMonthlyReport(db, {
    areaCode: area,
    month,
    now,
    onSection: (name, ms) => {
      if (r > 0) sections.set(name, [...(sections.get(name) ?? []), ms]);
    },
  });
  const dataMs = performance.now() - t0;
  const dataCpu = (await cpu()) - c0;
  if (r === 0) continue; // warm-up
  writeFileSync(dataFile, JSON.stringify(data));
  const pdf = JSON.parse(
    execFileSync('npx', ['tsx', 'scripts/bench-report-pdf.ts', dataFile], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!,
  ) as { launch: number; print: number; bytes: number };
  pdfBytes = pdf.bytes;
  report.data.push(dataMs);
  report.cpu.push(dataCpu);
  report.launch.push(pdf.launch);
  report.print.push(pdf.print);
  report.total.push(Math.max(dataMs, pdf.launch) + pdf.print);
}
const p50 = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
console.log(
  `monthly report of ${area} for ${month}, ${reportRuns} runs after a warm-up (sections side by side):`,
);
for (const [name, xs] of sections) console.log(`  ${name.padEnd(38)} ${fmt(p50(xs))}`);
console.log(`  ${'data'.padEnd(38)} ${fmt(p50(report.data))} (CPU ${fmt(p50(report.cpu)).trim()})`);
console.log(`  ${'Chromium start (overlaps the data)'.padEnd(38)} ${fmt(p50(report.launch))}`);
console.log(`  ${'PDF print'.padEnd(38)} ${fmt(p50(report.print))} (${(pdfBytes / 1024).toFixed(0)} KB)`);
console.log(`  ${'data + PDF, as issuing does it'.padEnd(38)} ${fmt(p50(report.total))}`);
console.log(`load ${load()}`);
await handle.close();
