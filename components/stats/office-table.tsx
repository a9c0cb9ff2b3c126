'use client';

import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { userContentCell } from '@/components/ui/user-content';
import type { IndicatorId } from '@/lib/stats/definitions';
import { formatFigure } from '@/lib/stats/indicator-values';
import type { OfficeRankingRow } from '@/lib/stats/stats.types';
import { DefinitionTip, IndicatorTipIcon, useLang } from './definition-tip';
import { drillHref } from './drill-href';
import styles from './stats.module.css';

/** Indicators by first-responsible office; every figure links to its cases and explains itself. */
export function OfficeTable({
  rows,
  area,
  from,
  to,
}: {
  rows: OfficeRankingRow[];
  area: string;
  from: string;
  to: string;
}) {
  const t = useTranslations('stats');
  const lang = useLang();
  const cell = (
    id: IndicatorId,
    value: number | null,
    unit: 'count' | 'percent' | 'days',
    office: number,
    part: 'numerator' | 'denominator' = unit === 'percent' ? 'denominator' : 'numerator',
  ) => (
    <DefinitionTip id={id}>
      <Link
        prefetch={false}
        className={styles.num}
        href={drillHref({ indicator: id, part, area, from, to, office })}
        style={{ color: value === null ? '#666' : '#0958d9' }}
      >
        {value === null ? '—' : formatFigure(unit, value, lang)}
      </Link>
    </DefinitionTip>
  );
  const head = (label: string, id: IndicatorId) => (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      {label}
      <IndicatorTipIcon id={id} />
    </span>
  );
  const num = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);
  const columns: ColumnsType<OfficeRankingRow> = [
    { title: t('columns.rank'), dataIndex: 'rank', width: 64, sorter: (a, b) => a.rank - b.rank },
    { title: t('columns.office'), dataIndex: 'officeName', width: 200, render: userContentCell },
    {
      title: t('columns.tier'),
      dataIndex: 'tier',
      width: 96,
      render: (tier: string) => (tier ? t(`tiers.${tier}` as 'tiers.county') : ''),
    },
    {
      title: head(t('columns.volume'), 'volume'),
      key: 'volume',
      align: 'right',
      sorter: (a, b) => a.volume - b.volume,
      render: (_, r) => cell('volume', r.volume, 'count', r.officeId),
    },
    {
      title: head(t('columns.resolved'), 'resolved'),
      key: 'resolved',
      align: 'right',
      sorter: (a, b) => a.resolved - b.resolved,
      render: (_, r) => cell('resolved', r.resolved, 'count', r.officeId),
    },
    {
      title: head(t('columns.onTime'), 'on_time'),
      key: 'onTime',
      align: 'right',
      sorter: (a, b) => num(a.onTimeRate, b.onTimeRate),
      render: (_, r) => cell('on_time', r.onTimeRate, 'percent', r.officeId),
    },
    {
      title: head(t('columns.firstReply'), 'first_reply'),
      key: 'firstReply',
      align: 'right',
      sorter: (a, b) => num(a.firstReplyRate, b.firstReplyRate),
      render: (_, r) => cell('first_reply', r.firstReplyRate, 'percent', r.officeId),
    },
    {
      title: head(t('columns.satisfaction'), 'satisfaction'),
      key: 'satisfaction',
      align: 'right',
      sorter: (a, b) => num(a.satisfactionRate, b.satisfactionRate),
      render: (_, r) => cell('satisfaction', r.satisfactionRate, 'percent', r.officeId),
    },
    {
      title: head(t('columns.handling'), 'handling_avg'),
      key: 'handling',
      align: 'right',
      sorter: (a, b) => num(a.avgHandlingDays, b.avgHandlingDays),
      render: (_, r) => cell('handling_avg', r.avgHandlingDays, 'days', r.officeId, 'numerator'),
    },
    {
      title: head(t('columns.overdue'), 'overdue'),
      key: 'overdue',
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (_, r) => cell('overdue', r.overdue, 'count', r.officeId),
    },
    {
      title: head(t('columns.letters'), 'letters_issued'),
      key: 'letters',
      align: 'right',
      sorter: (a, b) => a.lettersIssued - b.lettersIssued,
      render: (_, r) => cell('letters_issued', r.lettersIssued, 'count', r.officeId),
    },
  ];
  return (
    <Table<OfficeRankingRow>
      className={styles.table}
      rowKey="officeId"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 980 }}
      data-testid="office-ranking"
    />
  );
}
