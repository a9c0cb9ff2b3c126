import { describe, expect, it } from 'vitest';
import { decideCategory, familyOf } from './decide-category';

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
