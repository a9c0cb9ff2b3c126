'use client';

import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { UserContent, userData } from '@/components/ui/user-content';
import { formatDateTime } from '@/lib/format/date-time';
import type { TopicDetailResponse } from '@/lib/topics/topic-types';
import { TopicChart } from './topic-chart';
import { ProblemName, patternKey } from './topics-workspace';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pv = (p: number | null) => (p === null ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));
const VERDICT_COLOR = { fell: 'green', rose: 'red', no_change: 'default', too_early: 'default' } as const;

/** /topics/<id>: the picked problem's monthly count and whether it fell after the pick. */
export function TopicDetail({ data }: { data: TopicDetailResponse }) {
  const t = useTranslations('topics');
  const { topic, series, comparison: c } = data;
  const k = topic.candidate;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <Link href="/topics">← {t('detail.back')}</Link>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 20 }} data-topic-id={topic.id}>
          {t('detail.heading', { month: topic.month })}
          <ProblemName p={topic} />
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t.rich('pickedBy', { name: topic.pickedBy, time: formatDateTime(topic.pickedAt), data: userData })}
          {topic.note ? <UserContent> · {topic.note}</UserContent> : ''}
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('detail.atPick', {
            volume: k.volume,
            months: k.monthsActive,
            pattern: t(`pattern.${patternKey(k.pattern)}`),
            offices: k.offices,
            dissatisfaction: pct(k.dissatisfaction),
            reopen: pct(k.reopenRate),
            rank: k.rank,
          })}
        </Typography.Paragraph>
      </div>
      <Card size="small" title={t('detail.chart')}>
        <TopicChart
          months={series.months}
          counts={series.counts}
          topicMonth={topic.month}
          currentMonth={series.currentMonth}
          dataFrom={series.dataFrom}
          beforeMean={c.before.mean}
          afterMean={c.after.months > 0 ? c.after.mean : null}
          labels={{
            count: t('detail.count'),
            beforeMean: t('detail.beforeMean'),
            afterMean: t('detail.afterMean'),
            pickMonth: t('detail.pickMonth'),
            current: t('detail.current'),
          }}
        />
      </Card>
      <Card size="small" title={t('detail.compare')}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('detail.before', { n: c.before.months })}>
            {t('detail.perMonth', { mean: c.before.mean.toFixed(1), total: c.before.total })}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.after', { n: c.after.months })}>
            {c.after.months > 0
              ? t('detail.perMonth', { mean: c.after.mean.toFixed(1), total: c.after.total })
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.ratio')}>
            {c.rateRatio === null ? '—' : c.rateRatio.toFixed(2)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.pDecrease')}>{pv(c.pDecrease)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.pIncrease')}>{pv(c.pIncrease)}</Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 8 }}>
          <Tag color={VERDICT_COLOR[c.verdict]} data-topic-verdict={c.verdict}>
            {t(`detail.verdict.${c.verdict}`)}
          </Tag>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('detail.method')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
