'use client';

import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { UserContent, userData } from '@/components/ui/user-content';
import { formatDateTime } from '@/lib/format/date-time';
import { pickTopic } from '@/lib/query/topics';
import { addMonths } from '@/lib/topics/before-after';
import type { TopicCandidate, TopicCandidatesResponse } from '@/lib/topics/topic-types';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A problem's name: its place (data, Chinese only) and its category in the UI's language. */
export function ProblemName({
  p,
}: {
  p: { area: { path: string }; category: { name: string; nameEn: string } };
}) {
  const locale = useLocale();
  return (
    <>
      <UserContent>{p.area.path}</UserContent> {locale === 'en' ? p.category.nameEn : p.category.name}
    </>
  );
}

/** The pattern's label key (cold classes share one word). */
export const patternKey = (p: string) => (p.endsWith('_cold') ? 'other' : p);

/** /topics: this month's 每月一题 candidates of the division, the pick, and the topics picked before. */
export function TopicsWorkspace({
  data,
  currentMonth,
}: {
  data: TopicCandidatesResponse;
  currentMonth: string;
}) {
  const t = useTranslations('topics');
  const router = useRouter();
  const { message } = App.useApp();
  const errorText = useApiErrorText();
  const [choice, setChoice] = useState<TopicCandidate | null>(null);
  const [note, setNote] = useState('');
  const pick = useMutation({
    mutationFn: (c: TopicCandidate) =>
      pickTopic({
        month: data.month,
        areaCode: c.area.code,
        categoryCode: c.category.code,
        note: note || undefined,
      }),
    onSuccess: (r) => {
      message.success(t('pickOk'));
      setChoice(null);
      router.push(`/topics/${r.topic.id}`);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const canPickNow = data.canPick && !data.picked;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1200 }}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 20 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      <Space wrap>
        <Link href={`/topics?month=${addMonths(data.month, -1)}`} prefetch={false}>
          ← {t('prev')}
        </Link>
        <strong data-topics-month={data.month}>
          {t('window', { month: data.month, from: data.window.fromMonth, to: data.window.toMonth })}
        </strong>
        {data.month < currentMonth && (
          <>
            <Link href={`/topics?month=${addMonths(data.month, 1)}`} prefetch={false}>
              {t('next')} →
            </Link>
            <Link href="/topics" prefetch={false}>
              {t('thisMonth')}
            </Link>
          </>
        )}
      </Space>
      {data.picked && (
        <Alert
          type="success"
          showIcon
          data-topic-picked={data.picked.id}
          title={
            <>
              {t('picked', { month: data.picked.month })}
              <ProblemName p={data.picked} />
            </>
          }
          description={
            <span>
              {t.rich('pickedBy', {
                name: data.picked.pickedBy,
                time: formatDateTime(data.picked.pickedAt),
                data: userData,
              })}
              {data.picked.note ? <UserContent> · {data.picked.note}</UserContent> : ''} ·{' '}
              <Link href={`/topics/${data.picked.id}`}>{t('openTopic')}</Link>
            </span>
          }
        />
      )}
      {!data.canPick && data.month !== currentMonth && <Alert type="info" title={t('notPickable')} />}
      <Card size="small" data-topic-candidates={data.candidates.length}>
        {data.candidates.length === 0 ? (
          <Empty description={t('none')} />
        ) : (
          <Table<TopicCandidate>
            size="small"
            rowKey={(c) => `${c.area.code}:${c.category.code}`}
            pagination={false}
            dataSource={data.candidates}
            columns={[
              { title: t('columns.rank'), dataIndex: 'rank', width: 56 },
              {
                title: t('columns.problem'),
                key: 'problem',
                render: (_, c) => (
                  <span data-topic-candidate={`${c.area.code}:${c.category.code}`}>
                    <ProblemName p={c} />
                  </span>
                ),
              },
              { title: t('columns.volume'), dataIndex: 'volume', align: 'right' },
              {
                title: t('columns.months'),
                key: 'months',
                render: (_, c) => t('monthsOf', { n: c.monthsActive }),
              },
              {
                title: t('columns.pattern'),
                key: 'pattern',
                render: (_, c) => (
                  <Tag color={c.pattern.endsWith('_hot') ? 'volcano' : undefined}>
                    {t(`pattern.${patternKey(c.pattern)}`)}
                  </Tag>
                ),
              },
              { title: t('columns.offices'), dataIndex: 'offices', align: 'right' },
              {
                title: t('columns.dissatisfaction'),
                key: 'dissatisfaction',
                align: 'right',
                render: (_, c) => pct(c.dissatisfaction),
              },
              {
                title: t('columns.reopen'),
                key: 'reopen',
                align: 'right',
                render: (_, c) => pct(c.reopenRate),
              },
              {
                title: t('columns.score'),
                key: 'score',
                align: 'right',
                render: (_, c) => c.score.toFixed(2),
              },
              ...(canPickNow
                ? [
                    {
                      title: t('columns.action'),
                      key: 'action',
                      render: (_: unknown, c: TopicCandidate) => (
                        <Button size="small" onClick={() => setChoice(c)}>
                          {t('pick')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('history')}>
        <List
          size="small"
          locale={{ emptyText: <Typography.Text type="secondary">{t('historyEmpty')}</Typography.Text> }}
          dataSource={data.topics}
          renderItem={(topic) => (
            <List.Item key={topic.id}>
              <Link href={`/topics/${topic.id}`} prefetch={false}>
                {topic.month} · <ProblemName p={topic} />
              </Link>
              <Typography.Text type="secondary">
                {t.rich('pickedBy', {
                  name: topic.pickedBy,
                  time: formatDateTime(topic.pickedAt),
                  data: userData,
                })}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={choice !== null}
        title={t('pickTitle')}
        okText={t('pick')}
        confirmLoading={pick.isPending}
        onOk={() => choice && pick.mutate(choice)}
        onCancel={() => setChoice(null)}
      >
        {choice && (
          <>
            <p>{t('pickConfirm', { month: data.month })}</p>
            <p>
              <strong>
                <ProblemName p={choice} />
              </strong>
            </p>
          </>
        )}
        <Input.TextArea
          aria-label={t('note')}
          placeholder={t('note')}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
