import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import type { WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { computeAssessment, getAssessmentWeights, setAssessmentWeights } from './assessment.server';
import { assessmentTable } from './tables.server';
import { errorCode, openStatsWorld, STATS_NOW } from './testing/stats-fixture';

let handle: DbHandle;
let world: WorkflowWorld;

beforeAll(async () => {
  ({ handle, world } = await openStatsWorld());
});
afterAll(async () => {
  await handle?.close();
});

describe('三率考核 for January 2026 (testing/stats-fixture.ts)', () => {
  it('scores health, water and the town government by hand-computed rates', async () => {
    const a = await computeAssessment(handle.db, world.users.leader, { month: '2026-01', now: STATS_NOW });
    expect(a.weights).toEqual({ response: 30, resolution: 35, satisfaction: 35 });
    expect(a.offices.map((o) => o.officeId)).toEqual([
      world.offices.health,
      world.offices.water,
      world.offices.townGov,
    ]);
    const [health, water, town] = a.offices;
    // health: reply A D G K 4/4; on time A K of A G K 2/3; satisfied A of A D 1/2
    expect(health!.score).toBeCloseTo(0.3 * 100 + 0.35 * (200 / 3) + 0.35 * 50, 9);
    expect(health).toMatchObject({
      rank: 1,
      cases: 4,
      responseRate: 100,
      satisfactionRate: 50,
      eligible: false,
    });
    // water (C): no first reply in January; on time 0/1; satisfied 1/1 → (0 + 100) / 2
    expect(water).toMatchObject({ rank: 2, score: 50, responseRate: null, cases: 1 });
    // town government (H): reply 0/1 only
    expect(town).toMatchObject({ rank: 3, score: 0, resolutionRate: null, satisfactionRate: null });
    // nobody has 5 assessed cases: the lists stay empty rather than crown a one-case office
    expect([a.red, a.black]).toEqual([[], []]);
  });

  it('admins change the weights (validated, stored), and the scores follow', async () => {
    expect(
      await errorCode(
        setAssessmentWeights(handle.db, world.users.leader, {
          response: 40,
          resolution: 30,
          satisfaction: 30,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await errorCode(
        setAssessmentWeights(handle.db, world.users.admin, {
          response: 40,
          resolution: 30,
          satisfaction: 20,
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      await errorCode(
        setAssessmentWeights(handle.db, world.users.admin, {
          response: -5,
          resolution: 55,
          satisfaction: 50,
        }),
      ),
    ).toBe('VALIDATION');
    expect(await getAssessmentWeights(handle.db)).toEqual({ response: 30, resolution: 35, satisfaction: 35 });
    await setAssessmentWeights(handle.db, world.users.admin, {
      response: 0,
      resolution: 0,
      satisfaction: 100,
    });
    expect(await getAssessmentWeights(handle.db)).toEqual({ response: 0, resolution: 0, satisfaction: 100 });
    const a = await computeAssessment(handle.db, world.users.leader, { month: '2026-01', now: STATS_NOW });
    // satisfaction only: water 100, health 50, town government no score
    expect(a.offices.map((o) => [o.officeId, o.score])).toEqual([
      [world.offices.water, 100],
      [world.offices.health, 50],
      [world.offices.townGov, null],
    ]);
    const table = await assessmentTable(handle.db, world.users.leader, { month: '2026-01', now: STATS_NOW });
    expect(table.columns.map((c) => c.header)).toContain('满意率(%) 权重100');
    expect(table.rows[0]).toMatchObject({ rank: 1, score: 100, cases: 1, eligible: '否（件数不足）' });
    await setAssessmentWeights(handle.db, world.users.admin, {
      response: 30,
      resolution: 35,
      satisfaction: 35,
    });
  });

  it('a bad month is VALIDATION; handlers may not read it', async () => {
    expect(await errorCode(computeAssessment(handle.db, world.users.leader, { month: '2026-13' }))).toBe(
      'VALIDATION',
    );
    expect(await errorCode(computeAssessment(handle.db, world.users.handler, { month: '2026-01' }))).toBe(
      'FORBIDDEN',
    );
  });
});
