'use client';

import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ExportButton } from '@/components/export/export-button';
import { userContentCell, userData } from '@/components/ui/user-content';
import type { AssessedOffice } from '@/lib/stats/assessment';
import { ASSESSMENT_DEFINITION } from '@/lib/stats/definitions';
import { monthPeriod } from '@/lib/stats/period';
import type { AreaPathNode, Assessment } from '@/lib/stats/stats.types';
import type { StatsState } from '@/lib/stats/url-state';
import { DefinitionTip, IndicatorTipIcon, TextTip, useLang } from './definition-tip';
import { drillHref } from './drill-href';
import styles from './stats.module.css';
import { StatsFilters } from './stats-filters';
import { WeightsEditor } from './weights-editor';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** 三率考核: the month's ranking of offices, the 红黑榜, and (admins) the weights editor. */
export function AssessmentView({
  data,
  state,
  areaPath,
  canEdit,
}: {
  data: Assessment;
  state: StatsState;
  areaPath: AreaPathNode[];
  canEdit: boolean;
}) {
  const t = useTranslations('stats');
  const lang = useLang();
  const p = monthPeriod(data.month);
  const link = (id: 'first_reply' | 'on_time' | 'satisfaction', office: number) =>
    drillHref({ indicator: id, part: 'denominator', area: data.area.code, from: p.from, to: p.to, office });
  const rate = (id: 'first_reply' | 'on_time' | 'satisfaction', v: number | null, r: AssessedOffice) => (
    <DefinitionTip id={id}>
      <Link prefetch={false} href={link(id, r.officeId)} className={styles.num}>
        {pct(v)}
      </Link>
    </DefinitionTip>
  );
  const head = (label: string, id: 'first_reply' | 'on_time' | 'satisfaction', w: number) => (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      {label} ({w}%)
      <IndicatorTipIcon id={id} />
    </span>
  );
  const scoreCell = (s: number | null) => (
    <Tooltip
      title={<div className={styles.tip}>{ASSESSMENT_DEFINITION[lang]}</div>}
      styles={{ root: { maxWidth: 480 } }}
    >
      <span className={styles.score}>{s === null ? '—' : s.toFixed(1)}</span>
    </Tooltip>
  );
  const columns: ColumnsType<AssessedOffice> = [
    { title: t('columns.rank'), dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '—' },
    { title: t('columns.office'), dataIndex: 'officeName', width: 200, render: userContentCell },
    {
      title: t('columns.tier'),
      dataIndex: 'tier',
      width: 96,
      render: (tier: string) => (tier ? t(`tiers.${tier}` as 'tiers.county') : ''),
    },
    {
      title: (
        <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
          {t('assessment.score')}
          <TextTip text={ASSESSMENT_DEFINITION} />
        </span>
      ),
      dataIndex: 'score',
      align: 'right',
      sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      render: scoreCell,
    },
    {
      title: head(t('assessment.response'), 'first_reply', data.weights.response),
      key: 'response',
      align: 'right',
      render: (_, r) => rate('first_reply', r.responseRate, r),
    },
    {
      title: head(t('assessment.resolution'), 'on_time', data.weights.resolution),
      key: 'resolution',
      align: 'right',
      render: (_, r) => rate('on_time', r.resolutionRate, r),
    },
    {
      title: head(t('assessment.satisfaction'), 'satisfaction', data.weights.satisfaction),
      key: 'satisfaction',
      align: 'right',
      render: (_, r) => rate('satisfaction', r.satisfactionRate, r),
    },
    {
      title: t('assessment.cases'),
      dataIndex: 'cases',
      align: 'right',
      width: 100,
      sorter: (a, b) => a.cases - b.cases,
    },
    {
      title: t('assessment.eligible'),
      dataIndex: 'eligible',
      width: 120,
      render: (e: boolean) => (e ? <Tag color="blue">✓</Tag> : <Tag>{t('assessment.notEligible')}</Tag>),
    },
  ];
  const board = (kind: 'red' | 'black', list: AssessedOffice[]) => (
    <section
      className={`${styles.panel} ${kind === 'red' ? styles.red : styles.black}`}
      data-testid={`board-${kind}`}
    >
      <div className={styles.panelHead}>
        <h2 className={styles.panelTitle} style={{ color: kind === 'red' ? '#cf1322' : '#000' }}>
          {t(`assessment.${kind}`)}
        </h2>
      </div>
      {list.length === 0 ? (
        <div className={styles.hint}>{t('assessment.boardEmpty', { min: data.minCases })}</div>
      ) : (
        <ol className={styles.boardList}>
          {list.map((o, i) => (
            <li key={o.officeId}>
              <span>
                {i + 1}. <span data-user-content>{o.officeName}</span>
                <span className={styles.hint}>
                  {' '}
                  · {t('assessment.cases')} {o.cases}
                </span>
              </span>
              <Tooltip title={<div className={styles.tip}>{ASSESSMENT_DEFINITION[lang]}</div>}>
                <span className={styles.score}>{o.score?.toFixed(1)}</span>
              </Tooltip>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>
            {t('assessment.title')} <TextTip text={ASSESSMENT_DEFINITION} />
          </h1>
          <div className={styles.subtitle}>
            {t.rich('assessment.subtitle', { area: data.area.name, month: data.month, data: userData })}
          </div>
          <div className={styles.hint} style={{ marginTop: 4 }}>
            {t('assessment.weightsInForce', { ...data.weights })} ·{' '}
            {t('assessment.boardNote', { min: data.minCases, size: data.boardSize })}
          </div>
        </div>
        <StatsFilters state={state} areaPath={areaPath} monthOnly />
      </div>
      <div className={styles.board}>
        {board('red', data.red)}
        {board('black', data.black)}
      </div>
      <section className={styles.panel} style={{ marginBottom: 16 }}>
        <div className={styles.panelHead}>
          <h2 className={styles.panelTitle}>{t('assessment.ranking')}</h2>
          <ExportButton
            size="small"
            label={t('exportExcel')}
            href={`/api/export/stats.xlsx?${new URLSearchParams({ table: 'assessment', area: data.area.code, month: data.month }).toString()}`}
          />
        </div>
        <Table<AssessedOffice>
          className={styles.table}
          rowKey="officeId"
          size="middle"
          columns={columns}
          dataSource={data.offices}
          pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          data-testid="assessment-ranking"
        />
      </section>
      {canEdit && (
        <section className={styles.panel}>
          <div className={styles.panelHead}>
            <h2 className={styles.panelTitle}>{t('assessment.editWeights')}</h2>
          </div>
          <WeightsEditor weights={data.weights} />
        </section>
      )}
      <div className={styles.hint} style={{ marginTop: 12 }}>
        {ASSESSMENT_DEFINITION[lang]}
      </div>
    </div>
  );
}

/** The admin's view: weights only (admins see no complaints). */
export function AssessmentWeightsOnly({ weights }: { weights: Assessment['weights'] }) {
  const t = useTranslations('stats');
  const lang = useLang();
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>
            {t('assessment.title')} <TextTip text={ASSESSMENT_DEFINITION} />
          </h1>
          <div className={styles.subtitle}>{t('assessment.adminOnly')}</div>
        </div>
      </div>
      <section className={styles.panel}>
        <div className={styles.panelHead}>
          <h2 className={styles.panelTitle}>{t('assessment.weights')}</h2>
        </div>
        <WeightsEditor weights={weights} />
      </section>
      <div className={styles.hint} style={{ marginTop: 12, fontSize: 14, lineHeight: 1.6 }}>
        {ASSESSMENT_DEFINITION[lang]}
      </div>
    </div>
  );
}
