import { describe, expect, it } from 'vitest';
import { isWithinDivision } from './division-code';

describe('division codes', () => {
  it('nest by prefix', () => {
    expect(isWithinDivision('510403001002', '510403000000', 'county')).toBe(true);
    expect(isWithinDivision('510403000000', '510403000000', 'county')).toBe(true);
    expect(isWithinDivision('510402001002', '510403000000', 'county')).toBe(false);
    expect(isWithinDivision('510422211209', '510400000000', 'city')).toBe(true);
    expect(isWithinDivision('510403001002', '510403001000', 'town')).toBe(true);
    expect(isWithinDivision('510403002002', '510403001000', 'town')).toBe(false);
    expect(isWithinDivision('5104', '510400000000', 'city')).toBe(false);
  });
});
