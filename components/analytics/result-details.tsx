'use client';

import { List, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { ExportButton } from '@/components/export/export-button';
import { UserContent } from '@/components/ui/user-content';
import { readableTagColor } from '@/lib/format/readable-color';
import type { EmergingCell, GiCell } from '@/lib/hotspots/hotspots.types';
import { BIN_COLORS } from './analysis-layers';
import { SeriesChart } from './series-chart';

/** A deck.gl colour as CSS. */
export const rgba = (c: number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

/** Named things with their counts, in the reader's punctuation: "甲（3）；乙（1）" or "A (3); B (1)". */
export function countedList(items: [string, number][], locale: string): string {
  const zh = locale.startsWith('zh');
  return items.map(([name, n]) => (zh ? `${name}（${n}）` : `${name} (${n})`)).join(zh ? '；' : '; ');
}

export function Legend({ entries }: { entries: { color: string; label: string; count: number }[] }) {
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

export function CellDetail({
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
            <a href={`/cases/${c.id}`}>{c.trackingCode}</a>{' '}
            <UserContent>
              {c.category} · {c.title}
            </UserContent>
          </List.Item>
        )}
      />
    </div>
  );
}

export function EmergingDetail({ steps, cell }: { steps: string[]; cell: EmergingCell | undefined }) {
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
