'use client';

import { Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { userContentOnCell } from '@/components/ui/user-content';
import { readableTagColor } from '@/lib/format/readable-color';
import { DeadlineCountdown } from './deadline-countdown';
import { useNow } from './use-now';

export interface CaseRow {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  categoryName: string | null;
  categoryNameEn?: string | null;
  urgencyCode: string | null;
  urgencyName: string | null;
  urgencyNameEn?: string | null;
  urgencyColor: string | null;
  responsibleOfficeId: number | null;
  responsibleOfficeName: string | null;
  routingReason: string | null;
  submittedAt: Date | string;
  firstRepliedAt: Date | string | null;
  firstReplyDueAt: Date | string | null;
  resolveDueAt: Date | string | null;
}

/** Cases by deadline with live countdowns: the handler inbox and the manual dispatch queue. */
export function CaseTable({
  rows,
  serverNow,
  officeId,
  mode,
}: {
  rows: CaseRow[];
  serverNow: number;
  /** The viewer's office: other offices' cases are marked as co-handling. */
  officeId?: number;
  mode: 'inbox' | 'dispatch';
}) {
  const t = useTranslations('workflow');
  const now = useNow(serverNow);
  const en = useLocale() === 'en';
  return (
    <Table<CaseRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      locale={{ emptyText: t(mode === 'inbox' ? 'inbox.empty' : 'dispatch.empty') }}
      columns={[
        {
          title: t('columns.case'),
          key: 'case',
          render: (_, r) => (
            <div>
              <Link href={`/cases/${r.id}`} data-case-link={r.id} data-user-content>
                {r.title}
              </Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  #{r.id} · {r.trackingCode}
                </Typography.Text>
                {officeId !== undefined && r.responsibleOfficeId !== officeId && (
                  <Tag style={{ marginInlineStart: 8 }}>{t('inbox.coHandling')}</Tag>
                )}
              </div>
            </div>
          ),
        },
        {
          title: t('columns.category'),
          key: 'category',
          width: 120,
          render: (_, r) => (en ? (r.categoryNameEn ?? r.categoryName) : r.categoryName),
        },
        {
          title: t('columns.urgency'),
          key: 'urgency',
          width: 90,
          render: (_, r) =>
            r.urgencyName ? (
              <Tag color={r.urgencyColor ? readableTagColor(r.urgencyColor) : undefined}>
                {en ? (r.urgencyNameEn ?? r.urgencyName) : r.urgencyName}
              </Tag>
            ) : null,
        },
        {
          title: t('columns.status'),
          key: 'status',
          width: 90,
          render: (_, r) => t(`status.${r.status}` as 'status.received'),
        },
        ...(mode === 'inbox'
          ? [
              {
                title: t('columns.firstReply'),
                key: 'firstReply',
                width: 150,
                render: (_: unknown, r: CaseRow) => (
                  <DeadlineCountdown
                    dueAt={r.firstReplyDueAt}
                    status={r.status}
                    now={now}
                    met={r.firstRepliedAt !== null}
                    doneAt={r.firstRepliedAt}
                  />
                ),
              },
            ]
          : [
              {
                title: t('columns.reason'),
                key: 'reason',
                ellipsis: true,
                // The routing engine's reason, stored in Chinese when the case was routed (a record); the
                // cell carries it in its title too.
                onCell: userContentOnCell,
                render: (_: unknown, r: CaseRow) => r.routingReason,
              },
            ]),
        {
          title: t('columns.resolve'),
          key: 'resolve',
          width: 150,
          render: (_, r) => <DeadlineCountdown dueAt={r.resolveDueAt} status={r.status} now={now} />,
        },
      ]}
    />
  );
}
