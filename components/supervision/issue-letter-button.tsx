'use client';

import { App, Button, Input, Modal, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { issueLetter } from '@/lib/query/supervision';
import { useErrorText } from './use-error-text';

/** 督办: one click opens the letter, one click issues it (the text is written from the case on the server). */
export function IssueLetterButton({ complaintId, size }: { complaintId: number; size?: 'small' | 'middle' }) {
  const t = useTranslations('supervision.letter');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function issue() {
    setBusy(true);
    setError(null);
    const result = await issueLetter({ complaintId, note: note.trim() || undefined });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setOpen(false);
    setNote('');
    message.success(t('issued', { code: result.data.letter.code }));
    router.refresh();
  }

  return (
    <>
      <Button
        danger
        type="primary"
        size={size}
        data-action="issue-letter"
        data-case-id={complaintId}
        onClick={() => setOpen(true)}
      >
        {t('issue')}
      </Button>
      <Modal
        open={open}
        title={t('issueTitle')}
        okText={t('confirm')}
        okButtonProps={{ danger: true, ...({ 'data-action': 'confirm-letter' } as Record<string, string>) }}
        confirmLoading={busy}
        onOk={() => void issue()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('issueHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          placeholder={t('note')}
          aria-label={t('note')}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
            {error}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
