'use client';

import { InputNumber, type InputNumberProps } from 'antd';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

/**
 * antd's InputNumber in the page's language: its step buttons carry fixed English names ("Increase
 * Value", "Decrease Value", set in @rc-component/input-number with no prop to change them), which a
 * screen reader reads out in the Chinese UI. This names them from the messages after each render.
 */
export function NumberInput(props: InputNumberProps<number>) {
  const t = useTranslations('app.numberInput');
  const ref = useRef<HTMLSpanElement>(null);
  const up = t('up');
  const down = t('down');
  useEffect(() => {
    for (const [selector, label] of [
      ['.ant-input-number-action-up', up],
      ['.ant-input-number-action-down', down],
    ] as const)
      for (const el of ref.current?.querySelectorAll(selector) ?? []) el.setAttribute('aria-label', label);
  });
  return (
    <span ref={ref} style={{ display: 'contents' }}>
      <InputNumber<number> {...props} />
    </span>
  );
}
