import { describe, expect, it } from 'vitest';
import { changeDirection, formatChange } from './indicator-values';

describe('a change as printed', () => {
  it('never prints −0.0 under a ▼: a change too small to show is ±0.0 with no arrow', () => {
    const tiny = { absolute: -0.03, relative: -0.0004 };
    expect(formatChange('percent', tiny, 'zh')).toBe('±0.0 个百分点');
    expect(changeDirection('percent', tiny)).toBe(0);
    expect(formatChange('count', tiny, 'zh')).toBe('±0.0%');
    expect(changeDirection('count', tiny)).toBe(0);
  });
  it('signs and arrows follow the rounded figure', () => {
    expect(formatChange('percent', { absolute: -0.06, relative: null }, 'zh')).toBe('−0.1 个百分点');
    expect(changeDirection('percent', { absolute: -0.06, relative: null })).toBe(-1);
    expect(formatChange('count', { absolute: 12, relative: 0.1234 }, 'en')).toBe('+12.3%');
    expect(changeDirection('count', { absolute: 12, relative: 0.1234 })).toBe(1);
    expect(formatChange('count', { absolute: 3, relative: null })).toBe('—');
    expect(formatChange('count', null)).toBe('—');
  });
});
