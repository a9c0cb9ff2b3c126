'use client';

import { MapboxOverlay } from '@deck.gl/mapbox';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CITY_BOUNDS, createOwnDataMap, feedAreaSources, MAX_BOUNDS } from '@/components/map/own-data-map';
import { areasQuery, type BboxTuple, complaintPointsQuery, gridsQuery } from '@/lib/query/map';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';
import { type AreaLabel, areaLabelsLayer } from './layers/area-labels-layer';
import { complaintPointsLayer } from './layers/complaint-points-layer';

const GRID_MIN_ZOOM = 12;

interface ViewState {
  bbox: BboxTuple;
  zoom: number;
}

function labelsOf(fc: FeatureCollection | undefined): AreaLabel[] {
  return (fc?.features ?? []).map((f) => ({
    code: String(f.properties?.code),
    name: String(f.properties?.name),
    position: [Number(f.properties?.labelLng), Number(f.properties?.labelLat)],
  }));
}

function viewOf(map: maplibregl.Map): ViewState {
  const b = map.getBounds();
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { bbox: [r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())], zoom: map.getZoom() };
}

export function HomeMap() {
  const t = useTranslations('home');
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [styleReady, setStyleReady] = useState(false);
  const [view, setView] = useState<ViewState | null>(null);
  const [deckDrawn, setDeckDrawn] = useState(false);

  const counties = useQuery(areasQuery('county'));
  const towns = useQuery(areasQuery('town'));
  const villages = useQuery(areasQuery('village'));
  const gridBbox = view && view.zoom >= GRID_MIN_ZOOM ? view.bbox : null;
  const grids = useQuery({ ...gridsQuery(gridBbox), placeholderData: keepPreviousData });
  const complaints = useQuery({
    ...complaintPointsQuery(view?.bbox ?? [0, 0, 0, 0]),
    enabled: view !== null,
    placeholderData: keepPreviousData,
  });

  // Create the map once.
  useEffect(() => {
    if (!containerRef.current) return;
    const map = createOwnDataMap({
      container: containerRef.current,
      bounds: CITY_BOUNDS,
      fitBoundsOptions: { padding: 24 },
      maxBounds: MAX_BOUNDS,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onAfterRender: () => setDeckDrawn(true),
      getTooltip: ({ object }) =>
        object && 'deadline' in object
          ? `#${(object as { id: number }).id} · ${(object as { status: string }).status}`
          : null,
    });
    map.addControl(overlay);
    map.on('load', () => {
      setStyleReady(true);
      setView(viewOf(map));
    });
    map.on('moveend', () => setView(viewOf(map)));
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __suqiuMap?: maplibregl.Map }).__suqiuMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, []);

  // Feed the base sources.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    feedAreaSources(map, {
      counties: counties.data,
      towns: towns.data,
      villages: villages.data,
      grids: grids.data,
    });
  }, [styleReady, counties.data, towns.data, villages.data, grids.data]);

  const countyLabels = useMemo(() => labelsOf(counties.data), [counties.data]);
  const townLabels = useMemo(() => labelsOf(towns.data), [towns.data]);
  const villageLabels = useMemo(() => labelsOf(villages.data), [villages.data]);
  const points = complaints.data?.points;
  const zoom = view?.zoom ?? 8;

  // Describe the deck.gl layers (cheap descriptors; data is memoised above).
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    const layers = [
      points ? complaintPointsLayer(points, { radiusPixels: zoom >= 13 ? 5 : zoom >= 10 ? 3.5 : 2.5 }) : null,
      zoom < 10.5
        ? areaLabelsLayer('county-labels', countyLabels, { size: 18, color: [60, 40, 30, 255] })
        : null,
      zoom >= 9.5 && zoom < 12.5
        ? areaLabelsLayer('town-labels', townLabels, { size: 13, color: [90, 70, 50, 255] })
        : null,
      zoom >= 12
        ? areaLabelsLayer('village-labels', villageLabels, { size: 12, color: [80, 80, 80, 255] })
        : null,
    ];
    overlay.setProps({ layers: layers.filter((l) => l !== null) });
  }, [points, zoom, countyLabels, townLabels, villageLabels]);

  const ready = styleReady && Boolean(counties.data) && Boolean(points) && deckDrawn;
  const total = complaints.data?.total ?? 0;

  return (
    <div
      className="home-map"
      data-map-state={ready ? 'ready' : 'loading'}
      data-complaints={points?.length ?? 0}
    >
      <div ref={containerRef} className="home-map__canvas" />
      {!ready && <div className="home-map__loading">{t('loading')}</div>}
      <aside className="home-map__legend" aria-label={t('legendTitle')}>
        <strong>{t('legendTitle')}</strong>
        <div>{t('complaintCount', { count: total })}</div>
        {(['on_track', 'due_soon', 'overdue', 'done'] as const).map((state) => (
          <div key={state} className="home-map__legend-row">
            <span
              className="home-map__dot"
              style={{ background: `rgb(${DEADLINE_COLORS[state].join(',')})` }}
            />
            {t(`deadline.${state}`)}
          </div>
        ))}
        <div className="home-map__legend-row">
          <span className="home-map__line home-map__line--county" />
          {t('county')}
        </div>
        <div className="home-map__legend-row">
          <span className="home-map__line home-map__line--town" />
          {t('town')}
        </div>
        <div className="home-map__legend-row">
          <span className="home-map__line home-map__line--village" />
          {t('village')}
        </div>
        <div className="home-map__legend-row">
          <span className="home-map__line home-map__line--grid" />
          {t('grid')}
        </div>
      </aside>
    </div>
  );
}
