import { describe, expect, it } from 'vitest';
import { segmentWords } from './segment';
import { wordSetCosine } from './text-similarity';

describe('wordSetCosine', () => {
  it('scores two reports of one outage high, an unrelated report low', () => {
    const a = segmentWords('韭菜坪村停水三天了，蓄水池干了，没有水喝');
    const b = segmentWords('我们村蓄水池干了，停水好几天，老人没有水喝');
    const c = segmentWords('楼下烧烤店晚上噪音太大，吵得睡不着');
    expect(wordSetCosine(a, b)).toBeGreaterThan(0.4);
    expect(wordSetCosine(a, c)).toBeLessThan(0.1);
    expect(wordSetCosine(a, a)).toBeCloseTo(1);
    expect(wordSetCosine(a, [])).toBe(0);
  });
});
