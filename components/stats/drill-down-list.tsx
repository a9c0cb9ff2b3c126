'use client';

import { Pagination, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ExportButton } from '@/components/export/export-button';
import { userContentCell } from '@/components/ui/user-content';
import { formatDateTime, formatDeadline } from '@/lib/format/date-time';
import { type IndicatorId, indicatorDefinition } from '@/lib/stats/definitions';
import type { StatsComplaintRow } from '@/lib/stats/stats.types';
import { IndicatorDefinitionText, useLang } from './definition-tip';
import styles from './stats.module.css';

/** The complaints behind a figure, each linked to its case page; paging in the URL. */
export function DrillDownList({
  indicator,
  part,
  summary,
  filters,
  backHref,
  total,
  rows,
  page,
  pageSize,
}: {
  indicator: IndicatorId;
  part: 'numerator' | 'denominator';
  summary: ReactNode;
  filters: ReactNode[];
  backHref: string;
  total: number;
  rows: StatsComplaintRow[];
  page: number;
  pageSize: number;
}) {
  const t = useTranslations('stats');
  const lang = useLang();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const d = indicatorDefinition(indicator);
  // The Excel file holds every case behind the figure (not just this page), in the same order.
  const exportQuery = new URLSearchParams(search.toString());
  exportQuery.delete('page');
  exportQuery.set('list', 'indicator');
  const columns: ColumnsType<StatsComplaintRow> = [
    {
      title: t('drillColumns.code'),
      dataIndex: 'trackingCode',
      width: 120,
      render: (code: string, r) => (
        <Link href={`/cases/${r.id}`} prefetch={false}>
          {code}
        </Link>
      ),
    },
    {
      title: t('drillColumns.title'),
      dataIndex: 'title',
      width: 200,
      render: (title: string, r) => (
        <Link href={`/cases/${r.id}`} prefetch={false} data-user-content>
          {title}
        </Link>
      ),
    },
    {
      title: t('drillColumns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => t(`statuses.${s}` as 'statuses.received'),
    },
    {
      title: t('drillColumns.category'),
      dataIndex: 'categoryName',
      width: 120,
      render: (v, r) => (lang === 'en' ? r.categoryNameEn : v) ?? t('uncategorised'),
    },
    { title: t('drillColumns.office'), dataIndex: 'officeName', render: (v) => userContentCell(v ?? '—') },
    { title: t('drillColumns.village'), dataIndex: 'villageName', render: userContentCell },
    { title: t('drillColumns.submitted'), dataIndex: 'submittedAt', width: 140, render: formatDateTime },
    { title: t('drillColumns.replied'), dataIndex: 'firstRepliedAt', width: 140, render: formatDateTime },
    { title: t('drillColumns.resolved'), dataIndex: 'resolvedAt', width: 140, render: formatDateTime },
    { title: t('drillColumns.due'), dataIndex: 'resolveDueAt', width: 140, render: formatDeadline },
  ];
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title} data-testid="drill-title">
            {t('drillTitle', {
              indicator: d.name[lang],
              part: t(`drillParts.${d.denominator ? part : 'counted'}`),
            })}
          </h1>
          <div className={styles.subtitle}>{summary}</div>
          {filters.map((f, i) => (
            <div key={['office', 'category'][i]} className={styles.subtitle}>
              {f}
            </div>
          ))}
        </div>
        <div className={styles.headerActions}>
          <ExportButton size="small" href={`/api/export/complaints.xlsx?${exportQuery.toString()}`} />
          <Link href={backHref}>{t('drillBack')}</Link>
        </div>
      </div>
      <section className={styles.panel} style={{ marginBottom: 12, background: '#fafafa' }}>
        <div style={{ color: '#1f1f1f' }}>
          <IndicatorDefinitionText id={indicator} light />
        </div>
      </section>
      <Table<StatsComplaintRow>
        className={styles.table}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="drill-table"
      />
      {total > pageSize && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={pageSize}
          total={total}
          showSizeChanger={false}
          onChange={(p) => {
            const q = new URLSearchParams(search.toString());
            q.set('page', String(p));
            router.push(`${pathname}?${q.toString()}`);
          }}
        />
      )}
    </div>
  );
}
