'use client';

import { Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { DeadlineCountdown } from './deadline-countdown';
import { useNow } from './use-now';

export interface CaseRow {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  categoryName: string | null;
  urgencyCode: string | null;
  urgencyName: string | null;
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
              <Link href={`/cases/${r.id}`} data-case-link={r.id}>
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
        { title: t('columns.category'), dataIndex: 'categoryName', width: 120 },
        {
          title: t('columns.urgency'),
          key: 'urgency',
          width: 90,
          render: (_, r) =>
            r.urgencyName ? <Tag color={r.urgencyColor ?? undefined}>{r.urgencyName}</Tag> : null,
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
          : [{ title: t('columns.reason'), dataIndex: 'routingReason', ellipsis: true }]),
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
