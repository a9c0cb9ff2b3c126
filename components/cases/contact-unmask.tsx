'use client';

import { App, Button, Space, Typography } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ApiError } from '@/lib/query/api-client';
import { type CaseContact, unmaskContact } from '@/lib/query/cases';

type Contact = CaseContact;

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
      setFull(await unmaskContact(caseId));
    } catch (e) {
      message.error(e instanceof ApiError && e.status === 403 ? t('forbidden') : t('failed'));
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
