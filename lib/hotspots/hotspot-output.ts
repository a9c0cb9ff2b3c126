import type { EmergingResponse, EmergingResult, GiResponse, HotspotResult } from './hotspots.types';

/** Emerging hot spots as GeoJSON: each cell's pattern and series, the parameters as a foreign member. */
export function toEmergingGeoJson(result: EmergingResult): EmergingResponse {
  return {
    type: 'FeatureCollection',
    parameters: result.parameters,
    features: result.cells.map(({ geometry, ...properties }) => ({
      type: 'Feature',
      id: `${properties.i}:${properties.j}`,
      properties,
      geometry,
    })),
  };
}

/** A GeoJSON FeatureCollection of the cells, with the parameters used as a foreign member. */
export function toHotspotGeoJson(result: HotspotResult): GiResponse {
  return {
    type: 'FeatureCollection' as const,
    parameters: result.parameters,
    features: result.cells.map((c) => ({
      type: 'Feature' as const,
      id: `${c.i}:${c.j}`,
      properties: { i: c.i, j: c.j, count: c.count, z: c.z, p: c.p, bin: c.bin, neighbours: c.neighbours },
      geometry: c.geometry,
    })),
  };
}

/** CSV of the same cells (centroid in WGS84), with a UTF-8 BOM so Excel reads it; parameters as comment lines. */
export function toHotspotCsv(result: HotspotResult): string {
  const p = result.parameters;
  const header = [
    `# crs=${p.crs}; cell_size_m=${p.cellSize}; shape=${p.shape}; distance_band_m=${p.distanceBand.toFixed(1)} (${p.distanceBandMethod}); fdr=${p.fdr}; cells=${p.cells}; complaints=${p.complaints}`,
    'i,j,centroid_lng,centroid_lat,count,z,p,bin,neighbours',
  ];
  const lines = result.cells.map((c) => {
    const ring = c.geometry.coordinates[0] ?? [];
    const pts = ring.slice(0, -1);
    const lng = pts.reduce((s, q) => s + (q[0] ?? 0), 0) / Math.max(1, pts.length);
    const lat = pts.reduce((s, q) => s + (q[1] ?? 0), 0) / Math.max(1, pts.length);
    return [
      c.i,
      c.j,
      lng.toFixed(6),
      lat.toFixed(6),
      c.count,
      c.z.toFixed(6),
      c.p.toExponential(6),
      c.bin,
      c.neighbours,
    ].join(',');
  });
  return `\uFEFF${[...header, ...lines].join('\n')}\n`;
}
