'use client';

import { Col, Row, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { PerCapitaResponse, SilentArea } from '@/lib/stats/per-capita-types';
import styles from './stats.module.css';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const qText = (q: number) => (q < 0.001 ? '<0.001' : q.toFixed(3));

/** 每万人诉求量 by sub-area (residents of the person registry) and the silent villages and grids to visit. */
export function PerCapitaPanel({ data }: { data: PerCapitaResponse }) {
  const t = useTranslations('stats.perCapita');
  const silent = [...data.silentVillages, ...data.silentGrids];
  const drill = (code: string, level: string) =>
    level === 'grid' ? null : `/stats?area=${code}&from=${data.period.from}&to=${data.period.to}`;
  return (
    <section className={styles.panel} style={{ marginBottom: 16 }} data-panel="per-capita">
      <div className={styles.panelHead}>
        <h2 className={styles.panelTitle}>{t('title', { from: data.period.from, to: data.period.to })}</h2>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('intro', {
          residents: data.total.residents.toLocaleString('zh-CN'),
          complaints: data.total.complaints,
          rate: fmt(data.total.per10k),
        })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Table
            size="small"
            rowKey="code"
            dataSource={data.children}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              {
                title: t('area'),
                key: 'name',
                render: (_, r) => {
                  const href = drill(r.code, r.level);
                  return href ? (
                    <Link href={href} prefetch={false}>
                      <UserContent>{r.name}</UserContent>
                    </Link>
                  ) : (
                    <UserContent>{r.name}</UserContent>
                  );
                },
              },
              { title: t('residents'), dataIndex: 'residents', align: 'right', width: 100 },
              { title: t('complaints'), dataIndex: 'complaints', align: 'right', width: 90 },
              {
                title: t('per10k'),
                key: 'rate',
                align: 'right',
                width: 110,
                render: (_, r) => fmt(r.per10k),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Text strong>{t('silentTitle', { n: silent.length })}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
            {t('silentIntro', {
              q: data.test.q,
              ratio: data.test.maxRatio * 100,
              min: data.test.minResidents,
            })}
          </Typography.Paragraph>
          <Table<SilentArea>
            size="small"
            rowKey={(r) => `${r.level}:${r.code}`}
            dataSource={silent}
            locale={{ emptyText: t('none') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(r) => ({ 'data-silent': `${r.level}:${r.code}` }) as object}
            columns={[
              {
                title: t('area'),
                key: 'name',
                render: (_, r) => (
                  <span>
                    <Tag>{t(`level.${r.level}` as 'level.village')}</Tag>
                    <UserContent>
                      {r.parent} {r.name}
                    </UserContent>
                  </span>
                ),
              },
              { title: t('residents'), dataIndex: 'residents', align: 'right', width: 80 },
              {
                title: t('observedExpected'),
                key: 'oe',
                align: 'right',
                width: 110,
                render: (_, r) => `${r.complaints} / ${r.expected.toFixed(1)}`,
              },
              {
                title: t('vsGroup'),
                key: 'g',
                align: 'right',
                width: 130,
                render: (_, r) => `${fmt(r.per10k)} / ${fmt(r.groupPer10k)}`,
              },
              { title: 'q', key: 'q', align: 'right', width: 70, render: (_, r) => qText(r.q) },
            ]}
          />
        </Col>
      </Row>
    </section>
  );
}
