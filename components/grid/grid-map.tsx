'use client';

import type { FeatureCollection } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { createOwnDataMap } from '@/components/map/own-data-map';
import type { GridWorkspaceBuilding } from '@/lib/grid/grid-workspace';
import styles from './grid-workspace.module.css';

/** A building's colour on the grid map: overdue > open > any complaint > none. */
export function buildingTone(b: Pick<GridWorkspaceBuilding, 'complaints' | 'open' | 'overdue'>): string {
  if (b.overdue > 0) return 'overdue';
  if (b.open > 0) return 'open';
  if (b.complaints > 0) return 'some';
  return 'none';
}

export const TONE_COLOURS: Record<string, string> = {
  overdue: '#cf1322',
  open: '#1677ff',
  some: '#d48806',
  none: '#bfbfbf',
};

function buildingsFc(
  buildings: readonly GridWorkspaceBuilding[],
  selected: number | null,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: buildings.map((b) => ({
      type: 'Feature',
      id: b.id,
      properties: { id: b.id, tone: buildingTone(b), selected: b.id === selected ? 1 : 0 },
      geometry: b.footprint,
    })),
  };
}

/**
 * The grid on the own-data basemap: its outline and its building footprints coloured by their
 * complaints, each with its count on a marker; tapping a building selects it in the list.
 */
export function GridMap({
  boundary,
  bbox,
  buildings,
  selected,
  onSelect,
  label,
}: {
  boundary: GeoJSON.Geometry;
  bbox: [number, number, number, number];
  buildings: readonly GridWorkspaceBuilding[];
  selected: number | null;
  onSelect: (id: number) => void;
  label: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const dataRef = useRef({ buildings, selected });
  dataRef.current = { buildings, selected };

  useEffect(() => {
    if (!containerRef.current) return;
    let cancelled = false;
    const markers: maplibregl.Marker[] = [];
    const map = createOwnDataMap({
      container: containerRef.current,
      bounds: [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      fitBoundsOptions: { padding: 24 },
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    map.on('load', async () => {
      const { Marker } = await import('maplibre-gl');
      if (cancelled) return;
      map.addSource('grid-outline', {
        type: 'geojson',
        data: { type: 'Feature', properties: {}, geometry: boundary },
      });
      map.addLayer({
        id: 'grid-outline-line',
        type: 'line',
        source: 'grid-outline',
        paint: { 'line-color': '#8c1010', 'line-width': 2, 'line-dasharray': [2, 1] },
      });
      map.addSource('grid-buildings', {
        type: 'geojson',
        data: buildingsFc(dataRef.current.buildings, dataRef.current.selected),
      });
      map.addLayer({
        id: 'grid-buildings-fill',
        type: 'fill',
        source: 'grid-buildings',
        paint: {
          'fill-color': [
            'match',
            ['get', 'tone'],
            ...Object.entries(TONE_COLOURS).flat(),
            '#bfbfbf',
          ] as never,
          'fill-opacity': 0.75,
        },
      });
      map.addLayer({
        id: 'grid-buildings-line',
        type: 'line',
        source: 'grid-buildings',
        paint: {
          'line-color': ['case', ['==', ['get', 'selected'], 1], '#000000', '#595959'],
          'line-width': ['case', ['==', ['get', 'selected'], 1], 3, 0.5],
        },
      });
      map.on('click', 'grid-buildings-fill', (e) => {
        const id = Number(e.features?.[0]?.properties?.id);
        if (Number.isFinite(id)) onSelectRef.current(id);
      });
      map.on('mouseenter', 'grid-buildings-fill', () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', 'grid-buildings-fill', () => {
        map.getCanvas().style.cursor = '';
      });
      // Counts as small labels (MapLibre text would need a glyph server).
      for (const b of dataRef.current.buildings) {
        if (b.complaints === 0) continue;
        const el = document.createElement('button');
        el.type = 'button';
        el.className = styles.count ?? '';
        el.textContent = String(b.complaints);
        el.setAttribute('aria-label', `${b.address}: ${b.complaints}`);
        // Named by the building's address: data, in the language it was recorded in.
        el.dataset.userContent = '';
        el.style.background = TONE_COLOURS[buildingTone(b)]!;
        el.addEventListener('click', (ev) => {
          ev.stopPropagation();
          onSelectRef.current(b.id);
        });
        markers.push(new Marker({ element: el }).setLngLat([b.lng, b.lat]).addTo(map));
      }
      containerRef.current?.setAttribute('data-map-ready', 'true');
    });
    return () => {
      cancelled = true;
      for (const m of markers) m.remove();
      map.remove();
      mapRef.current = null;
    };
    // The grid does not change while the page is open; buildings refresh through the source below.
  }, [boundary, bbox]);

  useEffect(() => {
    const map = mapRef.current;
    const source = map?.getSource('grid-buildings') as maplibregl.GeoJSONSource | undefined;
    source?.setData(buildingsFc(buildings, selected));
    const b = selected === null ? undefined : buildings.find((x) => x.id === selected);
    if (map && b && !map.getBounds().contains([b.lng, b.lat])) map.easeTo({ center: [b.lng, b.lat] });
  }, [buildings, selected]);

  return (
    <div
      ref={containerRef}
      role="application"
      aria-label={label}
      data-testid="grid-map"
      style={{ height: '100%', minHeight: 260, borderRadius: 8, overflow: 'hidden' }}
    />
  );
}
