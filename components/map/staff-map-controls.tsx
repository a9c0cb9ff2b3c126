'use client';

import { AutoComplete, Button, Checkbox, Segmented, Select, Slider, Space } from 'antd';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { CHANNELS, STATUSES, URGENCIES } from '@/lib/map/filters';
import { HEX_MAX_ZOOM } from '@/lib/map/hexagons';
import type { BuildingRow, MapSetup } from '@/lib/map/map.types';
import { COLOR_BY, MAP_LAYERS, type MapState } from '@/lib/map/url-state';
import { searchBuildings } from '@/lib/query/map';
import { DEADLINE_STATES } from '@/lib/sla/deadline-state';
import { HEAT_RAMP } from './layers/heat-style';
import {
  buildingsLegend,
  cellsLegend,
  FACILITY_COLOR,
  type LegendEntry,
  pointsLegend,
  type RGB,
} from './layers/staff-layers';
import type { DrawMode } from './staff-map-types';

const rgb = (c: RGB) => `rgb(${c.join(',')})`;

function LegendBlock({ title, entries }: { title: string; entries: LegendEntry[] }) {
  return (
    <div className="staff-map__legend-block">
      <div className="staff-map__legend-title">{title}</div>
      {entries.map((e) => (
        <div key={e.label} className="staff-map__legend-row">
          {e.shape === 'ramp' ? (
            <span className="staff-map__ramp">
              {e.ramp?.map((c) => (
                <span key={c.join()} style={{ background: rgb(c) }} />
              ))}
            </span>
          ) : (
            <span
              className={e.shape === 'dot' ? 'staff-map__dot' : 'staff-map__swatch'}
              style={{ background: e.color ? rgb(e.color) : undefined }}
            />
          )}
          {e.label}
        </div>
      ))}
    </div>
  );
}

export function StaffMapControls(props: {
  setup: MapSetup;
  state: MapState;
  update: (patch: Partial<MapState>) => void;
  zoom: number;
  inView: number;
  cellMax: number;
  /** Largest hexagon count in view, and the hexagons' width in km (null when not shown). */
  hexMax: number;
  hexKm: number | null;
  drawMode: DrawMode;
  draftLength: number;
  onDraw: (mode: DrawMode) => void;
  onFinishPolygon: () => void;
  onClearSelection: () => void;
  onPickBuilding: (b: { id: number; bbox: [number, number, number, number] }) => void;
}) {
  const t = useTranslations('map');
  const { state, update, setup } = props;
  const f = state.filter;
  const setFilter = (patch: Partial<MapState['filter']>) => update({ filter: { ...f, ...patch } });
  const months = setup.months;

  // Time slider: index of the month shown (window) or reached (cumulative); null = all 12 months.
  const index = f.to ? months.indexOf(f.to) : -1;
  const [playing, setPlaying] = useState(false);
  const showMonth = (i: number) =>
    setFilter(
      state.playMode === 'window'
        ? { from: months[i]!, to: months[i]! }
        : { from: months[0]!, to: months[i]! },
    );
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = index + 1;
      if (next >= months.length) setPlaying(false);
      else showMonth(next);
    }, 1400);
    return () => clearInterval(timer);
  });

  const [search, setSearch] = useState('');
  const [found, setFound] = useState<BuildingRow[]>([]);
  useEffect(() => {
    if (search.trim().length < 2) return;
    const timer = setTimeout(() => {
      searchBuildings(search)
        .then((r) => setFound(r.buildings))
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const options = <T extends string>(values: readonly T[], label: (v: T) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  const on = (id: MapState['layers'][number]) => state.layers.includes(id);

  return (
    <>
      <aside className="staff-map__controls" aria-label={t('layers.title')}>
        <AutoComplete
          className="staff-map__search"
          value={search}
          onChange={setSearch}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          options={found.map((b) => ({ value: String(b.id), label: b.address }))}
          onSelect={(value: string) => {
            const b = found.find((x) => String(x.id) === value);
            if (b) props.onPickBuilding(b);
            setSearch(b?.address ?? '');
          }}
        />
        <div className="staff-map__section-title">{t('layers.title')}</div>
        <Checkbox.Group
          className="staff-map__layers"
          value={state.layers}
          onChange={(v) => update({ layers: MAP_LAYERS.filter((l) => (v as string[]).includes(l)) })}
          options={MAP_LAYERS.filter((l) => l !== 'percapita' || setup.seesStats).map((l) => ({
            value: l,
            label: <span data-layer={l}>{t(`layers.${l}`)}</span>,
          }))}
        />
        <Checkbox
          checked={state.weightByUrgency}
          onChange={(e) => update({ weightByUrgency: e.target.checked })}
        >
          {t('options.urgency')}
        </Checkbox>
        <Checkbox checked={state.extrude} onChange={(e) => update({ extrude: e.target.checked })}>
          {t('options.extrude')}
        </Checkbox>
        <div className="staff-map__section-title">{t('options.colorBy')}</div>
        <Segmented
          size="small"
          aria-label={t('options.colorBy')}
          value={state.colorBy}
          onChange={(v) => update({ colorBy: v as MapState['colorBy'] })}
          options={COLOR_BY.map((c) => ({ value: c, label: t(`colorBy.${c}`) }))}
        />
        <div className="staff-map__section-title">{t('filters.title')}</div>
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Select
            mode="multiple"
            allowClear
            size="small"
            data-filter="category"
            placeholder={t('filters.category')}
            aria-label={t('filters.category')}
            value={f.categories}
            onChange={(v) => setFilter({ categories: [...v].sort() })}
            options={setup.categories.map((c) => ({ value: c.code, label: c.name }))}
            style={{ width: '100%' }}
          />
          <Select
            mode="multiple"
            allowClear
            size="small"
            data-filter="urgency"
            placeholder={t('filters.urgency')}
            aria-label={t('filters.urgency')}
            value={f.urgencies}
            onChange={(v) => setFilter({ urgencies: [...v].sort() })}
            options={options(URGENCIES, (u) => t(`urgency.${u}`))}
            style={{ width: '100%' }}
          />
          <Select
            mode="multiple"
            allowClear
            size="small"
            data-filter="status"
            placeholder={t('filters.status')}
            aria-label={t('filters.status')}
            value={f.statuses}
            onChange={(v) => setFilter({ statuses: [...v].sort() })}
            options={options(STATUSES, (s) => t(`status.${s}`))}
            style={{ width: '100%' }}
          />
          <Select
            mode="multiple"
            allowClear
            size="small"
            data-filter="deadline"
            placeholder={t('filters.deadline')}
            aria-label={t('filters.deadline')}
            value={f.deadlines}
            onChange={(v) => setFilter({ deadlines: [...v].sort() })}
            options={options(DEADLINE_STATES, (s) => t(`deadline.${s}`))}
            style={{ width: '100%' }}
          />
          <Select
            mode="multiple"
            allowClear
            size="small"
            showSearch
            optionFilterProp="label"
            data-filter="office"
            placeholder={t('filters.office')}
            aria-label={t('filters.office')}
            value={f.offices}
            onChange={(v) => setFilter({ offices: [...v].sort((a, b) => a - b) })}
            options={setup.offices.map((o) => ({ value: o.id, label: o.name }))}
            style={{ width: '100%' }}
          />
          <Select
            mode="multiple"
            allowClear
            size="small"
            data-filter="channel"
            placeholder={t('filters.channel')}
            aria-label={t('filters.channel')}
            value={f.channels}
            onChange={(v) => setFilter({ channels: [...v].sort() })}
            options={options(CHANNELS, (c) => t(`channel.${c}`))}
            style={{ width: '100%' }}
          />
          <Button
            size="small"
            onClick={() =>
              update({
                filter: {
                  from: null,
                  to: null,
                  categories: [],
                  urgencies: [],
                  statuses: [],
                  deadlines: [],
                  offices: [],
                  channels: [],
                },
              })
            }
          >
            {t('filters.clear')}
          </Button>
        </Space>
        <div className="staff-map__section-title">{t('draw.rect')}</div>
        <Space wrap size={4}>
          <Button
            size="small"
            type={props.drawMode === 'rect' ? 'primary' : 'default'}
            onClick={() => props.onDraw('rect')}
          >
            {t('draw.rect')}
          </Button>
          <Button
            size="small"
            type={props.drawMode === 'polygon' ? 'primary' : 'default'}
            onClick={() => props.onDraw('polygon')}
          >
            {t('draw.polygon')}
          </Button>
          {props.drawMode === 'polygon' && (
            <Button size="small" disabled={props.draftLength < 3} onClick={props.onFinishPolygon}>
              {t('draw.finish')}
            </Button>
          )}
          {props.drawMode && (
            <Button size="small" onClick={() => props.onDraw(null)}>
              {t('draw.cancel')}
            </Button>
          )}
          {state.selection && !props.drawMode && (
            <Button size="small" onClick={props.onClearSelection}>
              {t('draw.clear')}
            </Button>
          )}
        </Space>
        {props.drawMode && (
          <div className="staff-map__hint">
            {t(props.drawMode === 'rect' ? 'draw.hintRect' : 'draw.hintPolygon')}
          </div>
        )}
      </aside>
      <section className="staff-map__time" aria-label={t('time.title')}>
        <Button
          size="small"
          type="primary"
          data-action="play"
          onClick={() => {
            if (!playing && (index < 0 || index >= months.length - 1)) showMonth(0);
            setPlaying(!playing);
          }}
        >
          {playing ? t('time.pause') : t('time.play')}
        </Button>
        <Segmented
          size="small"
          aria-label={t('time.mode')}
          value={state.playMode}
          onChange={(v) => update({ playMode: v as MapState['playMode'] })}
          options={[
            { value: 'window', label: t('time.window') },
            { value: 'cumulative', label: t('time.cumulative') },
          ]}
        />
        <span className="staff-map__time-end">{months[0]}</span>
        <Slider
          className="staff-map__slider"
          ariaLabelForHandle={t('time.month')}
          min={0}
          max={months.length - 1}
          value={index < 0 ? months.length - 1 : index}
          onChange={(i) => showMonth(i)}
          tooltip={{ formatter: (i) => (i === undefined ? '' : months[i]) }}
          aria-label={t('time.title')}
        />
        <span className="staff-map__time-end">{months[months.length - 1]}</span>
        <span className="staff-map__time-label">
          {f.from || f.to ? `${f.from ?? '…'} – ${f.to ?? '…'}` : t('time.all')}
        </span>
        {(f.from || f.to) && (
          <Button size="small" onClick={() => setFilter({ from: null, to: null })}>
            {t('time.all')}
          </Button>
        )}
      </section>
      <aside className="staff-map__legend" aria-label={t('legend.title')}>
        <strong>{t('legend.title')}</strong>
        <div data-testid="in-view">{t('legend.total', { count: props.inView })}</div>
        {on('heatmap') && (
          <LegendBlock
            title={t('legend.heatmap')}
            entries={[{ label: '', shape: 'ramp', ramp: HEAT_RAMP }]}
          />
        )}
        {on('cells') && <LegendBlock title={t('legend.cells')} entries={cellsLegend(props.cellMax)} />}
        {on('hexagons') && props.zoom < HEX_MAX_ZOOM && props.hexKm !== null && (
          <LegendBlock
            title={t('legend.hexagons', { km: props.hexKm.toFixed(props.hexKm < 1 ? 1 : 0) })}
            entries={cellsLegend(props.hexMax)}
          />
        )}
        {on('points') &&
          (props.zoom >= 14 ? (
            <LegendBlock
              title={t(`colorBy.${state.colorBy}`)}
              entries={pointsLegend(
                state.colorBy,
                { deadline: (k) => t(`deadline.${k}`), status: (k) => t(`status.${k}`) },
                setup.categories,
              )}
            />
          ) : (
            <LegendBlock
              title={t('legend.clusters')}
              entries={[{ label: t('layers.points'), color: [22, 119, 255], shape: 'dot' }]}
            />
          ))}
        {on('buildings') && props.zoom >= 14 /* BUILDINGS_MIN_ZOOM */ && (
          <LegendBlock title={t('legend.buildings')} entries={buildingsLegend()} />
        )}
        {on('facilities') && (
          <LegendBlock
            title={t('legend.facilities')}
            entries={[{ label: t('layers.facilities'), color: FACILITY_COLOR, shape: 'dot' }]}
          />
        )}
      </aside>
    </>
  );
}
