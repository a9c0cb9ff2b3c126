/**
 * Reads the reference data under `db/seed/data/` (see its README for provenance): boundaries in
 * GCJ-02 (converted to WGS84 here, with lib/geo), division codes and the 2020 census per county.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { gcj02ToWgs84, type LngLat } from '@/lib/geo/convert-datum';
import { geometryToWgs84 } from '@/lib/geo/convert-geometry';

/** Minimal CSV reader for the reference files: comma-separated, optional double quotes, no newlines in fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(field);
        field = '';
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const [head, ...rows] = lines;
  if (head === undefined) return [];
  const keys = split(head);
  return rows.map((line) => {
    const values = split(line);
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
  });
}

export interface CountyCensus {
  /** 12-digit code, e.g. 510402000000. */
  code: string;
  name: string;
  /** Residents (POPU). */
  population: number;
  /** Men per 100 women (POPU_WM). */
  sexRatio: number;
  /** Urban share of residents (POPU_URB). */
  urbanShare: number;
  /** Average household size (HHLD_S). */
  householdSize: number;
  /** Share of one-person households (HHLD_1P). */
  onePersonShare: number;
  /** Age bands [minAge, maxAge, share] from ages.csv (AGES_0 … AGES_85P). */
  ageBands: [number, number, number][];
}

export interface DivisionPoint {
  code: string;
  parent: string;
  name: string;
  urCode: string | null;
  /** WGS84, converted from the file's GCJ-02; null where the file has no point. */
  point: LngLat | null;
}

export interface ReferenceData {
  city: { code: string; name: string; boundary: MultiPolygon; seat: LngLat | null };
  counties: { code: string; name: string; boundary: MultiPolygon; seat: LngLat | null }[];
  census: Map<string, CountyCensus>;
  /** 2023 towns: 12-digit code, county code, name. */
  towns: { code: string; countyCode: string; name: string }[];
  /** 2023 villages: 12-digit code, town code, short name (…社区 / …村). */
  villages: { code: string; townCode: string; name: string }[];
  /** The 2016 division list, by 12-digit code. */
  divisions2016: Map<string, DivisionPoint>;
}

const pad12 = (code: string) => code.padEnd(12, '0');

function toMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon'
    ? geometry
    : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

/** 金福社区居民委员会 → 金福社区, 新村村民委员会 → 新村村. */
export function shortVillageName(name: string): string {
  return name.replace(/(居民委员会|村民委员会|居委会|村委会|委员会)$/, '') || name;
}

function ageBand(key: string): [number, number] | null {
  const m = /^AGES_(\d+)(?:-(\d+)|(P))?$/.exec(key);
  if (!m) return null;
  const min = Number(m[1]);
  if (m[3]) return [min, 99];
  return [min, m[2] === undefined ? min : Number(m[2])];
}

export function readReferenceData(dataDir: string): ReferenceData {
  const read = (...p: string[]) => readFileSync(path.join(dataDir, ...p), 'utf8');
  const csv = (...p: string[]) => parseCsv(read(...p));

  const divisions2016 = new Map<string, DivisionPoint>();
  for (const r of csv('admin-divisions', 'panzhihua-divisions-2016.gcj02.csv')) {
    const lng = Number.parseFloat(r.longitude ?? '');
    const lat = Number.parseFloat(r.latitude ?? '');
    divisions2016.set(r.code ?? '', {
      code: r.code ?? '',
      parent: r.parent ?? '',
      name: r.name ?? '',
      urCode: r.ur_code ? r.ur_code : null,
      point: Number.isFinite(lng) && Number.isFinite(lat) ? gcj02ToWgs84(lng, lat) : null,
    });
  }

  const boundaries = (file: string) =>
    (JSON.parse(read('boundaries', file)) as FeatureCollection<Polygon | MultiPolygon>).features.map(
      (f: Feature<Polygon | MultiPolygon>) => {
        const code = pad12(String(f.properties?.adcode));
        return {
          code,
          name: String(f.properties?.name),
          boundary: geometryToWgs84(toMultiPolygon(f.geometry), 'gcj02'),
          seat: divisions2016.get(code)?.point ?? null,
        };
      },
    );
  const [city] = boundaries('panzhihua-city.gcj02.geojson');
  if (!city) throw new Error('seed: the city outline is missing');
  const counties = boundaries('panzhihua-counties.gcj02.geojson').sort((a, b) =>
    a.code.localeCompare(b.code),
  );

  const byCode = (rows: Record<string, string>[]) => new Map(rows.map((r) => [pad12(r.CODE ?? ''), r]));
  const population = byCode(csv('census-2020', 'population.csv'));
  const households = byCode(csv('census-2020', 'households.csv'));
  const ages = byCode(csv('census-2020', 'ages.csv'));
  const census = new Map<string, CountyCensus>();
  for (const county of counties) {
    const p = population.get(county.code);
    const h = households.get(county.code);
    const a = ages.get(county.code);
    if (!p || !h || !a) throw new Error(`seed: no census figures for ${county.code}`);
    const ageBands: [number, number, number][] = [];
    for (const [key, value] of Object.entries(a)) {
      const band = ageBand(key);
      // Keep the fine bands (0, 1-4, 5-9 … 85P), not the summaries (0-14, 15-64, 65P, W_15-49).
      if (!band || ['AGES_0-14', 'AGES_15-64', 'AGES_65P'].includes(key)) continue;
      ageBands.push([band[0], band[1], Number(value)]);
    }
    census.set(county.code, {
      code: county.code,
      name: county.name,
      population: Number(p.POPU),
      sexRatio: Number(p.POPU_WM),
      urbanShare: Number(p.POPU_URB),
      householdSize: Number(h.HHLD_S),
      onePersonShare: Number(h.HHLD_1P),
      ageBands: ageBands.sort((x, y) => x[0] - y[0]),
    });
  }

  const towns = csv('admin-divisions', 'panzhihua-towns-2023.csv').map((r) => ({
    code: pad12(r.code ?? ''),
    countyCode: pad12(r.areaCode ?? ''),
    name: r.name ?? '',
  }));
  const villages = csv('admin-divisions', 'panzhihua-villages-2023.csv').map((r) => ({
    code: r.code ?? '',
    townCode: pad12(r.streetCode ?? ''),
    name: shortVillageName(r.name ?? ''),
  }));
  return { city, counties, census, towns, villages, divisions2016 };
}
