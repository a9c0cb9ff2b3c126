'use client';

import { App, Button, Space } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { NumberInput } from '@/components/ui/number-input';
import { settle } from '@/lib/query/api-client';
import { saveAssessmentWeights } from '@/lib/query/stats';
import type { AssessmentWeights } from '@/lib/stats/definitions';

const KEYS = ['response', 'resolution', 'satisfaction'] as const;

/** Admins edit the 三率 weights (each ≥ 0, summing to 100); the message stands next to the fields. */
export function WeightsEditor({ weights }: { weights: AssessmentWeights }) {
  const t = useTranslations('stats.assessment');
  const { message } = App.useApp();
  const router = useRouter();
  const [value, setValue] = useState<AssessmentWeights>(weights);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const sum = KEYS.reduce((n, k) => n + (value[k] ?? 0), 0);
  const negative = KEYS.some((k) => value[k] < 0);
  const error = negative ? t('negativeError') : Math.abs(sum - 100) > 1e-9 ? t('sumError') : null;
  const save = async () => {
    setSaving(true);
    setServerError(null);
    try {
      const result = await settle(saveAssessmentWeights(value));
      if (!result.ok) {
        setServerError(result.error.serverMessage ?? String(result.error.status));
        return;
      }
      message.success(t('saved'));
      router.refresh();
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="weights-editor">
      <Space wrap size="large" align="center">
        {KEYS.map((k) => (
          <span key={k} style={{ display: 'inline-flex', gap: 8, alignItems: 'center', fontSize: 15 }}>
            <span id={`weight-${k}`}>{t(k)}</span>
            <NumberInput
              min={0}
              max={100}
              step={5}
              value={value[k]}
              status={error ? 'error' : undefined}
              onChange={(v) => setValue({ ...value, [k]: typeof v === 'number' ? v : 0 })}
              addonAfter="%"
              style={{ width: 130 }}
              aria-labelledby={`weight-${k}`}
            />
          </span>
        ))}
        <span style={{ fontSize: 15, fontWeight: 600 }}>{t('sum', { sum })}</span>
        <Button type="primary" onClick={save} loading={saving} disabled={!!error}>
          {t('save')}
        </Button>
      </Space>
      {(error || serverError) && (
        <div role="alert" style={{ color: '#cf1322', marginTop: 6 }}>
          {error ?? serverError}
        </div>
      )}
    </div>
  );
}
