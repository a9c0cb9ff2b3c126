'use client';

import type { Layer } from '@deck.gl/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Switch,
  Tabs,
  Tag,
} from 'antd';
import type { Feature, Geometry } from 'geojson';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ExportButton } from '@/components/export/export-button';
import type { Clue } from '@/lib/clues/clues.types';
import { formatDateTime } from '@/lib/format/date-time';
import { readableTagColor } from '@/lib/format/readable-color';
import type { AnalysisSetup } from '@/lib/hotspots/hotspots.types';
import {
  type AnalysisTab,
  analysisQuery,
  CELL_SIZES,
  EPS_METRES,
  type HotspotParams,
  type HotspotState,
  type HotspotTab,
  hotspotStateQuery,
  MIN_POINTS,
  PERIOD_MONTHS,
  parseHotspotState,
  runAnalysis,
} from '@/lib/hotspots/url-state';
import { labelSeparator } from '@/lib/i18n/config';
import {
  type EmergingCell,
  fetchClue,
  fetchClues,
  type GiCell,
  hotspotQueries,
  postJson,
} from '@/lib/query/analytics';
import {
  BIN_COLORS,
  type CellProps,
  clusterCentresLayer,
  clusterHullsLayer,
  emergingCellsLayer,
  giCellsLayer,
  PATTERN_COLORS,
} from './analysis-layers';
import { AnalysisMap } from './analysis-map';
import { FindingCard } from './finding-card';
import { SeriesChart } from './series-chart';

type Tab = HotspotTab;
const rgba = (c: number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

function readUrlState(setup: AnalysisSetup): HotspotState {
  const p = new URLSearchParams(window.location.search);
  return parseHotspotState((k) => p.get(k), {
    divisions: [setup.divisionCode, ...setup.divisions.map((d) => d.code)],
    today: new Date(),
  });
}

/** The bounding box of a GeoJSON geometry (a cluster's hull), [west, south, east, north]. */
function bboxOf(g: Geometry): [number, number, number, number] | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      xs.push(c[0] as number);
      ys.push(c[1] as number);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  if ('coordinates' in g) walk(g.coordinates);
  if (!xs.length) return null;
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * The inspector's hot-spot workspace: Gi*, emerging hot spots, DBSCAN clusters and clues. Its state
 * (tab, parameters, the analyses run, the selected cell or cluster) lives in the URL
 * (lib/hotspots/url-state.ts): a result is a link, and switching tabs keeps each tab's result.
 */
export function HotspotWorkspace({ setup }: { setup: AnalysisSetup }) {
  const t = useTranslations('analytics');
  const locale = useLocale();
  const [state, setState] = useState<HotspotState>(() => readUrlState(setup));
  /** The form being edited; applied by 运行. */
  const [form, setForm] = useState<HotspotParams>(() => state);
  const setField =
    <K extends keyof HotspotParams>(k: K) =>
    (v: HotspotParams[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const { tab, cell, cluster: selectedCluster } = state;

  // The URL follows the state (replaceState: no navigation, no server request).
  useEffect(() => {
    const q = hotspotStateQuery(state, setup.divisionCode);
    const url = `${window.location.pathname}${q ? `?${q}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, '', url);
  }, [state, setup.divisionCode]);

  const giQuery = analysisQuery('gi', state);
  const ran = (k: AnalysisTab) => state.runs.includes(k);
  const gi = useQuery({ ...hotspotQueries.gi(giQuery), enabled: tab === 'gi' && ran('gi') });
  const emerging = useQuery({
    ...hotspotQueries.emerging(analysisQuery('emerging', state)),
    enabled: tab === 'emerging' && ran('emerging'),
  });
  const clusters = useQuery({
    ...hotspotQueries.clusters(analysisQuery('clusters', state)),
    enabled: tab === 'clusters' && ran('clusters'),
  });
  const cellComplaints = useQuery({
    ...hotspotQueries.cellComplaints(giQuery, cell ?? { i: 0, j: 0 }),
    enabled: tab === 'gi' && cell !== null && gi.data !== undefined,
  });
  const runKey = tab !== 'clues' && ran(tab) ? analysisQuery(tab, state) : null;

  const run = () => {
    if (tab !== 'clues') setState((s) => runAnalysis(s, form, tab, new Date()));
  };
  const onCell = useCallback(
    (f: Feature<Geometry, CellProps>) =>
      setState((s) => ({ ...s, cell: { i: f.properties.i, j: f.properties.j } })),
    [],
  );
  const selectCluster = useCallback((k: number | null) => setState((s) => ({ ...s, cluster: k })), []);

  const layers = useMemo((): Layer[] => {
    if (tab === 'gi' && gi.data) return [giCellsLayer(gi.data, onCell)];
    if (tab === 'emerging' && emerging.data) return [emergingCellsLayer(emerging.data, onCell)];
    if (tab === 'clusters' && clusters.data)
      return [
        clusterHullsLayer(clusters.data.clusters, selectedCluster),
        clusterCentresLayer(clusters.data.clusters, (c) => selectCluster(c.cluster), selectedCluster),
      ];
    return [];
  }, [tab, gi.data, emerging.data, clusters.data, selectedCluster, onCell, selectCluster]);

  const selected =
    tab === 'clusters' && selectedCluster !== null
      ? clusters.data?.clusters.find((c) => c.cluster === selectedCluster)
      : undefined;
  const focus = useMemo(() => (selected ? bboxOf(selected.hull) : null), [selected]);
  const divisionBounds = state.division === setup.divisionCode ? setup.bounds : null;
  const loading = gi.isFetching || emerging.isFetching || clusters.isFetching;
  const error = (
    tab === 'gi' ? gi.error : tab === 'emerging' ? emerging.error : clusters.error
  ) as Error | null;
  const resultReady =
    tab === 'gi'
      ? !!gi.data
      : tab === 'emerging'
        ? !!emerging.data
        : tab === 'clusters'
          ? !!clusters.data
          : true;

  const controls = (
    <Form layout="vertical" size="small" className="analysis__form">
      <Form.Item label={t('area')}>
        <Select
          value={form.division}
          onChange={setField('division')}
          options={setup.divisions.map((d) => ({ value: d.code, label: d.name }))}
          aria-label={t('area')}
        />
      </Form.Item>
      <Form.Item label={t('category')}>
        <Select
          aria-label={t('category')}
          allowClear
          placeholder={t('allCategories')}
          value={form.category ?? undefined}
          onChange={(v?: string) => setField('category')(v ?? null)}
          options={setup.categories.map((c) => ({
            value: c.code,
            label: locale === 'en' ? c.nameEn : c.name,
          }))}
        />
      </Form.Item>
      {tab !== 'emerging' && (
        <Form.Item label={t('period')}>
          <Select
            aria-label={t('period')}
            value={form.months}
            onChange={setField('months')}
            options={PERIOD_MONTHS.map((m) => ({ value: m, label: t(`periods.${m}`) }))}
          />
        </Form.Item>
      )}
      {(tab === 'gi' || tab === 'emerging') && (
        <Space wrap>
          <Form.Item label={t('cellSize')}>
            <Select
              aria-label={t('cellSize')}
              value={form.cellSize}
              onChange={setField('cellSize')}
              style={{ width: 110 }}
              options={CELL_SIZES.map((m) => ({ value: m, label: `${m} m` }))}
            />
          </Form.Item>
          {tab === 'gi' && (
            <Form.Item label={t('shape')}>
              <Select
                aria-label={t('shape')}
                value={form.shape}
                onChange={setField('shape')}
                style={{ width: 100 }}
                options={(['square', 'hexagon'] as const).map((s) => ({ value: s, label: t(`shapes.${s}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('fdr')}>
            <Switch checked={form.fdr} onChange={setField('fdr')} aria-label={t('fdr')} />
          </Form.Item>
        </Space>
      )}
      {tab === 'clusters' && (
        <Space wrap>
          <Form.Item label={t('eps')}>
            <Select
              aria-label={t('eps')}
              value={form.eps}
              onChange={setField('eps')}
              style={{ width: 110 }}
              options={EPS_METRES.map((m) => ({ value: m, label: `${m}` }))}
            />
          </Form.Item>
          <Form.Item label={t('minPoints')}>
            <Select
              aria-label={t('minPoints')}
              value={form.minPoints}
              onChange={setField('minPoints')}
              style={{ width: 90 }}
              options={MIN_POINTS.map((m) => ({ value: m, label: `${m}` }))}
            />
          </Form.Item>
        </Space>
      )}
      <Space>
        <Button type="primary" onClick={run} loading={loading} data-testid="analysis-run">
          {loading ? t('running') : t('run')}
        </Button>
        {tab === 'gi' && gi.data && (
          <Button href={`/api/analytics/hotspots?${runKey}&format=csv`}>{t('csv')}</Button>
        )}
      </Space>
    </Form>
  );

  const giPanel = gi.data ? (
    <>
      <Descriptions size="small" column={1} bordered className="analysis__params">
        <Descriptions.Item label={t('params.crs')}>{gi.data.parameters.crs}</Descriptions.Item>
        <Descriptions.Item label={t('params.band')}>
          {Math.round(gi.data.parameters.distanceBand)} m
        </Descriptions.Item>
        <Descriptions.Item label={t('params.bandMethod')}>
          {t(`params.methods.${gi.data.parameters.distanceBandMethod}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('params.neighbours')}>
          {gi.data.parameters.neighboursPerCell.min}–{gi.data.parameters.neighboursPerCell.max} (
          {gi.data.parameters.neighboursPerCell.mean.toFixed(1)})
        </Descriptions.Item>
        <Descriptions.Item label={t('params.cells')}>{gi.data.parameters.cells}</Descriptions.Item>
        <Descriptions.Item label={t('params.complaints')}>{gi.data.parameters.complaints}</Descriptions.Item>
        <Descriptions.Item label={t('params.critical')}>
          {[
            gi.data.parameters.criticalP.p90,
            gi.data.parameters.criticalP.p95,
            gi.data.parameters.criticalP.p99,
          ]
            .map((p) => p.toPrecision(2))
            .join(' / ')}
        </Descriptions.Item>
      </Descriptions>
      <Legend
        entries={['3', '2', '1', '0', '-1', '-2', '-3'].map((b) => ({
          color: rgba(BIN_COLORS[b]!),
          label: t(`bins.${b}`),
          count: gi.data!.features.filter((f) => String(f.properties.bin) === b).length,
        }))}
      />
      <CellDetail
        cell={
          cell
            ? gi.data.features.find((f) => f.properties.i === cell.i && f.properties.j === cell.j)?.properties
            : undefined
        }
        complaints={cellComplaints.data?.complaints}
        exportHref={
          cell ? `/api/export/complaints.xlsx?list=cell&${giQuery}&i=${cell.i}&j=${cell.j}` : undefined
        }
      />
    </>
  ) : null;

  const emergingPanel = emerging.data ? (
    <>
      <Legend
        entries={Object.entries(emerging.data.parameters.patternCounts)
          .sort((a, b) => b[1] - a[1])
          .map(([p, n]) => ({
            color: rgba(PATTERN_COLORS[p] ?? [200, 200, 200, 255]),
            label: t(`patterns.${p}`),
            count: n,
          }))}
      />
      {cell ? (
        <EmergingDetail
          steps={emerging.data.parameters.steps}
          cell={
            emerging.data.features.find((f) => f.properties.i === cell.i && f.properties.j === cell.j)
              ?.properties
          }
        />
      ) : (
        <p className="analysis__hint">{t('clickCell')}</p>
      )}
    </>
  ) : null;

  const clusterPanel = clusters.data ? (
    clusters.data.clusters.length === 0 ? (
      <Empty description={t('clusters.none')} />
    ) : (
      <List
        size="small"
        dataSource={clusters.data.clusters}
        renderItem={(c) => (
          <List.Item
            onClick={() => selectCluster(c.cluster === selectedCluster ? null : c.cluster)}
            className={
              c.cluster === selectedCluster ? 'analysis__item analysis__item--selected' : 'analysis__item'
            }
          >
            <div>
              <strong>#{c.cluster + 1}</strong> {t('clusters.count', { count: c.count })} ·{' '}
              {t('clusters.radius', { r: Math.round(c.radiusM) })}
              <div>
                {c.categories.map((x) => (
                  <Tag key={x.code}>
                    {x.name} {x.count}
                  </Tag>
                ))}
              </div>
              {c.buildings.length > 0 && (
                <div className="analysis__sub">
                  {t('clusters.buildings')}
                  {labelSeparator(locale)}
                  <span data-user-content>
                    {countedList(
                      c.buildings.map((b) => [b.address, b.count]),
                      locale,
                    )}
                  </span>
                </div>
              )}
              {c.facilities.length > 0 && (
                <div className="analysis__sub">
                  {t('clusters.facilities')}
                  {labelSeparator(locale)}
                  <span data-user-content>
                    {countedList(
                      c.facilities.map((f) => [f.name, f.count]),
                      locale,
                    )}
                  </span>
                </div>
              )}
              {c.cluster === selectedCluster && (
                <div className="analysis__cluster-cases" data-testid="cluster-cases">
                  <h4>{t('clusters.cases', { shown: c.complaints.length, count: c.count })}</h4>
                  <ul>
                    {c.complaints.map((x) => (
                      <li key={x.id}>
                        <a href={`/cases/${x.id}`} onClick={(e) => e.stopPropagation()}>
                          {x.trackingCode}
                        </a>{' '}
                        {x.title}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
    )
  ) : null;

  return (
    <div className="analysis">
      <aside className="analysis__panel">
        <h1>{t('title')}</h1>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setState((s) => ({ ...s, tab: k as Tab }));
          }}
          items={(['gi', 'emerging', 'clusters', ...(setup.canManageClues ? ['clues'] : [])] as Tab[]).map(
            (k) => ({
              key: k,
              label: t(`tabs.${k}`),
            }),
          )}
        />
        {tab === 'clues' ? (
          <ClueBoard />
        ) : (
          <>
            {controls}
            {error && <Alert type="error" showIcon message={error.message} />}
            {tab === 'gi' && giPanel}
            {tab === 'emerging' && emergingPanel}
            {tab === 'clusters' && clusterPanel}
            {!runKey && <p className="analysis__hint">{t('noResult')}</p>}
          </>
        )}
      </aside>
      <section className="analysis__map">
        <AnalysisMap
          layers={layers}
          bounds={divisionBounds}
          focus={focus}
          ready={tab === 'clues' || resultReady}
        />
      </section>
    </div>
  );
}

/** Named things with their counts, in the reader's punctuation: "甲（3）；乙（1）" or "A (3); B (1)". */
function countedList(items: [string, number][], locale: string): string {
  const zh = locale.startsWith('zh');
  return items.map(([name, n]) => (zh ? `${name}（${n}）` : `${name} (${n})`)).join(zh ? '；' : '; ');
}

function Legend({ entries }: { entries: { color: string; label: string; count: number }[] }) {
  return (
    <ul className="analysis__legend">
      {entries.map((e) => (
        <li key={e.label}>
          <span className="analysis__swatch" style={{ background: e.color }} />
          {e.label}
          <span className="analysis__count">{e.count}</span>
        </li>
      ))}
    </ul>
  );
}

function CellDetail({
  cell,
  complaints,
  exportHref,
}: {
  cell: GiCell | undefined;
  complaints:
    | { id: number; trackingCode: string; title: string; category: string | null; status: string }[]
    | undefined;
  exportHref?: string;
}) {
  const t = useTranslations('analytics');
  if (!cell) return <p className="analysis__hint">{t('clickCell')}</p>;
  return (
    <div className="analysis__cell" data-testid="cell-detail">
      <h3>{t('cell', { i: cell.i, j: cell.j })}</h3>
      <p>
        <Tag color={readableTagColor(rgba(BIN_COLORS[String(cell.bin)]!))}>{t(`bins.${cell.bin}`)}</Tag>
        {t('cellSummary', { count: cell.count, z: cell.z.toFixed(2), p: cell.p.toPrecision(2) })}
      </p>
      <h4>{t('cellComplaints')}</h4>
      {exportHref && <ExportButton href={exportHref} size="small" />}
      <List
        size="small"
        dataSource={complaints ?? []}
        loading={!complaints}
        renderItem={(c) => (
          <List.Item>
            <a href={`/cases/${c.id}`}>{c.trackingCode}</a> {c.category} · {c.title}
          </List.Item>
        )}
      />
    </div>
  );
}

function EmergingDetail({ steps, cell }: { steps: string[]; cell: EmergingCell | undefined }) {
  const t = useTranslations('analytics');
  if (!cell) return null;
  return (
    <div className="analysis__cell" data-testid="emerging-detail">
      <h3>
        {t('cell', { i: cell.i, j: cell.j })} <Tag>{t(`patterns.${cell.pattern}`)}</Tag>
      </h3>
      <p>{t('trend', { z: cell.trend.z.toFixed(2), p: cell.trend.p.toPrecision(2) })}</p>
      <SeriesChart
        months={steps.map((s) => s.slice(0, 7))}
        series={[
          { name: t('series.counts'), values: cell.counts, type: 'bar' },
          { name: t('series.z'), values: cell.z.map((z) => Number(z.toFixed(2))), type: 'line' },
        ]}
      />
    </div>
  );
}

function ClueBoard() {
  const t = useTranslations('analytics.clues');
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The window is the settings' (clues.facility_findings); a clue is filed for the window the findings were computed on.
  const findings = useQuery(hotspotQueries.findings());
  const window = findings.data
    ? { from: findings.data.parameters.from, to: findings.data.parameters.to }
    : null;
  const clues = useQuery({ queryKey: ['clues'], queryFn: fetchClues });
  const [openClue, setOpenClue] = useState<number | null>(null);
  const create = useMutation({
    mutationFn: (key: string) => postJson<{ id: number }>('/api/clues', { findingKey: key, ...window }),
    onSuccess: () => {
      message.success(t('created'));
      void queryClient.invalidateQueries({ queryKey: ['clues'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <div className="analysis__clues">
      <h3>{t('findings')}</h3>
      <p className="analysis__hint">{t('findingsHint')}</p>
      {findings.data?.parameters.facilityTest && (
        <p className="analysis__hint" data-testid="finding-thresholds">
          {t('card.thresholds', findings.data.parameters.facilityTest)}
        </p>
      )}
      {findings.data?.findings
        .filter((f) => f.kind === 'facility_pattern')
        .map((f) => (
          <FindingCard
            key={f.key}
            finding={f}
            onToClue={() => create.mutate(f.key)}
            creating={create.isPending && create.variables === f.key}
          />
        ))}
      <List
        size="small"
        loading={findings.isLoading}
        dataSource={(findings.data?.findings ?? []).filter((f) => f.kind !== 'facility_pattern')}
        locale={{ emptyText: findings.data?.findings.length ? ' ' : t('empty') }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="c"
                size="small"
                onClick={() => create.mutate(f.key)}
                loading={create.isPending && create.variables === f.key}
              >
                {t('toClue')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag color="red">{t(`kinds.${f.kind}`)}</Tag>
                  {locale === 'en' ? f.title.en : f.title.zh}
                </span>
              }
              description={
                <>
                  <span className="analysis__score">{t('score', { score: f.score.toFixed(2) })}</span>{' '}
                  {locale === 'en' ? f.why.en : f.why.zh}
                </>
              }
            />
          </List.Item>
        )}
      />
      <h3>{t('list')}</h3>
      <List
        size="small"
        loading={clues.isLoading}
        dataSource={clues.data?.clues ?? []}
        locale={{ emptyText: t('empty') }}
        renderItem={(c: Clue) => (
          <List.Item onClick={() => setOpenClue(c.id)} className="analysis__item">
            <List.Item.Meta
              title={
                <span>
                  <Tag
                    color={
                      c.status === 'new'
                        ? 'orange'
                        : c.status === 'verifying'
                          ? 'blue'
                          : c.status === 'filed'
                            ? 'red'
                            : 'default'
                    }
                  >
                    {t(`status.${c.status}`)}
                  </Tag>
                  {c.code} {c.title}
                </span>
              }
              description={
                <>
                  {c.suspectedOfficeName && (
                    <>
                      {t('office')}
                      {labelSeparator(locale)}
                      <span data-user-content>{c.suspectedOfficeName}</span>
                      {' · '}
                    </>
                  )}
                  {t('complaints', { n: c.complaints })} · {t('score', { score: c.score.toFixed(2) })}
                </>
              }
            />
          </List.Item>
        )}
      />
      {openClue !== null && <ClueModal id={openClue} onClose={() => setOpenClue(null)} />}
    </div>
  );
}

function ClueModal({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useTranslations('analytics.clues');
  const queryClient = useQueryClient();
  const clue = useQuery({ queryKey: ['clue', id], queryFn: () => fetchClue(id) });
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (to: string) => postJson(`/api/clues/${id}/transition`, { to, note }),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['clue', id] });
      void queryClient.invalidateQueries({ queryKey: ['clues'] });
    },
    onError: (e: Error) => setNoteError(e.message),
  });
  const next = clue.data
    ? (
        {
          new: ['verifying', 'dismissed'],
          verifying: ['filed', 'dismissed'],
          filed: [],
          dismissed: [],
        } as const
      )[clue.data.status]
    : [];
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={640}
      title={clue.data ? `${clue.data.code} ${clue.data.title}` : ''}
    >
      {clue.data && (
        <>
          <p>{clue.data.summary}</p>
          <p>
            <Tag>{t(`status.${clue.data.status}`)}</Tag>{' '}
            {t('complaints', { n: clue.data.complaintIds.length })}
          </p>
          <p className="analysis__case-links" data-testid="clue-complaints">
            {clue.data.complaintIds.slice(0, 60).map((id) => (
              <a key={id} href={`/cases/${id}`}>
                #{id}
              </a>
            ))}
            {clue.data.complaintIds.length > 60 ? ' …' : null}
          </p>
          <h4>{t('notes')}</h4>
          <List
            size="small"
            dataSource={clue.data.notes}
            renderItem={(n) => (
              <List.Item>
                {formatDateTime(n.createdAt)} {n.author ?? ''}{' '}
                {n.toStatus ? <Tag>{t(`status.${n.toStatus as 'new'}`)}</Tag> : null}
                {n.note}
              </List.Item>
            )}
          />
          {next.length > 0 && (
            <Form layout="vertical">
              <Form.Item
                label={t('note')}
                validateStatus={noteError ? 'error' : undefined}
                help={noteError ?? undefined}
              >
                <Input.TextArea
                  rows={3}
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setNoteError(null);
                  }}
                />
              </Form.Item>
              <Space>
                {next.map((to) => (
                  <Button
                    key={to}
                    type={to === 'dismissed' ? 'default' : 'primary'}
                    loading={move.isPending && move.variables === to}
                    onClick={() => {
                      if (note.trim().length < 2) setNoteError(t('noteRequired'));
                      else move.mutate(to);
                    }}
                  >
                    {t(`actions.${to}`)}
                  </Button>
                ))}
              </Space>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}
