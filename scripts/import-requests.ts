/**
 * npm run import:requests -- <file.json|file.csv> --mapping <mapping.json>
 *   [--as auto|history|live] [--history-after-days 30] [--clock-skew 120] [--batch 2000]
 *   [--format json|csv] [--report <refused.csv>] [--link] [--dry-run] [--writers 2]
 *
 * Streams past service requests (GeoReport v2 JSON, or CSV with the header documented in
 * lib/open311/import-source.ts) into the database chosen by DATABASE_URL or SUQIU_DATA_DIR, in
 * batches of one transaction and one set-based write each, whatever the file's size. Prints a
 * progress line every few seconds (rows/s and ETA), and writes every refused row with its reason to
 * a CSV beside the file (`<file>.refused.csv`) as it happens. A second run of the same file skips
 * what is already in, and tells the same refusals again apart from new ones.
 *
 * `--as`: `history` (keep the source's status, dates and notes; no workflow, notifications or deadline
 * warnings), `live` (open requests continue in today's workflow), `auto` (default: history when
 * requested more than `--history-after-days` days ago, else live). `--clock-skew`: a closing time at
 * most this many seconds before the opening time is clamped and noted, not refused. `--link`: also link
 * history and closed rows to their building and facility in each batch (slower; without it the run
 * ends by printing the `npm run link:complaints` command that links them afterwards). `--dry-run`:
 * read and check every row (fields, dates, mapping) and write the refusals, but nothing to the database.
 * `--writers`: batches written at once (default 2 on the server database, 1 embedded).
 *
 * Exit code 0 when nothing new was refused (rows already imported are skipped, rows an earlier run
 * refused for the same reason are refused before), 2 when some rows were refused for the first time,
 * 1 on a bad file or mapping. Never run it against a PGlite folder the app holds open.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { type ImportProgress, importRequests } from '@/lib/open311/import-requests.server';
import { type ImportAsOption, importMapping } from '@/lib/open311/import-source';
import { ImportFileError, readSourceStream } from '@/lib/open311/read-source-stream';
import { openDb } from '../db/client';

const USAGE =
  'usage: npm run import:requests -- <file.json|file.csv> --mapping <mapping.json> [--as auto|history|live] ' +
  '[--history-after-days 30] [--clock-skew 120] [--batch 2000] [--format json|csv] [--report <refused.csv>] [--link] [--dry-run] [--writers 2]';

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: 'string' },
    as: { type: 'string', default: 'auto' },
    'history-after-days': { type: 'string', default: '30' },
    'clock-skew': { type: 'string', default: '120' },
    batch: { type: 'string', default: '2000' },
    format: { type: 'string' },
    report: { type: 'string' },
    link: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    writers: { type: 'string' },
  },
});

const file = positionals[0];
if (!file || !values.mapping) fail(USAGE);
const format = (values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json')) as 'json' | 'csv';
if (format !== 'json' && format !== 'csv') fail(`--format must be json or csv, got "${values.format}"`);
const as = values.as as ImportAsOption;
if (!['auto', 'history', 'live'].includes(as)) fail(`--as must be auto, history or live, got "${values.as}"`);
const positive = (name: string, raw: string | undefined, integer: boolean) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1)))
    fail(`--${name} must be a ${integer ? 'positive integer' : 'number ≥ 0'}, got "${raw}"`);
  return n;
};
const batchSize = positive('batch', values.batch, true);
const historyAfterDays = positive('history-after-days', values['history-after-days'], false);
const clockSkewSeconds = positive('clock-skew', values['clock-skew'], false);
const writersRaw = values.writers;

let mapping: ReturnType<typeof importMapping.parse>;
let size: number;
try {
  mapping = importMapping.parse(JSON.parse(readFileSync(values.mapping, 'utf8')));
  size = statSync(file).size;
} catch (error) {
  fail(
    error instanceof ZodError
      ? `bad mapping ${values.mapping}: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`
      : `cannot read ${error instanceof Error ? error.message : String(error)}`,
  );
}

const reportPath = values.report ?? `${file}.refused.csv`;
const refusedOut = createWriteStream(reportPath, { encoding: 'utf8' });
refusedOut.write('row,service_request_id,reason,refused_before\n');
const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const input = createReadStream(file);
const handle = await openDb();
// Two writers on the server database (both cores of a small server), one on the embedded one.
const writers =
  writersRaw === undefined ? (handle.engine === 'server' ? 2 : 1) : positive('writers', writersRaw, true);
const t0 = performance.now();
let lastLine = 0;
const int = (n: number) => n.toLocaleString('en-US');
const clock = (s: number) =>
  `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

function progressLine(p: ImportProgress, final: boolean): string {
  const seconds = (performance.now() - t0) / 1000;
  const rate = p.read / Math.max(seconds, 1e-3);
  const share = size > 0 ? Math.min(1, input.bytesRead / size) : 1;
  const eta = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
  const counts = `loaded ${int(p.loaded)} (history ${int(p.history)}, live ${int(p.live)}), skipped ${int(p.skipped)}, refused ${int(p.refused)}${p.refusedBefore ? ` (${int(p.refusedBefore)} refused before)` : ''}, clamped ${int(p.clamped)}`;
  const ms = (phase: keyof ImportProgress['ms']) => `${phase} ${(p.ms[phase] / 1000).toFixed(1)} s`;
  return final
    ? `done in ${seconds.toFixed(1)} s, ${int(Math.round(rate))} rows/s: ${int(p.read)} read, ${counts}; ` +
        `${ms('read')}, ${ms('write')}, ${ms('workflow')}, ${ms('link')}`
    : `${int(p.read)} rows (${(share * 100).toFixed(1)} %), ${counts}; ${int(Math.round(rate))} rows/s, ETA ${Number.isFinite(eta) ? clock(eta) : '?'}`;
}

try {
  console.log(
    `import: ${file} (${format}, ${(size / 1e6).toFixed(1)} MB) into ${handle.location}, --as ${as}, batches of ${batchSize}, ${writers} writer${writers > 1 ? 's' : ''}; refused rows → ${reportPath}`,
  );
  const report = await importRequests(handle.db, readSourceStream(input, format, mapping), mapping, {
    batchSize,
    as,
    historyAfterDays,
    clockSkewSeconds,
    link: values.link,
    dryRun: values['dry-run'],
    writers,
    onRefused: async (r) => {
      if (!refusedOut.write(`${r.row},${cell(r.sourceId)},${cell(r.reason)},${r.before ? 'yes' : 'no'}\n`))
        await once(refusedOut, 'drain');
    },
    onBatch: (p) => {
      const t = performance.now();
      if (t - lastLine >= 2000) {
        lastLine = t;
        console.log(`import: ${progressLine(p, false)}`);
      }
    },
  });
  console.log(`import: ${progressLine(report, true)}`);
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  console.log(
    `import: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap now ${(mem.heapUsed / 1e6).toFixed(0)} MB, importer CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
  if (values['dry-run']) console.log('import: dry run: nothing was written');
  else if (!values.link && report.loaded - report.live > 0)
    console.log(
      `import: to link the imported complaints to their buildings and facilities: npm run link:complaints -- --after ${report.afterId}`,
    );
  const fresh = report.refused - report.refusedBefore;
  if (report.read === 0) {
    console.error('import: no requests in the file');
    process.exitCode = 1;
  } else if (fresh > 0) {
    console.log(`import: ${int(fresh)} rows refused for the first time: see ${reportPath}`);
    process.exitCode = 2;
  } else process.exitCode = 0;
} catch (error) {
  console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  if (!(error instanceof ImportFileError) && !/mapping names unknown/.test(String(error)))
    console.error(error);
} finally {
  refusedOut.end();
  await once(refusedOut, 'finish');
  await handle.close();
}
