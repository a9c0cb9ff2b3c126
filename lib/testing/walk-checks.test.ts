import { describe, expect, it } from 'vitest';
import { cjkRuns, englishPhrases, messageKeyIn, requestKey, requestStorms } from './walk-checks';

describe('requestStorms', () => {
  const at = (ms: number, url: string) => ({ at: ms, method: 'GET', url });

  it('catches one query repeated with a new timestamp on every render', () => {
    const storm = Array.from({ length: 25 }, (_, k) =>
      at(k * 40, `http://x/api/analytics/cell-complaints?cell=7&from=2026-01-01T00:00:${k}Z`),
    );
    expect(requestStorms(storm)).toEqual([
      { key: 'GET /api/analytics/cell-complaints?cell&from', count: 25 },
    ]);
  });

  it('allows five in five seconds, and repeats spread over time', () => {
    const five = Array.from({ length: 5 }, (_, k) => at(k * 100, 'http://x/api/map/points?bbox=1'));
    expect(requestStorms(five)).toEqual([]);
    const slow = Array.from({ length: 12 }, (_, k) => at(k * 1_100, 'http://x/api/map/points?bbox=1'));
    expect(requestStorms(slow)).toEqual([]);
    expect(requestStorms([...five, at(600, 'http://x/api/map/points?bbox=2')])).toHaveLength(1);
  });

  it('counts prefetches of one page as one request whatever _rsc says, and ignores static files', () => {
    expect(requestKey('GET', 'http://x/stats/complaints?indicator=a&_rsc=1x')).toBe(
      'GET /stats/complaints?indicator',
    );
    const chunks = Array.from({ length: 30 }, (_, k) => at(k, `http://x/_next/static/chunks/${k}.js`));
    expect(requestStorms(chunks)).toEqual([]);
  });
});

describe('text checks', () => {
  it('finds untranslated message keys of our namespaces only', () => {
    expect(messageKeyIn('reports.report.list.title')).toBe('reports.report.list.title');
    expect(messageKeyIn('Open: shell.nav.inbox')).toBe('shell.nav.inbox');
    expect(messageKeyIn('handler.xiqu.health')).toBeNull();
    expect(messageKeyIn('report-2026-05.pdf')).toBeNull();
  });

  it('finds Chinese runs and full-width punctuation', () => {
    expect(cjkRuns('Deadline：2026-05-22')).toEqual(['：']);
    expect(cjkRuns('Category 供水 (water)')).toEqual(['供水']);
    expect(cjkRuns('All fine, 12 cases.')).toEqual([]);
  });

  it('finds English phrases in Chinese UI but lets product names and single words through', () => {
    expect(englishPhrases('导出 Excel 表格')).toEqual([]);
    expect(englishPhrases('Getis-Ord Gi* 热点')).toEqual([]);
    expect(englishPhrases('© OpenStreetMap contributors')).toEqual([]);
    expect(englishPhrases('状态：closed')).toEqual([]);
    expect(englishPhrases('Something went wrong')).toEqual(['Something went wrong']);
  });
});
