'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { ApiError } from '@/lib/query/api-client';
import { type BuildingHit, searchBuildings } from '@/lib/query/intake';
import styles from './intake.module.css';
import type { Pin } from './pin-map';

export interface PickedBuilding {
  id: number;
  address: string;
  villageName: string | null;
  lng: number;
  lat: number;
}

type Hit = BuildingHit;

type State =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; hits: Hit[] }
  | { kind: 'error'; key: 'rateLimited' | 'network' };

/** Metres between two WGS84 points (haversine; enough for "within 300 m"). */
export function metresBetween(a: Pin, b: Pin): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008 * Math.asin(Math.sqrt(h));
}

/**
 * 搜索楼栋或地址: debounced search of the grid's buildings by address (near the pin when there is
 * one). Picking a building puts the pin on it; the submission then carries its id.
 */
export function BuildingSearch({
  near,
  picked,
  onPick,
  onClear,
}: {
  near: Pin | null;
  picked: PickedBuilding | null;
  onPick: (b: PickedBuilding) => void;
  onClear: () => void;
}) {
  const t = useTranslations('intake.report');
  const tErr = useTranslations('intake.fieldErrors');
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const nearKey = near ? `${near.lng.toFixed(3)},${near.lat.toFixed(3)}` : '';

  useEffect(() => {
    const text = q.trim();
    if (Array.from(text).length < 2) {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ kind: 'searching' });
      const [lng, lat] = nearKey ? nearKey.split(',') : [];
      try {
        const hits = await searchBuildings(
          text,
          nearKey ? { lng: lng!, lat: lat! } : null,
          controller.signal,
        );
        setState({ kind: 'done', hits });
      } catch (e) {
        if (e instanceof ApiError && e.status === 429) setState({ kind: 'error', key: 'rateLimited' });
        else if ((e as Error).name !== 'AbortError') setState({ kind: 'error', key: 'network' });
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, nearKey]);

  if (picked) {
    return (
      <div className={styles.picked} data-testid="building-picked">
        <span>
          {t('buildingPicked', { address: picked.address })}
          {picked.villageName ? <span className={styles.muted}> · {picked.villageName}</span> : null}
        </span>
        <button type="button" className={styles.link} onClick={onClear}>
          {t('buildingClear')}
        </button>
      </div>
    );
  }

  return (
    <div className={styles.field}>
      <label className={styles.field}>
        <span className={styles.label}>{t('buildingSearch')}</span>
        <input
          type="search"
          enterKeyHint="search"
          maxLength={40}
          value={q}
          placeholder={t('buildingSearchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          data-testid="building-search"
        />
      </label>
      {state.kind === 'searching' ? <p className={styles.muted}>{t('buildingSearching')}</p> : null}
      {state.kind === 'error' ? (
        <p className={styles.error} role="alert">
          {tErr(state.key)}
        </p>
      ) : null}
      {state.kind === 'done' && state.hits.length === 0 ? (
        <p className={styles.muted} data-testid="building-empty">
          {t('buildingEmpty')}
        </p>
      ) : null}
      {state.kind === 'done' && state.hits.length > 0 ? (
        <ul className={styles.hits} data-testid="building-hits">
          {state.hits.map((b) => (
            <li key={b.id}>
              <button
                type="button"
                onClick={() => {
                  setQ('');
                  setState({ kind: 'idle' });
                  onPick(b);
                }}
              >
                <span className={styles.hitAddress}>{b.address}</span>
                <span className={styles.muted}>
                  {b.villageName ?? ''}
                  {b.distanceM !== null ? ` · ${t('buildingDistance', { metres: b.distanceM })}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
