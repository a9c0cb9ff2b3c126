'use client';

import { useTranslations } from 'next-intl';
import type { PlaceAt } from '@/lib/intake/place-input';
import type { PickedBuilding } from './building-search';
import styles from './intake.module.css';
import type { Pin } from './pin-map';

export type PlaceState =
  | { kind: 'none' }
  | { kind: 'looking' }
  | { kind: 'found'; place: PlaceAt | null }
  | { kind: 'failed' };

/**
 * Under the pin map: where the pin is, in words (county · town · village, and the nearest
 * building within 150 m, which one tap makes the report's building) instead of coordinates.
 */
export function PlaceLine({
  pin,
  place,
  picked,
  onPickBuilding,
}: {
  pin: Pin | null;
  place: PlaceState;
  picked: PickedBuilding | null;
  onPickBuilding: (b: PickedBuilding) => void;
}) {
  const t = useTranslations('intake.report');
  if (!pin || place.kind === 'none')
    return (
      <p className={styles.muted} data-testid="pin-status">
        {t('locationHint')}
      </p>
    );
  if (place.kind === 'looking')
    return (
      <p className={styles.muted} data-testid="pin-status" aria-live="polite">
        {t('place.looking')}
      </p>
    );
  if (place.kind === 'failed')
    return (
      <p className={styles.muted} data-testid="pin-status" aria-live="polite">
        {t('place.failed')} ({pin.lng.toFixed(5)}, {pin.lat.toFixed(5)})
      </p>
    );
  const p = place.place;
  if (!p)
    return (
      <p className={styles.error} data-testid="pin-status" data-place="outside" aria-live="polite">
        {t('place.outside')}
      </p>
    );
  const names = [p.county, p.town, p.village].filter(Boolean).join(' · ');
  const b = p.building;
  return (
    <div className={styles.place} data-testid="pin-status" data-place="found" aria-live="polite">
      <div data-testid="place-names">{t('place.at', { place: names })}</div>
      {b ? (
        picked?.id === b.id ? (
          <div data-testid="place-building">{t('place.inside', { address: b.address })}</div>
        ) : (
          <div className={styles.placeRow}>
            <span data-testid="place-building">
              {t('place.nearest', { address: b.address, metres: b.distanceM })}
            </span>
            <button
              type="button"
              className={styles.link}
              data-testid="place-pick-building"
              onClick={() =>
                onPickBuilding({
                  id: b.id,
                  address: b.address,
                  villageName: p.village,
                  lng: b.lng,
                  lat: b.lat,
                })
              }
            >
              {t('place.pick')}
            </button>
          </div>
        )
      ) : null}
    </div>
  );
}
