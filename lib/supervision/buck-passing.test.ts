import { describe, expect, it } from 'vitest';
import { analyzeBuckPassing, type BounceCase, bouncingLetterDraft } from './buck-passing';

const bounce = (
  complaintId: number,
  from: number,
  to: number,
  type: 'returned' | 'transferred' = 'returned',
) => ({
  complaintId,
  type,
  at: '2026-10-01T02:00:00Z',
  reason: '不属于本单位职责',
  fromOfficeId: from,
  toOfficeId: to,
});

/** 40 offices receiving 50 cases each, 2 % bounced at random; office 7 and 8 pass 12 cases back and forth. */
function world() {
  const cases: BounceCase[] = [];
  let id = 1;
  for (let office = 1; office <= 40; office++) {
    cases.push({
      complaintId: id,
      category: 'SD',
      townCode: `T${office % 5}`,
      bounces: [bounce(id, office, 99)],
    });
    id++;
  }
  for (let k = 0; k < 12; k++) {
    cases.push({
      complaintId: id,
      category: 'SL',
      townCode: 'T9',
      bounces: [bounce(id, 7, 8), bounce(id, 8, 7, 'transferred'), bounce(id, 7, 8)],
    });
    id++;
  }
  const officeVolumes = Array.from({ length: 40 }, (_, i) => ({ officeId: i + 1, received: 50 }));
  const comboVolumes = [
    ...Array.from({ length: 5 }, (_, i) => ({ category: 'SD', townCode: `T${i}`, cases: 300 })),
    { category: 'SL', townCode: 'T9', cases: 20 },
  ];
  return { cases, officeVolumes, comboVolumes };
}

describe('buck-passing detector', () => {
  it('finds the cases bounced twice or more, the back-and-forth pair and the offices behind it', () => {
    const a = analyzeBuckPassing(world());
    expect(a.bouncingCases).toHaveLength(12);
    expect(a.bouncingCases[0]!.bounces).toHaveLength(3);
    expect(a.pairs[0]).toMatchObject({
      a: 7,
      b: 8,
      aToB: 24,
      bToA: 12,
      backAndForth: true,
      backAndForthCases: 12,
    });
    expect(a.pairs.slice(1).every((p) => !p.backAndForth)).toBe(true);
    expect(
      a.offices
        .slice(0, 2)
        .map((o) => o.officeId)
        .sort(),
    ).toEqual([7, 8]);
    expect(a.offices[0]!.q).toBeLessThan(0.01);
    // Offices with their one ordinary bounce in 50 are not significant.
    expect(a.offices.find((o) => o.officeId === 20)!.q).toBeGreaterThan(0.5);
    expect(a.combos[0]).toMatchObject({ category: 'SL', townCode: 'T9', bouncedCases: 12 });
    expect(a.combos[0]!.q).toBeLessThan(0.01);
  });

  it('calls a pair back-and-forth only when one case went both ways', () => {
    const a = analyzeBuckPassing({
      cases: [
        { complaintId: 1, category: 'SD', townCode: 'T1', bounces: [bounce(1, 3, 4)] },
        { complaintId: 2, category: 'SD', townCode: 'T1', bounces: [bounce(2, 4, 3)] },
      ],
      officeVolumes: [],
      comboVolumes: [],
    });
    expect(a.pairs).toHaveLength(1);
    expect(a.pairs[0]).toMatchObject({ aToB: 1, bToA: 1, backAndForth: false, backAndForthCases: 0 });
  });

  it('stays quiet when every office bounces at the same low rate', () => {
    const w = world();
    const a = analyzeBuckPassing({ ...w, cases: w.cases.slice(0, 40) });
    expect(a.bouncingCases).toEqual([]);
    expect(a.offices.every((o) => o.q > 0.05)).toBe(true);
    expect(a.pairs.every((p) => !p.backAndForth)).toBe(true);
  });

  it('drafts a letter listing each return with its date, offices and reason', () => {
    const text = bouncingLetterDraft({
      trackingCode: 'A5VFSMLZ',
      title: '村里停水',
      bounces: [bounce(1, 7, 8), bounce(1, 8, 7, 'transferred')],
      officeName: (id) => (id === 7 ? '水利局' : id === 8 ? '乡政府' : '平台'),
      responsibleOfficeName: '水利局',
    });
    expect(text).toContain('已被退回或转办 2 次');
    expect(text).toContain('1. 2026年10月1日，水利局退单，转至乡政府，理由：“不属于本单位职责”');
    expect(text).toContain('2. 2026年10月1日，乡政府转办，转至水利局');
    expect(text).toContain('请水利局');
  });
});
