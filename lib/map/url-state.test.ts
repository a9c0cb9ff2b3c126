import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, lastTwelveMonths } from './filters';
import { DEFAULT_STATE, type MapState, mapStateQuery, parseMapState } from './url-state';

const parse = (query: string) => {
  const p = new URLSearchParams(query);
  return parseMapState((k) => p.get(k));
};

describe('map URL state', () => {
  it('round-trips every field: a link reproduces exactly what was seen', () => {
    const state: MapState = {
      view: { lng: 101.71234, lat: 26.58321, zoom: 13.25 },
      layers: ['cells', 'hexagons', 'points', 'facilities'],
      colorBy: 'category',
      weightByUrgency: true,
      extrude: true,
      playMode: 'cumulative',
      filter: {
        from: '2025-07',
        to: '2026-01',
        categories: ['SL', 'WY'],
        urgencies: ['extra_urgent', 'urgent'],
        statuses: ['accepted', 'in_progress'],
        deadlines: ['due_soon', 'overdue'],
        offices: [12, 40],
        channels: ['hotline', 'wechat'],
      },
      selection: [
        [101.7, 26.5],
        [101.8, 26.5],
        [101.8, 26.6],
        [101.7, 26.5],
      ],
      building: 4711,
      facility: 86,
    };
    const query = mapStateQuery(state);
    expect(parse(query)).toEqual(state);
    expect(mapStateQuery(parse(query))).toBe(query);
  });

  it('leaves defaults out of the URL and reads an empty URL as the defaults', () => {
    expect(mapStateQuery(DEFAULT_STATE)).toBe('');
    expect(parse('')).toEqual(DEFAULT_STATE);
    expect(parse('layers=')).toEqual({ ...DEFAULT_STATE, layers: [] });
    expect(parse(mapStateQuery({ ...DEFAULT_STATE, layers: [] })).layers).toEqual([]);
  });

  it('drops malformed parts instead of failing', () => {
    const s = parse(
      'v=abc&layers=heatmap,nope&color=x&from=2025-13&cat=SL,drop;table&urg=urgent,zzz&office=1,-2,x&sel=1,2;3&b=-4&fac=x',
    );
    expect(s.view).toBeNull();
    expect(s.layers).toEqual(['heatmap']);
    expect(s.colorBy).toBe('deadline');
    expect(s.filter).toEqual({ ...EMPTY_FILTER, categories: ['SL'], urgencies: ['urgent'], offices: [1] });
    expect(s.selection).toBeNull();
    expect(s.building).toBeNull();
    expect(s.facility).toBeNull();
  });

  it('names the 12 months of the time slider in China time', () => {
    expect(lastTwelveMonths(new Date('2026-05-31T17:00:00Z'))).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
  });
});
