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
