'use client';

import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { send as sendJson } from '@/lib/query/api-client';
import { useErrorText } from './use-error-text';

/** The office's side of a letter: acknowledge (签收), then answer with a report. */
export function LetterResponse({ letterId, acknowledged }: { letterId: number; acknowledged: boolean }) {
  const t = useTranslations('supervision.letter');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ answer: string }>();

  async function send(body: { kind: 'acknowledge' } | { kind: 'answer'; answer: string }) {
    setBusy(true);
    setError(null);
    const result = await sendJson('POST', `/api/supervision/letters/${letterId}`, body);
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    message.success(body.kind === 'acknowledge' ? t('acknowledged') : t('answered'));
    form.resetFields();
    router.refresh();
  }

  return (
    <div data-letter-response={letterId}>
      {!acknowledged && (
        <Button
          loading={busy}
          data-action="acknowledge-letter"
          onClick={() => void send({ kind: 'acknowledge' })}
          style={{ marginBottom: 8 }}
        >
          {t('acknowledge')}
        </Button>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void send({ kind: 'answer', answer: v.answer })}>
        <Form.Item
          name="answer"
          label={t('answerLabel')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('answerPlaceholder') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('answerPlaceholder')} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-action="answer-letter">
            {t('answerSubmit')}
          </Button>
        </Space>
      </Form>
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </div>
  );
}
