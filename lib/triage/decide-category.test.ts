import { describe, expect, it } from 'vitest';
import { decideCategory, familyOf } from './decide-category';
import { triageText } from './triage-text';

const t = { leaf: 0.55, family: 0.7 };

describe('decideCategory', () => {
  it('takes the level-2 category when its own probability clears the bar', () => {
    const d = decideCategory(
      [
        { label: 'SD01', probability: 0.8 },
        { label: 'SD03', probability: 0.15 },
        { label: 'ZJ01', probability: 0.05 },
      ],
      t,
    );
    expect(d).toMatchObject({ code: 'SD01', level: 2, family: 'SD' });
    expect(d.familyProbability).toBeCloseTo(0.95);
  });

  it('falls back to the family when the evidence is split between its children', () => {
    const d = decideCategory(
      [
        { label: 'WY01', probability: 0.45 },
        { label: 'WY02', probability: 0.35 },
        { label: 'ZJ02', probability: 0.2 },
      ],
      t,
    );
    expect(d).toMatchObject({ code: 'WY', level: 1 });
    expect(d.probability).toBeCloseTo(0.8);
  });

  it('abstains when neither a category nor a family is likely enough', () => {
    const d = decideCategory(
      [
        { label: 'WY01', probability: 0.4 },
        { label: 'ZJ02', probability: 0.35 },
        { label: 'CG01', probability: 0.25 },
      ],
      t,
    );
    expect(d.code).toBeNull();
    expect(d.level).toBeNull();
  });

  it('treats labels that are not category codes as flat (no family fallback)', () => {
    expect(familyOf('城乡建设')).toBe('城乡建设');
    const d = decideCategory(
      [
        { label: '城乡建设', probability: 0.5 },
        { label: '环境保护', probability: 0.5 },
      ],
      t,
    );
    expect(d.code).toBeNull();
  });
});

describe('triage with the learned suggester', () => {
  const input = {
    title: '',
    description: '门口那个事情到现在也没人管',
    categoryCode: null,
    kind: 'complaint' as const,
  };
  const suggesting = (ranked: { label: string; probability: number }[]) => () => ({
    categoryCode: ranked[0]!.label,
    probability: ranked[0]!.probability,
    evidence: ['门口'],
    ranked,
  });

  it('abstains when unsure: no category, the manual queue with "分类置信度不足" and the best guess in the reason', () => {
    const t = triageText(input, {
      suggest: suggesting([
        { label: 'CG01', probability: 0.4 },
        { label: 'WY04', probability: 0.35 },
        { label: 'JT03', probability: 0.25 },
      ]),
    });
    expect(t).toMatchObject({ categoryCode: null, categorySource: 'none', manualReason: '分类置信度不足' });
    expect(t.reason).toMatch(/分类置信度不足（最可能 CG01 40%）/);
  });

  it('takes the family when only the family is clear, and the category when it is', () => {
    const family = triageText(input, {
      suggest: suggesting([
        { label: 'WY01', probability: 0.5 },
        { label: 'WY04', probability: 0.45 },
        { label: 'CG03', probability: 0.05 },
      ]),
    });
    expect(family).toMatchObject({ categoryCode: 'WY', categorySource: 'classifier' });
    expect(family.reason).toMatch(/只能确定大类（大类置信度 95%/);
    const leaf = triageText(input, { suggest: suggesting([{ label: 'CG03', probability: 0.97 }]) });
    expect(leaf).toMatchObject({ categoryCode: 'CG03', categorySource: 'classifier' });
    expect(leaf.manualReason).toBeUndefined();
  });
});
