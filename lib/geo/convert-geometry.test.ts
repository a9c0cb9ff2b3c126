import type { MultiPolygon, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bd09ToWgs84, gcj02ToWgs84, wgs84ToBd09, wgs84ToGcj02 } from './convert-datum';
import { convertGeometry, geometryToWgs84 } from './convert-geometry';
import { DATUMS, toWgs84 } from './to-wgs84';

describe('toWgs84', () => {
  it('treats WGS84 and CGCS2000 as identical (city scale)', () => {
    expect(toWgs84(101.7, 26.58, 'wgs84')).toEqual([101.7, 26.58]);
    expect(toWgs84(101.7, 26.58, 'cgcs2000')).toEqual([101.7, 26.58]);
  });

  it('inverts GCJ-02 and BD-09', () => {
    expect(toWgs84(...wgs84ToGcj02(101.7, 26.58), 'gcj02')[0]).toBeCloseTo(101.7, 8);
    expect(toWgs84(...wgs84ToBd09(101.7, 26.58), 'bd09')[1]).toBeCloseTo(26.58, 6);
    expect(toWgs84(101.7, 26.58, 'gcj02')).toEqual(gcj02ToWgs84(101.7, 26.58));
    expect(toWgs84(101.7, 26.58, 'bd09')).toEqual(bd09ToWgs84(101.7, 26.58));
  });

  it('knows every datum of the schema enum', () => {
    for (const datum of DATUMS) expect(toWgs84(101.7, 26.58, datum)).toHaveLength(2);
  });
});

describe('convertGeometry', () => {
  const square: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [101.7, 26.5],
          [101.8, 26.5],
          [101.8, 26.6],
          [101.7, 26.6],
          [101.7, 26.5],
        ],
      ],
    ],
  };

  it('converts every position and keeps the structure and the input', () => {
    const before = JSON.stringify(square);
    const out = geometryToWgs84(square, 'gcj02');
    expect(JSON.stringify(square)).toBe(before);
    expect(out.type).toBe('MultiPolygon');
    const ring = out.coordinates[0]?.[0] ?? [];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(gcj02ToWgs84(101.7, 26.5));
    expect(ring[4]).toEqual(ring[0]); // the ring stays closed
  });

  it('keeps altitude and handles collections', () => {
    const p: Point = { type: 'Point', coordinates: [101.7, 26.5, 1200] };
    expect(convertGeometry(p, wgs84ToGcj02).coordinates).toEqual([...wgs84ToGcj02(101.7, 26.5), 1200]);
    const gc = convertGeometry({ type: 'GeometryCollection', geometries: [p, square] }, wgs84ToGcj02);
    expect(gc.geometries).toHaveLength(2);
  });

  it('returns WGS84/CGCS2000 input as is', () => {
    expect(geometryToWgs84(square, 'cgcs2000')).toBe(square);
  });
});
