import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  type LngLat,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './convert-datum';
import { outOfChina } from './out-of-china';

const EPS = 1e-6;

function expectClose(actual: LngLat, expected: LngLat, eps = EPS): void {
  expect(Math.abs(actual[0] - expected[0])).toBeLessThan(eps);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThan(eps);
}

// Published reference points:
// - wandergis/coordtransform, test/app.js ("//result" block), input (116.404, 39.915);
//   its gcj02towgs84 and bd09togcj02 are one-step approximations, still within 1e-6° here.
// - hujiulong/gcoord, test/unit/crs/{WGS84,GCJ02,BD09}.spec.ts, input (123, 45).
const REFERENCE: { name: string; convert: (lng: number, lat: number) => LngLat; from: LngLat; to: LngLat }[] =
  [
    {
      name: 'coordtransform wgs84togcj02',
      convert: wgs84ToGcj02,
      from: [116.404, 39.915],
      to: [116.41024449916938, 39.91640428150164],
    },
    {
      name: 'coordtransform gcj02towgs84',
      convert: gcj02ToWgs84,
      from: [116.404, 39.915],
      to: [116.39775550083061, 39.91359571849836],
    },
    {
      name: 'coordtransform gcj02tobd09',
      convert: gcj02ToBd09,
      from: [116.404, 39.915],
      to: [116.41036949371029, 39.92133699351021],
    },
    {
      name: 'coordtransform bd09togcj02',
      convert: bd09ToGcj02,
      from: [116.404, 39.915],
      to: [116.39762729119315, 39.90865673957631],
    },
    { name: 'gcoord WGS84→GCJ02', convert: wgs84ToGcj02, from: [123, 45], to: [123.00607541, 45.00197815] },
    { name: 'gcoord WGS84→BD09', convert: wgs84ToBd09, from: [123, 45], to: [123.0124491, 45.0083293] },
    { name: 'gcoord GCJ02→WGS84', convert: gcj02ToWgs84, from: [123, 45], to: [122.99395597, 44.99804071] },
    { name: 'gcoord GCJ02→BD09', convert: gcj02ToBd09, from: [123, 45], to: [123.00636499, 45.00636899] },
    { name: 'gcoord BD09→GCJ02', convert: bd09ToGcj02, from: [123, 45], to: [122.99363304, 44.9936543] },
    { name: 'gcoord BD09→WGS84', convert: bd09ToWgs84, from: [123, 45], to: [122.9876221, 44.9917154] },
  ];

describe('datum conversions against published reference points', () => {
  for (const { name, convert, from, to } of REFERENCE) {
    it(name, () => expectClose(convert(...from), to));
  }

  it('matches the coordtransform forward value to the last digit', () => {
    expect(wgs84ToGcj02(116.404, 39.915)).toEqual([116.41024449916938, 39.91640428150164]);
  });
});

describe('outOfChina', () => {
  it('leaves points outside China unchanged', () => {
    expect(outOfChina(183, 45)).toBe(true);
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(outOfChina(101.7, 26.58)).toBe(false);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84(183, 45)).toEqual([183, 45]);
  });
});

describe('round trips over Panzhihua (lng 101.1–102.3, lat 26.0–27.3)', () => {
  const points: LngLat[] = [];
  for (let lng = 101.1; lng <= 102.3 + 1e-9; lng += 0.05) {
    for (let lat = 26.0; lat <= 27.3 + 1e-9; lat += 0.05) points.push([lng, lat]);
  }

  it('covers the city with a dense grid', () => expect(points.length).toBeGreaterThan(600));

  it('WGS84 → GCJ-02 → WGS84 within 1e-9°', () => {
    let worst = 0;
    for (const [lng, lat] of points) {
      const [gLng, gLat] = wgs84ToGcj02(lng, lat);
      // The shift near Panzhihua is a few hundred metres, never zero.
      expect(Math.hypot(gLng - lng, gLat - lat)).toBeGreaterThan(1e-3);
      const [bLng, bLat] = gcj02ToWgs84(gLng, gLat);
      worst = Math.max(worst, Math.abs(bLng - lng), Math.abs(bLat - lat));
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('WGS84 → BD-09 → WGS84 within 1e-6°', () => {
    let worst = 0;
    for (const [lng, lat] of points) {
      const [bLng, bLat] = bd09ToWgs84(...wgs84ToBd09(lng, lat));
      worst = Math.max(worst, Math.abs(bLng - lng), Math.abs(bLat - lat));
    }
    expect(worst).toBeLessThan(EPS);
  });

  it('GCJ-02 → BD-09 → GCJ-02 within 1e-6°', () => {
    for (const [lng, lat] of points) expectClose(bd09ToGcj02(...gcj02ToBd09(lng, lat)), [lng, lat]);
  });

  it('shifts Panzhihua a few hundred metres east and south in GCJ-02, as documented', () => {
    // data/README.md: near Panzhihua GCJ-02 is shifted ≈ 160 m east and ≈ 400 m south of WGS84.
    // Sign check: GCJ-02 = WGS84 + Δ, so Δlng > 0 (east) and Δlat < 0 (south).
    const [gLng, gLat] = wgs84ToGcj02(101.718, 26.582);
    const east = (gLng - 101.718) * 111_320 * Math.cos((26.582 * Math.PI) / 180);
    const north = (gLat - 26.582) * 110_574;
    expect(east).toBeGreaterThan(50);
    expect(east).toBeLessThan(400);
    expect(north).toBeLessThan(-200);
    expect(north).toBeGreaterThan(-600);
  });
});
