'use client';

import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { useQuery } from '@tanstack/react-query';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { CITY_BOUNDS, createOwnDataMap, feedAreaSources } from '@/components/map/own-data-map';
import { areasQuery } from '@/lib/query/map';

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
    const map = createOwnDataMap({
      container: containerRef.current,
      bounds: bounds ?? CITY_BOUNDS,
      fitBoundsOptions: { padding: 24 },
    });
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
    feedAreaSources(map, { counties: counties.data, towns: towns.data });
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
