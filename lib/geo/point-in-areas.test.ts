import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInAreas } from './point-in-areas';

// A square county with a square hole, and a second county made of two parts.
const areas: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '510402000000' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [101.6, 26.5],
            [101.8, 26.5],
            [101.8, 26.7],
            [101.6, 26.7],
            [101.6, 26.5],
          ],
          [
            [101.65, 26.55],
            [101.7, 26.55],
            [101.7, 26.6],
            [101.65, 26.6],
            [101.65, 26.55],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { code: '510421000000' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [102.0, 26.8],
              [102.1, 26.8],
              [102.1, 26.9],
              [102.0, 26.8],
            ],
          ],
          [
            [
              [102.2, 26.8],
              [102.3, 26.8],
              [102.3, 26.9],
              [102.2, 26.9],
              [102.2, 26.8],
            ],
          ],
        ],
      },
    },
  ],
};

describe('pointInAreas', () => {
  it('finds a point inside a polygon and inside either part of a multipolygon', () => {
    expect(pointInAreas([101.75, 26.65], areas)).toBe(true);
    expect(pointInAreas([102.25, 26.85], areas)).toBe(true);
  });
  it('treats a hole, the gap between parts and the world outside as outside', () => {
    expect(pointInAreas([101.68, 26.58], areas)).toBe(false);
    expect(pointInAreas([102.15, 26.85], areas)).toBe(false);
    expect(pointInAreas([100.9, 27.5], areas)).toBe(false);
  });
});
