import { describe, expect, it } from 'vitest';
import {
  assessmentWeightsSchema,
  assessOffices,
  redBlackBoard,
  weightedScore,
  weightsOrDefault,
} from './assessment';
import { DEFAULT_ASSESSMENT_WEIGHTS } from './definitions';

const office = (id: number, reply: [number, number], onTime: [number, number], sat: [number, number]) => ({
  officeId: id,
  officeName: `单位${id}`,
  tier: 'town',
  response: { numerator: reply[0], denominator: reply[1] },
  resolution: { numerator: onTime[0], denominator: onTime[1] },
  satisfaction: { numerator: sat[0], denominator: sat[1] },
});

describe('weightedScore', () => {
  it('30/35/35 by default: 100, 80, 90 → 30 + 28 + 31.5', () => {
    expect(
      weightedScore({ response: 100, resolution: 80, satisfaction: 90 }, DEFAULT_ASSESSMENT_WEIGHTS),
    ).toBeCloseTo(89.5, 9);
  });
  it('a rate without data passes its weight on in proportion', () => {
    // resolution 0 and satisfaction 100, 35:35 → 50
    expect(
      weightedScore({ response: null, resolution: 0, satisfaction: 100 }, DEFAULT_ASSESSMENT_WEIGHTS),
    ).toBe(50);
    expect(
      weightedScore({ response: null, resolution: null, satisfaction: null }, DEFAULT_ASSESSMENT_WEIGHTS),
    ).toBeNull();
    // the only rate with data weighs 0: no score
    expect(
      weightedScore(
        { response: 80, resolution: null, satisfaction: null },
        { response: 0, resolution: 50, satisfaction: 50 },
      ),
    ).toBeNull();
  });
});

describe('weights', () => {
  it('accept non-negative weights summing to 100, refuse others', () => {
    expect(
      assessmentWeightsSchema.safeParse({ response: 20, resolution: 40, satisfaction: 40 }).success,
    ).toBe(true);
    expect(assessmentWeightsSchema.safeParse({ response: 0, resolution: 0, satisfaction: 100 }).success).toBe(
      true,
    );
    expect(
      assessmentWeightsSchema.safeParse({ response: 30, resolution: 35, satisfaction: 30 }).success,
    ).toBe(false);
    expect(
      assessmentWeightsSchema.safeParse({ response: -10, resolution: 55, satisfaction: 55 }).success,
    ).toBe(false);
    expect(assessmentWeightsSchema.safeParse({ response: 30, resolution: 35 }).success).toBe(false);
  });
  it('fall back to the documented default 30/35/35', () => {
    expect(weightsOrDefault(undefined)).toEqual({ response: 30, resolution: 35, satisfaction: 35 });
    expect(weightsOrDefault({ response: 90, resolution: 90, satisfaction: 90 })).toEqual(
      DEFAULT_ASSESSMENT_WEIGHTS,
    );
    expect(weightsOrDefault({ response: 50, resolution: 25, satisfaction: 25 })).toEqual({
      response: 50,
      resolution: 25,
      satisfaction: 25,
    });
  });
});

describe('assessOffices and the 红黑榜', () => {
  const offices = [
    office(1, [1, 1], [1, 1], [1, 1]), // 100, but one case only
    office(2, [9, 10], [8, 10], [9, 10]), // 90·.3 + 80·.35 + 90·.35 = 86.5
    office(3, [5, 10], [5, 10], [5, 10]), // 50
    office(4, [10, 10], [10, 10], [9, 10]), // 30 + 35 + 31.5 = 96.5
    office(5, [2, 10], [3, 10], [4, 10]), // 6 + 10.5 + 14 = 30.5
    office(6, [0, 0], [0, 0], [0, 0]), // no data
    office(7, [5, 10], [5, 10], [5, 10]), // 50, same as 3
  ];

  it('rank by score; a one-case office is ranked but not eligible; no data: no rank', () => {
    const a = assessOffices(offices, DEFAULT_ASSESSMENT_WEIGHTS, 5);
    expect(a.map((o) => o.officeId)).toEqual([1, 4, 2, 3, 7, 5, 6]);
    expect(a.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6, null]);
    expect(a[0]).toMatchObject({ score: 100, cases: 1, eligible: false });
    expect(a.find((o) => o.officeId === 2)!.score).toBeCloseTo(86.5, 9);
    expect(a.find((o) => o.officeId === 6)).toMatchObject({ score: null, eligible: false });
  });

  it('top and bottom lists from eligible offices only, worst first on the black list, no overlap', () => {
    const a = assessOffices(offices, DEFAULT_ASSESSMENT_WEIGHTS, 5);
    const board = redBlackBoard(a, 2);
    expect(board.red.map((o) => o.officeId)).toEqual([4, 2]);
    expect(board.black.map((o) => o.officeId)).toEqual([5, 7]);
    const small = redBlackBoard(a, 5); // 5 eligible: 3 red, 2 black
    expect(small.red.map((o) => o.officeId)).toEqual([4, 2, 3]);
    expect(small.black.map((o) => o.officeId)).toEqual([5, 7]);
  });

  it('other weights change the order', () => {
    const a = assessOffices([offices[1]!, offices[3]!], { response: 0, resolution: 0, satisfaction: 100 }, 5);
    // both 90 satisfaction: tie broken by cases (equal) then name
    expect(a.map((o) => o.score)).toEqual([90, 90]);
    expect(a.map((o) => o.officeId)).toEqual([2, 4]);
  });
});
