'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Tag } from 'antd';
import dynamic from 'next/dynamic';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ExportButton } from '@/components/export/export-button';
import { ApiErrorText } from '@/components/ui/api-error-text';
import { UserContent } from '@/components/ui/user-content';
import { formatDate, formatDeadline } from '@/lib/format/date-time';
import { readableTagColor } from '@/lib/format/readable-color';
import { formatRing } from '@/lib/map/filters';
import type { ComplaintSummary, CountRow, PanelComplaintRow } from '@/lib/map/map.types';
import type { MapState } from '@/lib/map/url-state';
import { settle } from '@/lib/query/api-client';
import { recordBuildingVisit, type VisitBody } from '@/lib/query/grid';
import { staffMapQueries } from '@/lib/query/map';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';
import { FacilityPanel } from './facility-panel';
import type { Panel } from './staff-map-types';

function ComplaintList({ rows }: { rows: PanelComplaintRow[] }) {
  const t = useTranslations('map');
  if (rows.length === 0) return <div className="staff-map__muted">{t('panel.none')}</div>;
  return (
    <ul className="staff-map__list">
      {rows.map((c) => (
        <li key={c.id}>
          <a href={`/cases/${c.id}`} data-user-content>
            {c.title}
          </a>
          <span className="staff-map__muted"> {c.category ?? ''}</span>
          <div>
            <Tag color={readableTagColor(`rgb(${DEADLINE_COLORS[c.deadline].join(',')})`)}>
              {t(`deadline.${c.deadline}`)}
            </Tag>
            <Tag>{t(`status.${c.status}`)}</Tag>
            {c.resolveDueAt && (
              <span className="staff-map__muted">
                {t('panel.due')} <span data-testid="panel-resolve-due">{formatDeadline(c.resolveDueAt)}</span>
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Bars({ rows, label }: { rows: CountRow[]; label: (r: CountRow) => string }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <div className="staff-map__bars">
      {rows.map((r) => (
        <div key={r.key} className="staff-map__bar-row">
          <span className="staff-map__bar-label">{label(r)}</span>
          <span className="staff-map__bar" style={{ width: `${(70 * r.n) / max}%` }} />
          <span>{r.n}</span>
        </div>
      ))}
    </div>
  );
}

/** The 12-month trend (ECharts, loaded with the first area panel rather than with the map). */
const Trend = dynamic(() => import('./area-trend-chart'), {
  ssr: false,
  loading: () => <div className="staff-map__trend" style={{ height: 150 }} />,
});

function SummaryView({ s }: { s: ComplaintSummary }) {
  const t = useTranslations('map');
  const en = useLocale() === 'en';
  const categoryLabel = (r: CountRow) => (en && r.labelEn) || r.label || '—';
  return (
    <>
      <div className="staff-map__big">{t('panel.total', { count: s.total })}</div>
      <div className="staff-map__deadlines">
        {s.byDeadline.map((d) => (
          <Tag
            key={d.key}
            color={`rgb(${DEADLINE_COLORS[d.key as keyof typeof DEADLINE_COLORS]?.join(',')})`}
          >
            {t(`deadline.${d.key}`)} {d.n}
          </Tag>
        ))}
      </div>
      <h4>{t('panel.byCategory')}</h4>
      <Bars rows={s.byCategory} label={categoryLabel} />
      <h4>{t('panel.byStatus')}</h4>
      <Bars rows={s.byStatus} label={(r) => t(`status.${r.key}`)} />
      <h4>{t('panel.top')}</h4>
      <ol className="staff-map__top">
        {s.top.map((r) => (
          <li key={r.key}>
            {categoryLabel(r)} <span className="staff-map__muted">{r.n}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function VisitForm({ buildingId }: { buildingId: number }) {
  const t = useTranslations('map');
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      className="staff-map__visit"
      initialValues={{ method: 'in_person' }}
      onFinish={async (values: VisitBody) => {
        const result = await settle(recordBuildingVisit(buildingId, values));
        if (result.ok) {
          setSaved(true);
          form.resetFields();
          await client.invalidateQueries({ queryKey: staffMapQueries.building(buildingId).queryKey });
        }
      }}
    >
      <Form.Item name="method" label={t('panel.method')}>
        <Select
          options={(['in_person', 'phone', 'meeting'] as const).map((m) => ({
            value: m,
            label: t(`panel.methods.${m}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('panel.outcome')} rules={[{ required: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="note" label={t('panel.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit" type="primary">
        {t('panel.save')}
      </Button>
      {saved && <span className="staff-map__muted"> {t('panel.saved')}</span>}
    </Form>
  );
}

function BuildingPanel({ id }: { id: number }) {
  const t = useTranslations('map');
  const q = useQuery(staffMapQueries.building(id));
  if (q.error) return <ApiErrorText className="staff-map__muted" error={q.error} />;
  if (!q.data) return <div className="staff-map__muted">…</div>;
  const d = q.data;
  return (
    <div data-panel="building" data-building-id={d.building.id}>
      <h3>{d.building.address}</h3>
      <div className="staff-map__muted">
        {t('panel.grid')} {d.building.gridName} · {t('panel.floors', { floors: d.building.floors })}
      </div>
      <h4>
        {t('panel.complaints')} ({d.complaints.length})
      </h4>
      <ComplaintList rows={d.complaints} />
      <h4>
        {t('panel.households')} ({d.households.length})
      </h4>
      {!d.personsVisible ? (
        <div className="staff-map__muted">{t('panel.noPersons')}</div>
      ) : (
        <>
          {d.masked && <div className="staff-map__muted">{t('panel.masked')}</div>}
          <ul className="staff-map__list" data-list="households">
            {d.households.map((h) => (
              <li key={h.id}>
                <strong>{h.unit}</strong>{' '}
                {h.persons
                  .map((p) => `${p.name}${p.isHead ? '★' : ''}${p.phone ? ` ${p.phone}` : ''}`)
                  .join('，')}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('panel.facilities')}</h4>
      {d.facilities.length ? (
        <ul className="staff-map__list">
          {d.facilities.map((f) => (
            <li key={f.id}>{f.name}</li>
          ))}
        </ul>
      ) : (
        <div className="staff-map__muted">{t('panel.none')}</div>
      )}
      <h4>{t('panel.visits')}</h4>
      {d.visits.length ? (
        <ul className="staff-map__list">
          {d.visits.map((v) => (
            <li key={v.id}>
              {formatDate(v.visitedAt)} {t(`panel.methods.${v.method}`)} · {v.outcome} · {v.visitor}
            </li>
          ))}
        </ul>
      ) : (
        <div className="staff-map__muted">{t('panel.none')}</div>
      )}
      {d.canVisit && (
        <>
          <h4>{t('panel.recordVisit')}</h4>
          <VisitForm buildingId={d.building.id} />
        </>
      )}
    </div>
  );
}

function AreaPanel({ p, filterQuery }: { p: Extract<Panel, { kind: 'area' }>; filterQuery: string }) {
  const t = useTranslations('map');
  const q = useQuery(staffMapQueries.area(p, filterQuery));
  if (q.error) return <ApiErrorText className="staff-map__muted" error={q.error} />;
  if (!q.data) return <div className="staff-map__muted">…</div>;
  return (
    <div data-panel="area">
      <h3>
        <UserContent>{q.data.area.name}</UserContent>{' '}
        <span className="staff-map__muted">{t(`levels.${q.data.area.level}`)}</span>
      </h3>
      <SummaryView s={q.data} />
      <h4>{t('panel.trend')}</h4>
      <Trend rows={q.data.trend} />
    </div>
  );
}

function SelectionPanel({ state, filterQuery }: { state: MapState; filterQuery: string }) {
  const t = useTranslations('map');
  const sel = state.selection ? formatRing(state.selection) : null;
  const q = useQuery({
    ...staffMapQueries.selection(sel, filterQuery),
    enabled: sel !== null,
  });
  if (!sel) return null;
  if (q.error) return <ApiErrorText className="staff-map__muted" error={q.error} />;
  if (!q.data) return <div className="staff-map__muted">…</div>;
  return (
    <div data-panel="selection">
      <h3>{t('panel.selection')}</h3>
      <SummaryView s={q.data} />
      <h4>{t('panel.complaints')}</h4>
      {/* The Excel file holds every complaint of the selection, not only the listed ones. */}
      <ExportButton
        size="small"
        href={`/api/export/complaints.xlsx?list=selection&sel=${sel}&${filterQuery}`}
      />
      <ComplaintList rows={q.data.complaints} />
    </div>
  );
}

export function StaffMapPanel(props: {
  panel: NonNullable<Panel>;
  state: MapState;
  filterQuery: string;
  onClose: () => void;
  onBuilding: (id: number) => void;
}) {
  const t = useTranslations('map');
  const p = props.panel;
  return (
    <aside className="staff-map__panel">
      <Button size="small" className="staff-map__close" onClick={props.onClose}>
        {t('panel.close')}
      </Button>
      {p.kind === 'building' && <BuildingPanel id={p.id} />}
      {p.kind === 'facility' && <FacilityPanel id={p.id} onBuilding={props.onBuilding} />}
      {p.kind === 'area' && <AreaPanel p={p} filterQuery={props.filterQuery} />}
      {p.kind === 'selection' && <SelectionPanel state={props.state} filterQuery={props.filterQuery} />}
    </aside>
  );
}
