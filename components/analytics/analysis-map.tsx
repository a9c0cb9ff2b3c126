'use client';

import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { useQuery } from '@tanstack/react-query';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type AreaLabel, areaLabelsLayer } from '@/components/map/layers/area-labels-layer';
import { CITY_BOUNDS, createOwnDataMap, feedAreaSources } from '@/components/map/own-data-map';
import { areasQuery } from '@/lib/query/map';

function labelsOf(fc: FeatureCollection | undefined): AreaLabel[] {
  return (fc?.features ?? []).map((f) => ({
    code: String(f.properties?.code),
    name: String(f.properties?.name),
    position: [Number(f.properties?.labelLng), Number(f.properties?.labelLat)],
  }));
}

/**
 * The map of the hot-spot workspace: the own-data basemap (county and town outlines) with one
 * deck.gl overlay whose layers the workspace describes, under the place names (counties, towns,
 * villages by zoom). Fits `bounds` (the analysed area), then `focus` (e.g. a selected cluster).
 */
export function AnalysisMap({
  layers,
  bounds,
  focus = null,
  ready,
}: {
  layers: Layer[];
  bounds: [number, number, number, number] | null;
  focus?: [number, number, number, number] | null;
  ready: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const counties = useQuery(areasQuery('county'));
  const towns = useQuery(areasQuery('town'));
  const villages = useQuery(areasQuery('village'));
  const [zoom, setZoom] = useState(9);
  const countyLabels = useMemo(() => labelsOf(counties.data), [counties.data]);
  const townLabels = useMemo(() => labelsOf(towns.data), [towns.data]);
  const villageLabels = useMemo(() => labelsOf(villages.data), [villages.data]);

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
    map.on('load', () => {
      setLoaded(true);
      setZoom(map.getZoom());
    });
    map.on('zoomend', () => setZoom(map.getZoom()));
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
    if (!focus || !mapRef.current || !loaded) return;
    mapRef.current.fitBounds(focus, { padding: 80, maxZoom: 16, duration: 400 });
  }, [focus, loaded]);

  useEffect(() => {
    const names = [
      zoom < 10.5
        ? areaLabelsLayer('county-labels', countyLabels, { size: 16, color: [60, 40, 30, 255] })
        : null,
      zoom >= 9.5 && zoom < 12.5
        ? areaLabelsLayer('town-labels', townLabels, { size: 12, color: [90, 70, 50, 255] })
        : null,
      zoom >= 12
        ? areaLabelsLayer('village-labels', villageLabels, { size: 12, color: [80, 80, 80, 255] })
        : null,
    ].filter((l) => l !== null);
    overlayRef.current?.setProps({ layers: [...layers, ...names] });
  }, [layers, zoom, countyLabels, townLabels, villageLabels]);

  return (
    <div className="analysis-map" data-map-state={loaded && drawn && ready ? 'ready' : 'loading'}>
      <div ref={containerRef} className="analysis-map__canvas" />
    </div>
  );
}
