'use client';

import type { Layer } from '@deck.gl/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Tabs } from 'antd';
import type { Feature, Geometry } from 'geojson';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ClueBoard } from '@/components/clues/clue-board';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import type { AnalysisSetup } from '@/lib/hotspots/hotspots.types';
import {
  type AnalysisTab,
  analysisQuery,
  type HotspotParams,
  type HotspotState,
  type HotspotTab,
  hotspotStateQuery,
  parseHotspotState,
  runAnalysis,
} from '@/lib/hotspots/url-state';
import { hotspotQueries } from '@/lib/query/analytics';
import { AnalysisForm } from './analysis-form';
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
import { ClusterList } from './cluster-list';
import { CellDetail, EmergingDetail, Legend, rgba } from './result-details';

type Tab = HotspotTab;

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
 * The inspector's hot-spot workspace: Gi*, emerging hot spots, DBSCAN clusters and clues
 * (components/clues/). Its state (tab, parameters, the analyses run, the selected cell, cluster or
 * clue) lives in the URL (lib/hotspots/url-state.ts): a result is a link, and switching tabs keeps
 * each tab's result. Only the form being edited is local until 运行 applies it.
 */
export function HotspotWorkspace({ setup }: { setup: AnalysisSetup }) {
  const t = useTranslations('analytics');
  const errorText = useApiErrorText();
  const [state, setState] = useState<HotspotState>(() => readUrlState(setup));
  /** The form being edited; applied by 运行. */
  const [form, setForm] = useState<HotspotParams>(() => state);
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
    <ClusterList clusters={clusters.data.clusters} selected={selectedCluster} onSelect={selectCluster} />
  ) : null;

  return (
    <div className="analysis">
      <aside className="analysis__panel">
        <h1>{t('title')}</h1>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setState((s) => ({ ...s, tab: k as Tab, clue: null }));
          }}
          items={(['gi', 'emerging', 'clusters', ...(setup.canManageClues ? ['clues'] : [])] as Tab[]).map(
            (k) => ({
              key: k,
              label: t(`tabs.${k}`),
            }),
          )}
        />
        {tab === 'clues' ? (
          <ClueBoard openClue={state.clue} onOpenClue={(clue) => setState((s) => ({ ...s, clue }))} />
        ) : (
          <>
            <AnalysisForm
              tab={tab}
              form={form}
              setup={setup}
              onChange={setForm}
              onRun={run}
              loading={loading}
              csvHref={tab === 'gi' && gi.data ? `/api/analytics/hotspots?${runKey}&format=csv` : null}
            />
            {error && <Alert type="error" showIcon message={errorText(error)} />}
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
