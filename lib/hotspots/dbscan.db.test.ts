/**
 * The in-process DBSCAN (grid index) gives the clusters `ST_ClusterDBSCAN` gives on the demo city:
 * - in id order (`over (order by id)`): the same partition, border points included;
 * - in the database's own order (`over ()`, the query this replaced): the same core points in the
 *   same clusters, the same noise, and each border point in a cluster that has a core point within eps
 *   of it (PostGIS gives a border point reachable from two clusters to the first core point, in input
 *   order, that reaches it);
 * - through `listClusters`: the same answer from both engines, cluster by cluster.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { listClusterPoints } from '@/db/queries/clusters';
import { type ComplaintFilter, complaintFilterSql, inDivision } from '@/db/queries/hotspots';
import { queryRows } from '@/db/sql';
import { createSeededTestDb } from '@/db/testing/test-db';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { dbscan } from './dbscan';
import type { Cluster } from './hotspots.types';
import { listClusters } from './list-clusters.server';

let handle: DbHandle;
const now = new Date('2026-11-20T10:00:00+08:00');
const CITY = '510400000000';
const leader: AuthUser = {
  id: 1,
  username: 'l',
  displayName: 'l',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: CITY, divisionLevel: 'city' },
  jurisdictionName: null,
};
const daysBack = (days: number): ComplaintFilter => ({
  from: new Date(now.getTime() - days * 86_400_000),
  to: now,
});

beforeAll(async () => {
  // The same city as the other files seeding 4 000 complaints: seeded once per test run.
  handle = await createSeededTestDb({ scale: 0.01, complaints: 4000, now });
}, 300_000);
afterAll(async () => {
  await handle?.close();
});

const cases: { name: string; eps: number; minPoints: number; filter: ComplaintFilter; division?: string }[] =
  [
    { name: 'eps 50 m, min 10, 12 months', eps: 50, minPoints: 10, filter: daysBack(365) },
    { name: 'eps 100 m, min 20, 3 months', eps: 100, minPoints: 20, filter: daysBack(91) },
    { name: 'eps 200 m, min 5, 1 month', eps: 200, minPoints: 5, filter: daysBack(30) },
    { name: 'eps 300 m, min 3, 3 months', eps: 300, minPoints: 3, filter: daysBack(91) },
    { name: 'eps 25 m, min 2, 6 months', eps: 25, minPoints: 2, filter: daysBack(182) },
    { name: 'eps 80 m, min 6, everything', eps: 80, minPoints: 6, filter: {} },
    {
      name: 'eps 150 m, min 4, 物业, a county',
      eps: 150,
      minPoints: 4,
      filter: { categories: ['WY'] },
      division: '510402000000',
    },
  ];

/** PostGIS's label per complaint id (null: noise), in the given window order. */
async function postgisLabels(c: (typeof cases)[number], order: 'id' | 'none') {
  const rows = await queryRows<{ id: number; cluster: number | null }>(
    handle.db,
    sql`select complaints.id::float8 as id,
          ST_ClusterDBSCAN(complaints.location_m, eps => ${c.eps}::float8, minpoints => ${c.minPoints}::int)
            over (${order === 'id' ? sql`order by complaints.id` : sql``}) as cluster
        from complaints
        where ${complaintFilterSql(c.filter)} and (${complaintScope(leader)}) and ${inDivision(c.division ?? CITY)}`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.cluster]));
}

async function ours(c: (typeof cases)[number]) {
  const points = await listClusterPoints(handle.db, {
    divisionCode: c.division ?? CITY,
    filter: c.filter,
    scope: complaintScope(leader),
  });
  return { points, result: await dbscan(points.xs, points.ys, c.eps, c.minPoints) };
}

describe('DBSCAN on a grid index = ST_ClusterDBSCAN on the demo city', () => {
  let contested = 0;
  let borders = 0;
  let withClusters = 0;

  it.each(cases)('$name: the same partition as ST_ClusterDBSCAN in id order', async (c) => {
    const { points, result } = await ours(c);
    const theirs = await postgisLabels(c, 'id');
    expect(theirs.size).toBe(points.ids.length);
    const map = new Map<number, number>();
    const back = new Map<number, number>();
    for (let p = 0; p < points.ids.length; p++) {
      const t = theirs.get(points.ids[p]!) ?? null;
      const o = result.labels[p]!;
      expect(t === null ? -1 : (map.get(t) ?? o), `complaint ${points.ids[p]}`).toBe(t === null ? -1 : o);
      if (t !== null) {
        map.set(t, o);
        expect(back.get(o) ?? t).toBe(t);
        back.set(o, t);
      }
    }
    expect(map.size).toBe(result.clusters);
    if (result.clusters > 0) withClusters++;
  });

  it.each(cases)(
    '$name: the same cores and noise as ST_ClusterDBSCAN in scan order, borders valid',
    async (c) => {
      const { points, result } = await ours(c);
      const theirs = await postgisLabels(c, 'none');
      const n = points.ids.length;
      // Core points from the database: at least minPoints complaints (itself included) within eps.
      const cores = await queryRows<{ id: number }>(
        handle.db,
        sql`with w as (select complaints.id, complaints.location_m from complaints
            where ${complaintFilterSql(c.filter)} and (${complaintScope(leader)}) and ${inDivision(c.division ?? CITY)})
          select a.id::float8 as id from w a join w b on ST_DWithin(a.location_m, b.location_m, ${c.eps}::float8)
          group by a.id having count(*) >= ${c.minPoints}::int`,
      );
      const coreIds = new Set(cores.map((r) => Number(r.id)));
      const near = (p: number, q: number) =>
        Math.hypot(points.xs[p]! - points.xs[q]!, points.ys[p]! - points.ys[q]!) <= c.eps;
      const map = new Map<number, number>();
      for (let p = 0; p < n; p++) {
        expect(result.core[p], `core ${points.ids[p]}`).toBe(
          n > c.minPoints && coreIds.has(points.ids[p]!) ? 1 : 0,
        );
        const t = theirs.get(points.ids[p]!) ?? null;
        expect(t === null, `noise ${points.ids[p]}`).toBe(result.labels[p] === -1);
        if (result.core[p] && t !== null) {
          expect(map.get(t) ?? result.labels[p]).toBe(result.labels[p]);
          map.set(t, result.labels[p]!);
        }
      }
      // Borders: PostGIS's cluster for each holds a core point within eps of it.
      const coreOf = new Map<number, number[]>();
      for (let p = 0; p < n; p++) {
        if (!result.core[p]) continue;
        const list = coreOf.get(result.labels[p]!) ?? [];
        list.push(p);
        coreOf.set(result.labels[p]!, list);
      }
      for (let p = 0; p < n; p++) {
        if (result.core[p] || result.labels[p] === -1) continue;
        borders++;
        const t = theirs.get(points.ids[p]!)!;
        const reach = new Set<number>();
        for (const [label, list] of coreOf) if (list.some((q) => near(q, p))) reach.add(label);
        if (reach.size > 1) contested++;
        expect(reach.has(map.get(t)!), `border ${points.ids[p]}`).toBe(true);
      }
    },
  );

  it('met clusters and border points on the way (so the comparisons were not vacuous)', () => {
    expect(withClusters).toBeGreaterThanOrEqual(cases.length - 2);
    expect(borders).toBeGreaterThan(0);
    console.info(`border points: ${borders}, reachable from two clusters: ${contested}`);
  });

  it.each(cases)('$name: listClusters answers the same from both engines', async (c) => {
    const request = { divisionCode: c.division, epsM: c.eps, minPoints: c.minPoints, filter: c.filter };
    const grid = await listClusters(handle.db, leader, request);
    const postgis = await listClusters(handle.db, leader, { ...request, engine: 'postgis' });
    expect(grid.parameters).toEqual(postgis.parameters);
    expect(grid.clusters.length).toBe(postgis.clusters.length);
    // Labels differ (PostGIS numbers by union-find roots); compare cluster by cluster, matched by content.
    const key = (x: Cluster) => JSON.stringify({ ...x, cluster: undefined });
    expect(grid.clusters.map(key).sort()).toEqual(postgis.clusters.map(key).sort());
    expect(grid.clusters.map((x) => x.count)).toEqual(postgis.clusters.map((x) => x.count));
    // Labels number clusters by their first complaint id, 0 … k − 1.
    expect(new Set(grid.clusters.map((x) => x.cluster)).size).toBe(grid.clusters.length);
  });
});
