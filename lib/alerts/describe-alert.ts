/**
 * An alert in one sentence: "盐边县格萨拉彝族乡 用水用电 今日 14 件，预期 1.2 件（上限 5）". Pure.
 */
export interface AlertSentenceInput {
  areaName: string;
  categoryName: string;
  window: 'day' | 'week' | string;
  observed: number;
  expected: number;
  upperLimit: number;
}

/** One decimal, or two below 0.1 (so a quiet village reads 0.03, not 0.0). */
export function formatExpected(x: number): string {
  return x < 0.095 ? x.toFixed(2) : x.toFixed(1);
}

export function describeAlert(a: AlertSentenceInput, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (locale === 'en') {
    const when = a.window === 'day' ? 'today' : 'in the last 7 days';
    return `${a.areaName} · ${a.categoryName}: ${a.observed} ${when}, expected ${formatExpected(a.expected)} (limit ${a.upperLimit})`;
  }
  const when = a.window === 'day' ? '今日' : '近7日';
  return `${a.areaName} ${a.categoryName} ${when} ${a.observed} 件，预期 ${formatExpected(a.expected)} 件（上限 ${a.upperLimit}）`;
}

export interface EmergingSentenceInput {
  areaName: string;
  categoryName: string;
  pattern: 'new' | 'consecutive' | 'intensifying' | 'persistent' | string;
  observed: number;
  windowWeeks: number;
  baselinePerWeek: number;
  cellSize: number;
}

const PATTERN_ZH: Record<string, string> = {
  new: '新出现热点',
  consecutive: '连续热点',
  intensifying: '加剧热点',
  persistent: '持续热点',
};
const PATTERN_EN: Record<string, string> = {
  new: 'new hot spot',
  consecutive: 'consecutive hot spot',
  intensifying: 'intensifying hot spot',
  persistent: 'persistent hot spot',
};

/**
 * An emerging hot-spot alert in one sentence: "米易县攀莲镇某社区一带 市政 新出现热点：近7日 9 件，此前平均每周 0.1 件（1 公里网格）".
 */
export function describeEmergingAlert(a: EmergingSentenceInput, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const km = a.cellSize / 1000;
  const base = a.baselinePerWeek === 0 ? '0' : formatExpected(a.baselinePerWeek);
  if (locale === 'en') {
    const when = a.windowWeeks === 1 ? 'the last 7 days' : `the last ${a.windowWeeks} weeks`;
    return `Around ${a.areaName} · ${a.categoryName}: ${PATTERN_EN[a.pattern] ?? a.pattern}, ${a.observed} in ${when}, previously ${base} a week (${km} km cell)`;
  }
  const when = a.windowWeeks === 1 ? '近7日' : `近${a.windowWeeks}周`;
  return `${a.areaName}一带 ${a.categoryName} ${PATTERN_ZH[a.pattern] ?? a.pattern}：${when} ${a.observed} 件，此前平均每周 ${base} 件（${km} 公里网格）`;
}
