'use client';

import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { defaultBaseStyle } from '@/components/map/base-style';
import { areasQuery } from '@/lib/query/map';

const STYLE_URL = process.env.NEXT_PUBLIC_MAP_STYLE_URL;

/**
 * The map of the hot-spot workspace: the own-data basemap (county and town outlines) with one
 * deck.gl overlay whose layers the workspace describes. Fits `bounds` (the analysed area).
 */
export function AnalysisMap({
  layers,
  bounds,
  ready,
}: {
  layers: Layer[];
  bounds: [number, number, number, number] | null;
  ready: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const counties = useQuery(areasQuery('county'));
  const towns = useQuery(areasQuery('town'));

  // The map is created once; later bounds changes are applied by the effect below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: create once
  useEffect(() => {
    if (!containerRef.current) return;
    maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
    const map = new maplibregl.Map({
      container: containerRef.current,
      style: STYLE_URL ?? defaultBaseStyle(),
      bounds: bounds ?? [101.13, 26.08, 102.27, 27.35],
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onAfterRender: () => setDrawn(true),
    });
    map.addControl(overlay);
    map.on('load', () => setLoaded(true));
    mapRef.current = map;
    overlayRef.current = overlay;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (bounds && mapRef.current && loaded) mapRef.current.fitBounds(bounds, { padding: 24, duration: 0 });
  }, [bounds, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const feed = (id: string, data: FeatureCollection | undefined) => {
      if (data) (map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
    };
    feed('counties', counties.data);
    feed('towns', towns.data);
  }, [loaded, counties.data, towns.data]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers });
  }, [layers]);

  return (
    <div className="analysis-map" data-map-state={loaded && drawn && ready ? 'ready' : 'loading'}>
      <div ref={containerRef} className="analysis-map__canvas" />
    </div>
  );
}
