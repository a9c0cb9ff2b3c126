'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { giCellsLayer } from '@/components/analytics/analysis-layers';
import { AnalysisMap } from '@/components/analytics/analysis-map';
import { hotspotQueries, toQuery } from '@/lib/query/analytics';
import styles from './stats.module.css';

/**
 * Cell edge by area level: a city in 2 km cells, a village in 250 m (multiples of the hot-spot bins'
 * 250 m base cell, so whole months read the bins; the monthly report's map uses the same sizes).
 */
export const CELL_BY_LEVEL: Record<string, number> = { city: 2000, county: 1000, town: 500, village: 250 };

/**
 * The area's hot spots for the period (Getis-Ord Gi* from /api/analytics/hotspots, the hot-spot
 * workspace's own endpoint and layer), on the own-data basemap.
 */
export function HotspotMiniMap({
  area,
  level,
  from,
  to,
  bounds,
}: {
  area: string;
  level: string;
  from: string;
  to: string;
  bounds: [number, number, number, number] | null;
}) {
  const t = useTranslations('stats');
  const cellSize = CELL_BY_LEVEL[level] ?? 1000;
  const q = toQuery({
    division: area,
    cellSize,
    shape: 'square',
    fdr: true,
    // The one date grammar: days, both inclusive.
    from,
    to,
  });
  const gi = useQuery(hotspotQueries.statsGi(q));
  const layers = useMemo(() => (gi.data ? [giCellsLayer(gi.data, () => {})] : []), [gi.data]);
  const hot = gi.data?.features.filter((f) => (f.properties.bin ?? 0) > 0).length ?? 0;
  return (
    <div>
      <div className={styles.map} data-testid="stats-map">
        <AnalysisMap layers={layers} bounds={bounds} ready={!gi.isLoading} />
      </div>
      <div
        className={styles.hint}
        style={{ marginTop: 6, display: 'flex', justifyContent: 'space-between', gap: 8 }}
      >
        <span>
          {gi.isError || (gi.data && gi.data.features.length === 0)
            ? t('mapEmpty')
            : t('mapHint', { size: cellSize, hot })}
        </span>
        <Link href="/hotspots">{t('mapOpen')}</Link>
      </div>
    </div>
  );
}
