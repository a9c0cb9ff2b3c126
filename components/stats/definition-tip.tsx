'use client';

import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { labelSeparator } from '@/lib/i18n/config';
import { type IndicatorId, indicatorDefinition, type Localized } from '@/lib/stats/definitions';
import styles from './stats.module.css';

export function useLang(): 'zh' | 'en' {
  return useLocale().startsWith('zh') ? 'zh' : 'en';
}

/** The written definition of an indicator (lib/stats/definitions.ts), as tooltip content. */
export function IndicatorDefinitionText({ id, light = false }: { id: IndicatorId; light?: boolean }) {
  const t = useTranslations('stats');
  const lang = useLang();
  const d = indicatorDefinition(id);
  const sep = labelSeparator(useLocale());
  return (
    <div className={light ? styles.tipLight : styles.tip}>
      <p>
        <b>{d.name[lang]}</b>
      </p>
      <p>
        {d.denominator ? `${t('numerator')}${sep}` : `${t('definition')}${sep}`}
        {d.numerator[lang]}
      </p>
      {d.denominator && (
        <p>
          {t('denominator')}
          {sep}
          {d.denominator[lang]}
        </p>
      )}
      <p>
        {t('cases')}
        {sep}
        {d.cases[lang]}
      </p>
    </div>
  );
}

/** Wrap a figure so that hovering it shows the indicator's definition. */
export function DefinitionTip({ id, children }: { id: IndicatorId; children: ReactNode }) {
  return (
    <Tooltip title={<IndicatorDefinitionText id={id} />} styles={{ root: { maxWidth: 480 } }}>
      <span data-definition={id}>{children}</span>
    </Tooltip>
  );
}

/** A (?) icon with a free definition text (rankings, assessment). */
export function TextTip({ text }: { text: Localized }) {
  const lang = useLang();
  return (
    <Tooltip title={<div className={styles.tip}>{text[lang]}</div>} styles={{ root: { maxWidth: 480 } }}>
      <QuestionCircleOutlined style={{ color: '#595959', fontSize: 15 }} aria-label="definition" />
    </Tooltip>
  );
}

/** A (?) icon with an indicator's definition. */
export function IndicatorTipIcon({ id }: { id: IndicatorId }) {
  return (
    <Tooltip title={<IndicatorDefinitionText id={id} />} styles={{ root: { maxWidth: 480 } }}>
      <QuestionCircleOutlined style={{ color: '#595959', fontSize: 15 }} aria-label="definition" />
    </Tooltip>
  );
}
