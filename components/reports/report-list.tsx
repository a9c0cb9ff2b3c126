'use client';

import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Table, Tag } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { formatDateTime } from '@/lib/format/date-time';
import { issueReport } from '@/lib/query/reports';

export interface ReportListRow {
  id: number;
  areaCode: string;
  areaName: string;
  areaLevel: string;
  month: string;
  version: number;
  generatedAt: string;
  generatedByName: string | null;
  pdfBytes: number | null;
}

export interface ReportArea {
  code: string;
  name: string;
  level: string;
}

const cst = formatDateTime;

/** Issued reports by area and month, and the form that issues one on demand. */
export function ReportList({
  rows,
  areas,
  months,
  defaultArea,
}: {
  rows: ReportListRow[];
  areas: ReportArea[];
  /** 'YYYY-MM', newest first (the current month included). */
  months: string[];
  defaultArea: string;
}) {
  const t = useTranslations('reports.report.list');
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ areaCode: string; month: string }>();
  // Set once hydrated: before that a click would submit the bare HTML form.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const generate = async (values: { areaCode: string; month: string }) => {
    setBusy(true);
    try {
      const report = await issueReport(values);
      message.success(t('generated_ok', { version: report.version }));
      if (report.pdfError) message.warning(report.pdfError.message);
      router.push(`/reports/${report.id}`);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form
        form={form}
        layout="inline"
        onFinish={generate}
        initialValues={{ areaCode: defaultArea, month: months[1] ?? months[0] }}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="report-generate"
        data-ready={ready ? 'true' : 'false'}
      >
        <Form.Item name="areaCode" label={t('area')} rules={[{ required: true, message: t('areaRequired') }]}>
          <Select
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            options={areas.map((a) => ({
              value: a.code,
              label: a.level === 'town' ? `\u3000${a.name}` : a.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="month" label={t('month')} rules={[{ required: true, message: t('monthRequired') }]}>
          <Select style={{ width: 130 }} options={months.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {busy ? t('generating') : t('generate')}
          </Button>
        </Form.Item>
      </Form>
      <Table<ReportListRow>
        rowKey="id"
        size="middle"
        dataSource={rows}
        locale={{ emptyText: t('empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('month'), dataIndex: 'month', render: (m: string) => m.slice(0, 7), width: 100 },
          {
            title: t('area'),
            dataIndex: 'areaName',
            render: (name: string, r) => (
              <Link href={`/reports/${r.id}`} data-user-content>
                {name}
              </Link>
            ),
          },
          { title: t('version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
          {
            title: t('generated'),
            dataIndex: 'generatedAt',
            render: (at: string, r) => (
              <>
                {cst(at)}{' '}
                {r.generatedByName ? (
                  <span data-user-content>{r.generatedByName}</span>
                ) : (
                  <Tag>{t('auto')}</Tag>
                )}
              </>
            ),
          },
          {
            title: t('pdf'),
            dataIndex: 'pdfBytes',
            width: 150,
            render: (bytes: number | null, r) => (
              <a href={`/api/reports/${r.id}/pdf?download=1`}>
                <FilePdfOutlined /> {bytes ? `${Math.round(bytes / 1024)} KB` : t('download')}
              </a>
            ),
          },
        ]}
      />
    </>
  );
}
