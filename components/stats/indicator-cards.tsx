'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { indicatorDefinition } from '@/lib/stats/definitions';
import {
  changeDirection,
  formatChange,
  formatFigure,
  type IndicatorValue,
} from '@/lib/stats/indicator-values';
import { isToDateComparison, type Period } from '@/lib/stats/period';
import { DefinitionTip, IndicatorTipIcon, useLang } from './definition-tip';
import { drillHref } from './drill-href';
import styles from './stats.module.css';

/** Whether a change is good news, bad news or neither, by the indicator's better direction. */
function tone(v: IndicatorValue): string {
  const better = indicatorDefinition(v.id).better;
  const direction = changeDirection(v.unit, v.change);
  if (direction === 0 || better === 'neutral') return styles.neutral!;
  const up = direction > 0;
  return (better === 'up') === up ? styles.better! : styles.worse!;
}

/** One card per indicator: value, numerator/denominator, change against the previous period; every figure explains itself. */
export function IndicatorCards({
  indicators,
  area,
  period,
  previous,
}: {
  indicators: IndicatorValue[];
  area: string;
  period: Pick<Period, 'from' | 'to'>;
  previous: Pick<Period, 'from' | 'to'>;
}) {
  const t = useTranslations('stats');
  const lang = useLang();
  const toDate = isToDateComparison(period, previous);
  const link = (v: IndicatorValue, part: 'numerator' | 'denominator') =>
    drillHref({ indicator: v.id, part, area, from: period.from, to: period.to });
  return (
    <div className={styles.cards} data-testid="stats-cards">
      {indicators.map((v) => {
        const d = indicatorDefinition(v.id);
        const direction = changeDirection(v.unit, v.change);
        const arrow = direction > 0 ? '▲' : direction < 0 ? '▼' : '';
        return (
          <div key={v.id} className={styles.card} data-indicator={v.id}>
            <div className={styles.cardName}>
              {d.name[lang]}
              <IndicatorTipIcon id={v.id} />
            </div>
            <div className={styles.cardValue}>
              <DefinitionTip id={v.id}>
                <Link prefetch={false} href={link(v, 'numerator')} data-testid={`value-${v.id}`}>
                  {v.value === null ? t('noData') : formatFigure(v.unit, v.value, lang)}
                </Link>
              </DefinitionTip>
            </div>
            <div className={styles.cardMeta}>
              <DefinitionTip id={v.id}>
                {v.denominator !== null ? (
                  <>
                    <Link prefetch={false} href={link(v, 'numerator')}>
                      {v.numerator.toLocaleString()}
                    </Link>
                    {' / '}
                    <Link prefetch={false} href={link(v, 'denominator')}>
                      {v.denominator.toLocaleString()}
                    </Link>
                  </>
                ) : v.unit === 'days' ? (
                  <Link prefetch={false} href={link(v, 'numerator')}>
                    {t('measured', { n: v.numerator })}
                  </Link>
                ) : (
                  <span>&nbsp;</span>
                )}
              </DefinitionTip>
            </div>
            <div className={styles.cardMeta}>
              <DefinitionTip id={v.id}>
                <span>
                  {t('vsPrevious')}{' '}
                  <span className={tone(v)}>
                    {arrow} {formatChange(v.unit, v.change, lang)}
                  </span>
                </span>
              </DefinitionTip>
            </div>
            {v.id === 'overdue' && (
              <div className={styles.cardMeta} data-testid="overdue-hint" title={t('overdueHintFull')}>
                {t('overdueHint')}
              </div>
            )}
            <div
              className={styles.cardMeta}
              title={t(toDate ? 'previousToDateRange' : 'previousRange', previous)}
            >
              {v.previous.value === null
                ? t('noPrevious')
                : t(toDate ? 'previousToDate' : 'previous', {
                    from: previous.from,
                    to: previous.to,
                    value: formatFigure(v.unit, v.previous.value, lang),
                  })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
