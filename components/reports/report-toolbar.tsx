'use client';

import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { issueReport } from '@/lib/query/reports';

/** Above the printed sheet (hidden in print): back, print, the stored PDF, re-issue, other versions. */
export function ReportToolbar({
  id,
  areaCode,
  month,
  versions,
}: {
  id: number;
  areaCode: string;
  /** 'YYYY-MM' */
  month: string;
  versions: { id: number; version: number }[];
}) {
  const t = useTranslations('reports.report.view');
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  const reissue = async () => {
    setBusy(true);
    try {
      const report = await issueReport({ areaCode, month });
      router.push(`/reports/${report.id}`);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-toolbar">
      <Space wrap>
        <Link href="/reports">
          <ArrowLeftOutlined /> {t('back')}
        </Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
        <Button icon={<FilePdfOutlined />} href={`/api/reports/${id}/pdf?download=1`} type="primary">
          {t('download')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reissue} loading={busy}>
          {t('reissue')}
        </Button>
        {versions.length > 1 && (
          <span>
            {t('versions')}:{' '}
            {versions.map((v) =>
              v.id === id ? (
                <strong key={v.id}> v{v.version} </strong>
              ) : (
                <Link key={v.id} href={`/reports/${v.id}`}>
                  {' '}
                  v{v.version}{' '}
                </Link>
              ),
            )}
          </span>
        )}
      </Space>
    </div>
  );
}
