import { describe, expect, it } from 'vitest';
import { parseStatsState, statsStateEntries } from './url-state';

const now = new Date('2026-03-15T04:00:00Z');
const from = (q: string) => {
  const p = new URLSearchParams(q);
  return parseStatsState((k) => p.get(k), now);
};

describe('stats URL state', () => {
  it('defaults to the last complete month (CST) and the viewer’s division', () => {
    expect(from('')).toEqual({ area: null, month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
  });
  it('reads a month, a custom range and an area; ignores malformed values', () => {
    expect(from('month=2025-12&area=510403000000')).toEqual({
      area: '510403000000',
      month: '2025-12',
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(from('from=2026-01-10&to=2026-02-09')).toMatchObject({
      month: null,
      from: '2026-01-10',
      to: '2026-02-09',
    });
    expect(from('from=2026-02-09&to=2026-01-10&area=51;drop')).toMatchObject({
      area: null,
      month: '2026-02',
    });
    expect(from('month=2026-13')).toMatchObject({ month: '2026-02' });
  });
  it('round-trips', () => {
    for (const q of ['month=2025-12&area=510403000000', 'from=2026-01-10&to=2026-02-09', '']) {
      const s = from(q);
      const again = parseStatsState((k) => new URLSearchParams(statsStateEntries(s)).get(k), now);
      expect(again).toEqual(s);
    }
  });
});
