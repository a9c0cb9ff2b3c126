'use client';

import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { ApiError } from '@/lib/query/api-client';
import { openExport } from '@/lib/query/reports';

/** `filename*=UTF-8''…` (or the plain `filename=`) of a Content-Disposition header. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Downloads an export endpoint's streaming .xlsx: the row count arrives first (`X-Export-Rows`),
 * then the bytes as the server writes them, shown as they come; the file is saved at the end.
 */
export function ExportButton({
  href,
  label,
  size = 'middle',
}: {
  /** The export URL, e.g. `/api/export/complaints.xlsx?list=inbox`. */
  href: string;
  label?: string;
  size?: 'small' | 'middle';
}) {
  const t = useTranslations('reports.export');
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [state, setState] = useState<{ total: number | null; bytes: number } | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setDone(null);
    setState({ total: null, bytes: 0 });
    try {
      const res = await openExport(href, controller.signal);
      if (!res.body) throw new Error(`HTTP ${res.status}`);
      const total = Number(res.headers.get('x-export-rows') ?? Number.NaN);
      const reader = res.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      setState({ total: Number.isFinite(total) ? total : null, bytes });
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.byteLength;
        setState({ total: Number.isFinite(total) ? total : null, bytes });
      }
      const blob = new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filenameOf(res.headers.get('content-disposition'), 'export.xlsx');
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(Number.isFinite(total) ? total : 0);
    } catch (error) {
      if (controller.signal.aborted) return;
      message.error(t('failed', { message: errorText(error) }));
    } finally {
      setState(null);
    }
  };

  return (
    <Space size="small" data-testid="export-button">
      <Button icon={<DownloadOutlined />} size={size} loading={state !== null} onClick={run}>
        {label ?? t('button')}
      </Button>
      {state && (
        <Typography.Text type="secondary" data-testid="export-progress">
          {state.total === null
            ? t('preparing')
            : t('progress', { total: state.total, size: formatSize(state.bytes) })}
        </Typography.Text>
      )}
      {!state && done !== null && (
        <Typography.Text type="secondary" data-testid="export-done">
          {t('done', { total: done })}
        </Typography.Text>
      )}
    </Space>
  );
}
