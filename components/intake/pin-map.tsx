'use client';

import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { CITY_BOUNDS, createOwnDataMap, feedAreaSources } from '@/components/map/own-data-map';
import { areasQuery } from '@/lib/query/map';

export interface Pin {
  lng: number;
  lat: number;
}

/**
 * A small MapLibre map on the own-data basemap (WGS84): tap to drop or move the pin. When `pin`
 * changes from outside (the phone's position), the map flies there.
 */
export function PinMap({ pin, onPin, label }: { pin: Pin | null; onPin: (pin: Pin) => void; label: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;

  useEffect(() => {
    if (!containerRef.current) return;
    const map = createOwnDataMap({
      container: containerRef.current,
      bounds: CITY_BOUNDS,
      navigation: false,
      scale: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    map.on('load', async () => {
      for (const level of ['county', 'town'] as const) {
        try {
          const areas = await areasQuery(level).queryFn();
          feedAreaSources(map, { [level === 'county' ? 'counties' : 'towns']: areas });
        } catch {
          // the basemap is decoration here; the pin still works without it
        }
      }
      containerRef.current?.setAttribute('data-map-ready', 'true');
    });
    map.on('click', (e) => onPinRef.current({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
    return () => {
      map.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!pin) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current) {
      markerRef.current = new maplibregl.Marker({ color: '#c41d1d' })
        .setLngLat([pin.lng, pin.lat])
        .addTo(map);
    } else {
      markerRef.current.setLngLat([pin.lng, pin.lat]);
    }
    const bounds = map.getBounds();
    if (!bounds.contains([pin.lng, pin.lat]) || map.getZoom() < 13) {
      map.jumpTo({ center: [pin.lng, pin.lat], zoom: Math.max(map.getZoom(), 14) });
    }
  }, [pin]);

  return (
    <div
      ref={containerRef}
      role="application"
      aria-label={label}
      data-testid="pin-map"
      style={{ height: 220, borderRadius: 8, overflow: 'hidden' }}
    />
  );
}
