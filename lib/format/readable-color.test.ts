import { describe, expect, it } from 'vitest';
import { contrastRatio, readableTagColor } from './readable-color';

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('readableTagColor', () => {
  it('darkens light data colours until they read at 4.5:1 on white', () => {
    for (const c of ['#fadb14', '#52c41a', '#13c2c2', '#fa8c16', '#a0d911', '#8c8c8c', '#1677ff']) {
      const out = readableTagColor(c);
      expect(out).not.toBe(c);
      expect(contrastRatio(rgb(out), [255, 255, 255])).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('keeps a colour that already reads, its hue, and preset names', () => {
    expect(readableTagColor('#820014')).toBe('#820014');
    expect(readableTagColor('red')).toBe('red');
    const [r, g, b] = rgb(readableTagColor('#52c41a'));
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
  });
  it('reads rgb() colours', () => {
    expect(readableTagColor('rgb(212, 136, 6)')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
