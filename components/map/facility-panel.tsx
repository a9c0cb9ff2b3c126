'use client';

import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { ApiErrorText } from '@/components/ui/api-error-text';
import { formatDate } from '@/lib/format/date-time';
import { readableTagColor } from '@/lib/format/readable-color';
import type { FacilityPanel as FacilityPanelData } from '@/lib/map/facility-panel.types';
import { facilityPanelQuery } from '@/lib/query/map';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';

/** ECharts, loaded with the first facility panel rather than with the map. */
const Trend = dynamic(() => import('./facility-trend-chart'), {
  ssr: false,
  loading: () => <div className="staff-map__trend" style={{ height: 190 }} />,
});

/** A facility on the map: office, complaints by category over 12 months, buildings, recent complaints. */
export function FacilityPanel({ id, onBuilding }: { id: number; onBuilding: (id: number) => void }) {
  const t = useTranslations('map');
  const q = useQuery(facilityPanelQuery(id));
  if (q.error) return <ApiErrorText className="staff-map__muted" error={q.error} />;
  if (!q.data) return <div className="staff-map__muted">…</div>;
  const d: FacilityPanelData = q.data;
  const f = d.facility;
  return (
    <div data-panel="facility" data-facility-id={f.id}>
      <h3>{f.name}</h3>
      <div className="staff-map__muted">
        {t(`facility.kinds.${f.kind}` as 'facility.kinds.market')}
        {f.townName || f.villageName ? ` · ${[f.townName, f.villageName].filter(Boolean).join(' ')}` : ''}
      </div>
      <h4>{t('facility.office')}</h4>
      <div>
        {d.office.name}
        {d.office.phone && <span className="staff-map__muted"> {d.office.phone}</span>}
      </div>
      {f.operator && (
        <div className="staff-map__muted">
          {t('facility.operator')} {f.operator}
        </div>
      )}
      <h4>
        {t('facility.byCategory')} · {t('panel.total', { count: d.total })}
      </h4>
      {d.total > 0 ? (
        <Trend months={d.months} series={d.series} />
      ) : (
        <div className="staff-map__muted">{t('panel.none')}</div>
      )}
      {d.series.length > 0 && (
        <div className="staff-map__deadlines">
          {d.series.map((s) => (
            <Tag key={s.code} color={s.color}>
              {s.name} {s.total}
            </Tag>
          ))}
        </div>
      )}
      {d.unconfirmed > 0 && (
        <div className="staff-map__muted">{t('facility.unconfirmed', { count: d.unconfirmed })}</div>
      )}
      <h4>
        {t('facility.buildings')} ({d.buildings.length})
      </h4>
      {d.buildings.length ? (
        <ul className="staff-map__list" data-list="facility-buildings">
          {d.buildings.map((b) => (
            <li key={b.id}>
              <button type="button" className="staff-map__link" onClick={() => onBuilding(b.id)}>
                {b.address}
              </button>
              <span className="staff-map__muted">
                {' '}
                {t('panel.floors', { floors: b.floors })} · {t('panel.total', { count: b.complaints })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <div className="staff-map__muted">{t('panel.none')}</div>
      )}
      <h4>{t('facility.recent')}</h4>
      {d.complaints.length === 0 ? (
        <div className="staff-map__muted">{t('panel.none')}</div>
      ) : (
        <ul className="staff-map__list" data-list="facility-complaints">
          {d.complaints.map((c) => (
            <li key={c.id}>
              <a href={`/cases/${c.id}`} data-user-content>
                {c.title}
              </a>
              <span className="staff-map__muted"> {c.category ?? ''}</span>
              <div>
                <Tag
                  color={readableTagColor(
                    `rgb(${DEADLINE_COLORS[c.deadline as keyof typeof DEADLINE_COLORS]?.join(',')})`,
                  )}
                >
                  {t(`deadline.${c.deadline}` as 'deadline.overdue')}
                </Tag>
                <span className="staff-map__muted">
                  {formatDate(c.submittedAt)}
                  {c.linkReason ? ` · ${c.linkReason}` : ''}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
