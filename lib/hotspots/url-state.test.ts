import { describe, expect, it } from 'vitest';
import {
  analysisQuery,
  defaultHotspotState,
  hotspotStateQuery,
  parseHotspotState,
  runAnalysis,
  windowStart,
} from './url-state';

const today = new Date('2026-12-06T03:00:00Z');
const divisions = ['510403000000', '510402000000'];
const parse = (q: string) => {
  const p = new URLSearchParams(q);
  return parseHotspotState((k) => p.get(k), { divisions, today });
};

describe('hot-spot workspace URL state', () => {
  it('round-trips a run Gi* analysis with its selected cell', () => {
    const s = {
      ...defaultHotspotState('510403000000', today),
      category: 'WS',
      cellSize: 500,
      shape: 'hexagon' as const,
      runs: ['gi' as const],
      from: '2026-06-06',
      cell: { i: -3, j: 12 },
    };
    const q = hotspotStateQuery(s, '510403000000');
    expect(parse(q)).toEqual(s);
    // A default state is a plain /hotspots.
    expect(hotspotStateQuery(defaultHotspotState('510403000000', today), '510403000000')).toBe('');
  });

  it('keeps the request (the query key) the same at every render and on another day', () => {
    const link = 'run=gi&from=2026-06-06&size=500';
    const a = analysisQuery('gi', parse(link));
    const later = parseHotspotState((k) => new URLSearchParams(link).get(k), {
      divisions,
      today: new Date('2027-01-20T00:00:00Z'),
    });
    expect(analysisQuery('gi', later)).toBe(a);
    expect(new URLSearchParams(a).get('from')).toBe('2026-06-06');
  });

  it('ignores what the user may not analyse or cannot exist', () => {
    const s = parse('area=999999999999&size=7&months=5&tab=nope&from=yesterday&run=gi,bogus,gi');
    expect(s.division).toBe('510403000000');
    expect(s.cellSize).toBe(1000);
    expect(s.months).toBe(12);
    expect(s.tab).toBe('gi');
    expect(s.from).toBe(windowStart(today, 12));
    expect(s.runs).toEqual(['gi']);
  });

  it('keeps another tab’s result when its own request is unchanged, drops it otherwise', () => {
    const gi = runAnalysis(defaultHotspotState('510403000000', today), parse(''), 'gi', today);
    const both = runAnalysis(gi, { ...gi, eps: 300 }, 'clusters', today);
    expect(both.runs).toEqual(['gi', 'clusters']);
    const recat = runAnalysis(both, { ...both, category: 'WS' }, 'clusters', today);
    expect(recat.runs).toEqual(['clusters']);
  });

  it('round-trips the clue open on the clue board, and only there', () => {
    const s = { ...defaultHotspotState('510403000000', today), tab: 'clues' as const, clue: 42 };
    const q = hotspotStateQuery(s, '510403000000');
    expect(q).toBe('tab=clues&clue=42');
    expect(parse(q)).toEqual(s);
    expect(parse('clue=42').clue).toBeNull();
    expect(hotspotStateQuery({ ...s, tab: 'gi' }, '510403000000')).toBe('');
  });

  it('starts the window the chosen number of months before today (Asia/Shanghai)', () => {
    expect(windowStart(new Date('2026-12-05T17:00:00Z'), 3)).toBe('2026-09-06');
  });
});
