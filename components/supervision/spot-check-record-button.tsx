'use client';

import { Alert, App, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { send } from '@/lib/query/api-client';
import { useErrorText } from './use-error-text';

/** Record a spot check after calling the resident: confirmed, or not actually resolved (reopens the case). */
export function SpotCheckRecordButton({ spotCheckId }: { spotCheckId: number }) {
  const t = useTranslations('supervision.spot');
  const tErrors = useTranslations('supervision.errors');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ result: 'passed' | 'failed'; finding?: string }>();
  const result = Form.useWatch('result', form);

  async function save(values: { result: 'passed' | 'failed'; finding?: string }) {
    setBusy(true);
    setError(null);
    const r = await send('POST', `/api/supervision/spot-checks/${spotCheckId}`, values);
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error));
      return;
    }
    setOpen(false);
    form.resetFields();
    message.success(t('saved'));
    router.refresh();
  }

  return (
    <>
      <Button size="small" data-action="record-spot-check" onClick={() => setOpen(true)}>
        {t('record')}
      </Button>
      <Modal
        open={open}
        title={t('recordTitle')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ result: 'passed' }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="result" label={t('result')}>
            <Radio.Group
              options={[
                { value: 'passed', label: t('passed') },
                { value: 'failed', label: t('failed') },
              ]}
            />
          </Form.Item>
          {result === 'failed' && (
            <Alert type="warning" showIcon title={t('failedHint')} style={{ marginBottom: 12 }} />
          )}
          <Form.Item
            name="finding"
            label={t('finding')}
            rules={
              result === 'failed'
                ? [{ required: true, min: 2, whitespace: true, message: tErrors('finding') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('findingPlaceholder')} />
          </Form.Item>
        </Form>
        {error && (
          <Typography.Paragraph type="danger" role="alert">
            {error}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
