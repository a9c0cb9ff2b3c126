/**
 * On the demo city, the analyses find the three patterns the generator plants (db/seed/README.md):
 * the hot compounds as a Gi* hot spot, the 盐边县 village's water burst as a new/consecutive hot
 * spot, and the 6 community health centres of 西区 as a cross-entity clue pointing to the district
 * health bureau.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createSeededTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { detectFindings } from '@/lib/clues/detect-findings.server';
import type { FacilityTestEvidence } from '@/lib/clues/facility-findings';
import { computeEmergingHotspots } from './compute-emerging.server';
import { computeHotspots } from './compute-hotspots.server';

let handle: DbHandle;
const now = new Date('2026-11-20T10:00:00+08:00');
const inspector = (code: string, level: 'city' | 'county'): AuthUser => ({
  id: 1,
  username: 'i',
  displayName: 'i',
  role: 'inspector',
  jurisdiction: { kind: 'division', divisionCode: code, divisionLevel: level },
  jurisdictionName: null,
});

beforeAll(async () => {
  // The same city as the other files seeding 4 000 complaints: seeded once per test run.
  handle = await createSeededTestDb({ scale: 0.01, complaints: 4000, now });
}, 240_000);
afterAll(async () => {
  await handle?.close();
});

describe('the planted patterns of the demo city', () => {
  it('finds the hot compounds as 物业 hot spots (Gi*, FDR)', async () => {
    const compounds = await queryRows<{ county: string; i: number; j: number }>(
      handle.db,
      sql`select (c.evidence ->> 'facilityId')::int as id, left(f.division_code, 6) || '000000' as county,
            floor(ST_X(ST_Transform(f.location, 4543)) / 500)::int as i, floor(ST_Y(ST_Transform(f.location, 4543)) / 500)::int as j
          from clues c join facilities f on f.id = (c.evidence ->> 'facilityId')::int where c.kind = 'property_hotspot'`,
    );
    expect(compounds.length).toBeGreaterThanOrEqual(3);
    let hot = 0;
    for (const c of compounds) {
      const result = await computeHotspots(handle.db, inspector('510400000000', 'city'), {
        divisionCode: c.county,
        cellSize: 500,
        shape: 'square',
        fdr: true,
        filter: { categories: ['WY'], from: new Date(now.getTime() - 365 * 86_400_000), to: now },
      });
      const cell = result.cells.find((x) => x.i === c.i && x.j === c.j);
      if (cell && cell.bin >= 2) hot++;
    }
    expect(hot).toBeGreaterThanOrEqual(compounds.length - 1);
  });

  it('finds the village water burst as a new or consecutive hot spot, as of the burst', async () => {
    const burst = await queryRow<{ village: string; until: string; x: number; y: number }>(
      handle.db,
      sql`select c.evidence ->> 'villageCode' as village,
            (select max(submitted_at) from complaints k join clue_complaints cc on cc.complaint_id = k.id where cc.clue_id = c.id)::text as until,
            (select avg(ST_X(ST_Transform(k.location, 4543))) from complaints k join clue_complaints cc on cc.complaint_id = k.id where cc.clue_id = c.id)::float8 as x,
            (select avg(ST_Y(ST_Transform(k.location, 4543))) from complaints k join clue_complaints cc on cc.complaint_id = k.id where cc.clue_id = c.id)::float8 as y
          from clues c where c.kind = 'burst'`,
    );
    expect(burst?.village).toMatch(/^510422/);
    const result = await computeEmergingHotspots(handle.db, inspector('510422000000', 'county'), {
      cellSize: 2000,
      months: 12,
      timeWindow: 1,
      fdr: true,
      now: new Date(new Date(burst!.until).getTime() + 86_400_000),
      filter: { categories: ['SL'] },
    });
    const cell = result.cells.find(
      (c) => c.i === Math.floor(burst!.x / 2000) && c.j === Math.floor(burst!.y / 2000),
    );
    expect(['new_hot', 'consecutive_hot', 'intensifying_hot']).toContain(cell?.pattern);
  });

  it('finds the 6 health centres of 西区 as a significant facility finding on the district health bureau', async () => {
    const { findings, parameters } = await detectFindings(handle.db, inspector('510403000000', 'county'), {
      window: { from: new Date(now.getTime() - 365 * 86_400_000), to: now },
    });
    const health = findings.find((f) => f.key.endsWith(':community_health_centre'));
    expect(health?.officeName).toBe('西区卫生健康局');
    const evidence = health!.evidence as unknown as FacilityTestEvidence;
    expect(evidence.facilitiesAffected).toBe(6);
    expect(evidence.facilitiesTotal).toBe(6);
    expect(health?.facilityIds).toHaveLength(6);
    expect(health?.topics).toEqual(expect.arrayContaining(['WJ01']));
    const wj01 = evidence.groups.find((g) => g.code === 'WJ01')!;
    // 西区 holds about half the city's centres, so by facility count at most 2× can be observed.
    expect(wj01.observed).toBeGreaterThan(1.5 * wj01.expected);
    expect(wj01.observed).toBeGreaterThan(2 * wj01.expectedByPopulation!);
    expect(wj01.q).toBeLessThan(1e-3);
    expect(evidence.samples.length).toBeGreaterThan(0);
    expect(findings[0]?.key).toBe(health?.key);
    console.info(
      `demo city, 西区卫生健康局 × community health centres (${evidence.facilitiesTotal} of ${evidence.facilitiesOfKind}, ${parameters.facilityTest.tested} groups tested):`,
      evidence.groups
        .map(
          (g) =>
            `${g.code} observed ${g.observed}/${g.total} expected ${g.expectedByFacilities} by facilities, ${g.expectedByPopulation} by residents, p ${g.p.toExponential(2)} q ${g.q.toExponential(2)}`,
        )
        .join('; '),
    );
  });
});
