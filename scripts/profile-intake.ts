/**
 * Per-phase cost of one intake submission, run in-process against a seeded server database: the
 * CPU this process spends (process.cpuUsage) and the wall time (which for the statements is
 * PostgreSQL's time plus the round trip), averaged over N sequential submissions after a warm-up.
 *
 * With DATABASE_POOL_MAX=1 (set here) every statement runs on one PostgreSQL backend, whose CPU
 * (/proc/<pid>/stat, PostgreSQL on this machine) is read around each phase too.
 *
 *   DATABASE_URL=postgres://…/suqiu_x tsx --conditions=react-server scripts/profile-intake.ts [-- --n 300]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { locateForIntake, locateManyForIntake } from '../db/queries/intake';
import { countRateHits } from '../db/queries/rate-limits';
import { queryRows } from '../db/sql';
import { enforceRate, rateStore } from '../lib/http/rate-store.server';
import { submitComplaint } from '../lib/intake/submit-complaint.server';
import { readLinkText } from '../lib/linking/decide-links';
import {
  completeLinkCandidates,
  decideGatheredLinks,
  gatherLinkCandidates,
  LINK_RANGES,
} from '../lib/linking/link-complaints.server';
import { ROUTING_BOUNDARY_METERS } from '../lib/routing/route-complaint.server';
import { getReferenceData } from '../lib/workflow/get-reference-data.server';
import { planNewComplaint } from '../lib/workflow/process-new-complaint.server';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '300' }, batch: { type: 'string', default: '1' } },
});
const N = Number(values.n);
/**
 * With --batch B > 1: the group statements intake sends under load, B submissions each (the rate-limit
 * count, the locating statement, the write), and B whole submissions at once through the batchers;
 * figures per submission.
 */
const B = Number(values.batch);
process.env.DATABASE_POOL_MAX = '1';
const handle = await openDb({ migrate: false });
const db = handle.db;
const [{ pid: backend }] = (await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`)) as [
  { pid: number },
];
function backendCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
const points = await queryRows<{ lng: number; lat: number }>(
  db,
  sql`select ST_X(location) as lng, ST_Y(location) as lat from complaints where kind = 'complaint' order by random() limit 500`,
);
const description = '压力测试：小区门口的路灯坏了，晚上很黑，请尽快维修。';
const phases = new Map<string, { cpu: number; pg: number; wall: number; n: number }>();
async function phase<T>(name: string, f: () => Promise<T> | T): Promise<T> {
  const c0 = process.cpuUsage();
  const p0 = backendCpuMs();
  const t0 = performance.now();
  const r = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const e = phases.get(name) ?? { cpu: 0, pg: 0, wall: 0, n: 0 };
  e.cpu += (c.user + c.system) / 1000;
  e.pg += backendCpuMs() - p0;
  e.wall += wall;
  e.n++;
  phases.set(name, e);
  return r;
}
const run = `prof-${Date.now()}`;
if (B > 1) {
  for (const [label, rounds] of [
    ['warm', Math.max(2, Math.ceil(100 / B))],
    ['measure', Math.ceil(N / B)],
  ] as const) {
    phases.clear();
    for (let r = 0; r < rounds; r++) {
      const group = Array.from({ length: B }, (_, j) => points[(r * B + j) % points.length]!);
      const per = (name: string) => `${name} ÷ ${B}`;
      await phase(per('rate limit (1 upsert of B hits)'), () =>
        countRateHits(
          db,
          group.map((_, j) => ({
            key: `600000:profile:10.0.${j >> 8}.${j & 255}`,
            window: Math.floor(Date.now() / 600_000),
            windowMs: 600_000,
          })),
        ),
      );
      await phase(per('locate statement of B points'), () =>
        locateManyForIntake(
          db,
          group.map((p, j) => ({
            lng: p.lng,
            lat: p.lat,
            idempotencyKey: `${run}-${label}-l${r}-${j}`,
            unit: null,
            reporterBuildingId: null,
          })),
          { nearMeters: ROUTING_BOUNDARY_METERS, ranges: LINK_RANGES },
        ),
      );
      await phase(per('B whole submissions at once (batchers)'), () =>
        Promise.all(
          group.map((p, j) =>
            submitComplaint(db, {
              description,
              location: { lng: p.lng, lat: p.lat, datum: 'wgs84' },
              idempotencyKey: `${run}-${label}-b${r}-${j}`,
            }),
          ),
        ),
      );
    }
  }
  console.log(`per group of ${B}, mean of ${Math.ceil(N / B)} groups; divide by ${B} for one submission`);
  for (const [name, e] of phases)
    console.log(
      `  ${name.padEnd(48)} node ${(e.cpu / e.n / B).toFixed(3)} ms   postgres ${(e.pg / e.n / B).toFixed(3)} ms   wall ${(e.wall / e.n).toFixed(1)} ms per group`,
    );
  await handle.close();
  process.exit(0);
}
for (const [label, count] of [
  ['warm', 100],
  ['measure', N],
] as const) {
  phases.clear();
  for (let i = 0; i < count; i++) {
    const p = points[i % points.length]!;
    const title = '压力测试';
    const now = new Date();
    await phase('rate limit (1 upsert)', () =>
      enforceRate('profile:127.0.0.1', { limit: 1e9, windowMs: 600_000 }, Date.now(), rateStore(db)),
    );
    const subject = {
      title,
      description,
      address: null,
      point: { lng: p.lng, lat: p.lat },
      reporterBuildingId: null,
    };
    const text = readLinkText(subject);
    const located = await phase('locate statement (with link candidates)', () =>
      locateForIntake(db, {
        lng: p.lng,
        lat: p.lat,
        nearMeters: ROUTING_BOUNDARY_METERS,
        idempotencyKey: `${run}-${label}-${i}`,
        link: { unit: text.unit, reporterBuildingId: null, ranges: LINK_RANGES },
      }),
    );
    await phase('(many-point candidates statement, 1 point)', () => gatherLinkCandidates(db, [subject]));
    const reference = await phase('reference data (cached)', () => getReferenceData(db));
    const gathered = await completeLinkCandidates(db, [subject], [text], [located.link]);
    const plan = await phase('plan (triage + deadlines + routing)', () =>
      planNewComplaint(db, {
        complaint: { title, description, categoryCode: null, kind: 'complaint', submittedAt: now },
        villages: located.villages,
        reference,
      }),
    );
    await phase('decide links', () =>
      decideGatheredLinks(
        [{ ...subject, categoryCode: plan.triage.categoryCode }],
        gathered,
        reference.gazetteer,
      ),
    );
    await phase('whole submitComplaint (one by one)', () =>
      submitComplaint(db, {
        description,
        location: { lng: p.lng, lat: p.lat, datum: 'wgs84' },
        idempotencyKey: `${run}-${label}-s${i}`,
      }),
    );
  }
}
console.log(
  `per submission, mean of ${N} (sequential; node: this process's CPU, postgres: its backend's CPU; wall includes the round trip)`,
);
for (const [name, e] of phases)
  console.log(
    `  ${name.padEnd(40)} node ${(e.cpu / e.n).toFixed(3)} ms   postgres ${(e.pg / e.n).toFixed(3)} ms   wall ${(e.wall / e.n).toFixed(3)} ms`,
  );
await handle.close();
