/**
 * Per-capita rates and silent areas on a real PostGIS: the fixture city's registry filled to a few
 * thousand residents per village, a year of complaints at ordinary rates (西区 urban villages ~300 per
 * 10,000, 东区 ~600), one 西区 village where almost nobody reports. The silent village is found against
 * its own county's urban villages; no other village is, though every 西区 village is far below 东区; the
 * lone rural village has no comparable and is not tested; misconduct reports never count.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { buildWorkflowWorld, insertCase, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';
import { getPerCapita } from './get-per-capita.server';

vi.mock('server-only', () => ({}));

const SILENT = '510403004001'; // 陶家渡社区
const XIQU_URBAN = ['510403001001', '510403002001', '510403003001', '510403004001', '510403006001'];
const DONGQU_URBAN = ['510402001002', '510402001004', '510402002001', '510402002002'];
const RESIDENTS = 2000;
let handle: DbHandle;
let world: WorkflowWorld;
const cityLeader: AuthUser = {
  id: 0,
  username: 'city',
  displayName: 'city',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: null,
};
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

async function fillRegistry(village: string, residents: number) {
  await handle.db.execute(sql`insert into persons (household_id, name, gender, birth_year)
    select h.id, '住户', 'M', 1980
    from (select h.id from households h join buildings b on b.id = h.building_id join grids g on g.id = b.grid_id
          where g.village_code = ${village} order by h.id) h
    cross join generate_series(1, ${residents}) k
    where k <= ${residents} / (select count(*) from households h2 join buildings b2 on b2.id = h2.building_id
                               join grids g2 on g2.id = b2.grid_id where g2.village_code = ${village})`);
}

async function complaintsIn(village: string, n: number) {
  for (let i = 0; i < n; i++)
    await insertCase(handle.db, {
      status: 'received',
      villageCode: village,
      submittedAt: new Date(Date.UTC(2026, i % 12, 1 + (i % 27), 3)),
    });
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const counts = [58, 66, 61, 4, 55]; // per 2,000 residents a year; the 4th village is silent (expected ≈ 60)
  for (const [i, v] of XIQU_URBAN.entries()) {
    await fillRegistry(v, RESIDENTS);
    await complaintsIn(v, counts[i]!);
  }
  for (const v of DONGQU_URBAN) {
    await fillRegistry(v, RESIDENTS);
    await complaintsIn(v, 120);
  }
  // The lone rural village of 西区: quiet, but with no comparable village it is not judged.
  await fillRegistry('510403100201', 500);
  await complaintsIn('510403100201', 2);
  // Misconduct reports are not complaints about the area's services: they never count.
  const m = await insertCase(handle.db, {
    status: 'received',
    villageCode: SILENT,
    submittedAt: new Date('2026-05-05T03:00:00Z'),
  });
  await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${m}`);
}, 300_000);

afterAll(async () => {
  await handle?.close();
});

describe('per-capita rates and silent areas', () => {
  it('finds the silent village against its own county and type, and no other', async () => {
    const r = await getPerCapita(handle.db, cityLeader, { areaCode: null, ...PERIOD });
    expect(r.silentVillages.map((v) => v.code)).toEqual([SILENT]);
    const s = r.silentVillages[0]!;
    expect(s.complaints).toBe(4);
    expect(s.residents).toBeGreaterThanOrEqual(RESIDENTS * 0.9);
    expect(s.expected).toBeGreaterThan(50);
    expect(s.group).toEqual({ county: '西区', type: 'urban' });
    expect(s.q).toBeLessThan(0.001);
    // Grids: one per village here, so the same finding.
    expect(r.silentGrids.map((g) => g.parent)).toEqual([expect.stringContaining('陶家渡')]);
    // Rates per county, with the registry's residents.
    const xiqu = r.children.find((c) => c.code === XIQU)!;
    expect(xiqu.residents).toBeGreaterThan(5 * RESIDENTS * 0.9);
    expect(xiqu.per10k).toBeCloseTo((xiqu.complaints / xiqu.residents) * 10_000, 6);
    expect(r.children[0]!.code).toBe('510402000000'); // 东区 first: the highest rate
  });

  it('reads the same within a county, and stays silent when every village reports', async () => {
    const county = await getPerCapita(handle.db, world.users.leader, { areaCode: XIQU, ...PERIOD });
    expect(county.silentVillages.map((v) => v.code)).toEqual([SILENT]);
    expect(county.children.map((c) => c.level).every((l) => l === 'town')).toBe(true);
    // A period before any complaint: nobody reported anywhere, so nobody is quieter than the rest.
    const empty = await getPerCapita(handle.db, world.users.leader, {
      areaCode: XIQU,
      from: '2025-01-01',
      to: '2025-06-30',
    });
    expect(empty.silentVillages).toEqual([]);
    expect(empty.total.complaints).toBe(0);
  });

  it('is for inspectors and leaders of the area only', async () => {
    await expect(
      getPerCapita(handle.db, world.users.handler, { areaCode: XIQU, ...PERIOD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      getPerCapita(handle.db, world.users.otherInspector, { areaCode: XIQU, ...PERIOD }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
