'use client';

import { App, Button, Form } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { NumberInput } from '@/components/ui/number-input';
import {
  DEFAULT_FACILITY_FINDING_SETTINGS,
  type FacilityFindingSettings,
  facilityFindingSettingsSchema,
} from '@/lib/clues/facility-finding-settings';
import { settle } from '@/lib/query/api-client';
import { saveFindingSettings } from '@/lib/query/clues';

const FIELDS: { key: keyof FacilityFindingSettings; step: number; min: number; max: number }[] = [
  { key: 'windowMonths', step: 1, min: 1, max: 36 },
  { key: 'q', step: 0.01, min: 0.001, max: 0.25 },
  { key: 'minFacilities', step: 1, min: 2, max: 50 },
  { key: 'minPerFacility', step: 1, min: 1, max: 100 },
  { key: 'minComplaints', step: 1, min: 1, max: 1000 },
  { key: 'minRatio', step: 0.05, min: 1, max: 20 },
  { key: 'sparseBelow', step: 5, min: 0, max: 1000 },
];

/** Admins edit the facility test's thresholds; the same zod schema checks them here and on the server. */
export function FindingSettingsEditor({ settings }: { settings: FacilityFindingSettings }) {
  const t = useTranslations('admin.findings');
  const { message } = App.useApp();
  const router = useRouter();
  const [value, setValue] = useState<FacilityFindingSettings>(settings);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const parsed = facilityFindingSettingsSchema.safeParse(value);
  const fieldError = (k: string) =>
    parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === k) ? t('range') : undefined;
  const save = async () => {
    setSaving(true);
    setServerError(null);
    try {
      const result = await settle(saveFindingSettings(value));
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
    <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 10 }} data-testid="finding-settings">
      {FIELDS.map((f) => (
        <Form.Item
          key={f.key}
          label={t(`fields.${f.key}`)}
          extra={t(`help.${f.key}`, { value: DEFAULT_FACILITY_FINDING_SETTINGS[f.key] })}
          validateStatus={fieldError(f.key) ? 'error' : undefined}
          help={fieldError(f.key)}
        >
          <NumberInput
            aria-label={t(`fields.${f.key}`)}
            value={value[f.key]}
            step={f.step}
            min={f.min}
            max={f.max}
            onChange={(v) => setValue({ ...value, [f.key]: typeof v === 'number' ? v : Number.NaN })}
          />
        </Form.Item>
      ))}
      <Form.Item wrapperCol={{ offset: 8 }}>
        <Button type="primary" onClick={save} loading={saving} disabled={!parsed.success}>
          {t('save')}
        </Button>
        {serverError && (
          <div role="alert" style={{ color: '#cf1322', marginTop: 6 }}>
            {serverError}
          </div>
        )}
      </Form.Item>
    </Form>
  );
}
