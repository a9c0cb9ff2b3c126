'use client';

import { App, Button, Space, Typography } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

interface Contact {
  name: string | null;
  phone: string | null;
}

/**
 * The reporter's contact on the case page: masked (138****5678) by default; for the viewers the
 * policy entitles, a "查看完整联系方式" button fetches the full contact (POST, audited on the server).
 */
export function ContactUnmask({
  caseId,
  masked,
  canUnmask,
}: {
  caseId: number;
  masked: Contact;
  canUnmask: boolean;
}) {
  const t = useTranslations('confidentiality');
  const { message } = App.useApp();
  const [full, setFull] = useState<Contact | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = full ?? masked;

  async function unmask() {
    setBusy(true);
    try {
      const response = await fetch(`/api/complaints/${caseId}/contact`, {
        method: 'POST',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        message.error(response.status === 403 ? t('forbidden') : t('failed'));
        return;
      }
      const body = (await response.json()) as { contact: Contact };
      setFull(body.contact);
    } catch {
      message.error(t('failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space wrap size={4} className="case-contact" data-unmasked={full ? 'true' : 'false'}>
      <span className="case-contact__value" data-user-content>
        {`${shown.name ?? ''} ${shown.phone ?? ''}`.trim() || '—'}
      </span>
      {canUnmask && !full && (
        <Button size="small" type="link" loading={busy} onClick={unmask} className="case-contact__unmask">
          {t('unmask')}
        </Button>
      )}
      {full && <Typography.Text type="secondary">{t('logged')}</Typography.Text>}
    </Space>
  );
}
