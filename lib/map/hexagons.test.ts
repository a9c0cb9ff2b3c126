import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binHexagons, hexCenter, hexOf, hexPolygon, hexRadius, toUnit } from './hexagons';

const lngArb = fc.double({ min: 101, max: 102.5, noNaN: true });
const latArb = fc.double({ min: 26, max: 27.4, noNaN: true });

describe('hexagons', () => {
  it('a hexagon centre lies in that hexagon, its corners are one radius away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 13 }), lngArb, latArb, (zoom, lng, lat) => {
        const radius = hexRadius(zoom);
        const [q, r] = hexOf(lng, lat, radius);
        const [clng, clat] = hexCenter(q, r, radius);
        expect(hexOf(clng, clat, radius)).toEqual([q, r]);
        const [cx, cy] = toUnit(clng, clat);
        for (const [vlng, vlat] of hexPolygon(q, r, radius)) {
          const [vx, vy] = toUnit(vlng, vlat);
          expect(Math.hypot(vx - cx, vy - cy)).toBeCloseTo(radius, 12);
        }
      }),
    );
  });

  it('a position belongs to the nearest hexagon centre (no gaps, no overlaps)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 13 }), lngArb, latArb, (zoom, lng, lat) => {
        const radius = hexRadius(zoom);
        const [q, r] = hexOf(lng, lat, radius);
        const [x, y] = toUnit(lng, lat);
        const d = (qq: number, rr: number) => {
          const [c1, c2] = toUnit(...hexCenter(qq, rr, radius));
          return Math.hypot(x - c1, y - c2);
        };
        for (const [dq, dr] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
          [1, -1],
          [-1, 1],
        ])
          expect(d(q, r)).toBeLessThanOrEqual(d(q + dq!, r + dr!) + 1e-12);
      }),
    );
  });

  it('binning keeps every count and sums per hexagon', () => {
    const cells = [
      { lng: 101.7, lat: 26.6, n: 3, w: 5 },
      { lng: 101.7001, lat: 26.6001, n: 2, w: 2 },
      { lng: 101.9, lat: 26.9, n: 4, w: 4 },
    ];
    const h = binHexagons(cells, 11, 'bins');
    expect(h.total).toBe(9);
    expect(h.n.reduce((a, b) => a + b, 0)).toBe(9);
    expect(h.n.length).toBe(2);
    expect(h.zoom).toBe(11);
    // ≈ 48 px wide at zoom 11: √3·r·512·2^11
    expect(Math.sqrt(3) * h.radius * 512 * 2 ** 11).toBeCloseTo(48, 6);
  });
});
