'use client';

import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { ApiError } from '@/lib/query/api-client';
import { recordBuildingVisit, recordCaseVisit, type VisitMethod } from '@/lib/query/grid';

/** What a visit is recorded against: a building of the grid (走访) or a resolved case (回访). */
export type VisitTarget = { kind: 'building' | 'case'; id: number; label: string };

interface Values {
  method: VisitMethod;
  outcome: string;
  note?: string;
}

/** The visit form: method, outcome (required), note; saved through the existing visit routes. */
export function VisitModal({
  target,
  onClose,
  onSaved,
}: {
  target: VisitTarget | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations('grid');
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setError(null);
    }
  }, [target, form]);

  async function save(values: Values) {
    if (!target) return;
    setSaving(true);
    setError(null);
    const body = {
      method: values.method,
      outcome: values.outcome.trim(),
      note: values.note?.trim() || undefined,
    };
    try {
      if (target.kind === 'building') await recordBuildingVisit(target.id, body);
      else await recordCaseVisit(target.id, body);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'NOT_FOUND' ? t('visit.notFound') : t('visit.failed'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={target !== null}
      title={target?.kind === 'case' ? t('visit.caseTitle') : t('visit.title')}
      okText={t('visit.save')}
      cancelText={t('visit.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p data-testid="visit-target" data-user-content>
        {target?.label}
      </p>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ method: 'in_person' }} onFinish={save}>
        <Form.Item name="method" label={t('visit.method')} rules={[{ required: true }]}>
          <Select
            options={(['in_person', 'phone', 'meeting'] as const).map((m) => ({
              value: m,
              label: t(`methods.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('visit.outcome')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('visit.outcomeRequired') }]}
        >
          <Input maxLength={200} placeholder={t('visit.outcomePlaceholder')} data-testid="visit-outcome" />
        </Form.Item>
        <Form.Item name="note" label={t('visit.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
