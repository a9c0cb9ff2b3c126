/**
 * Creating a MapLibre map on the project's basemap, in one place for every map of the app (home,
 * staff workspace, case location, resident pin, hot spots): the worker, the style (own data, or a
 * deployment style from NEXT_PUBLIC_MAP_STYLE_URL with our area layers added on top), the usual
 * controls, and feeding the area sources with data fetched by the component.
 */
import type { FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import { AREA_LAYERS, AREA_SOURCES, defaultBaseStyle } from './base-style';

export const STYLE_URL = process.env.NEXT_PUBLIC_MAP_STYLE_URL;

/** Panzhihua's extent (WGS84) and how far the view may wander from it. */
export const CITY_BOUNDS: [[number, number], [number, number]] = [
  [101.13, 26.08],
  [102.27, 27.35],
];
export const MAX_BOUNDS: [[number, number], [number, number]] = [
  [100.6, 25.6],
  [102.8, 27.8],
];

export type AreaSourceId = 'counties' | 'towns' | 'villages' | 'grids';

export interface OwnDataMapOptions extends Omit<maplibregl.MapOptions, 'style'> {
  /** Zoom buttons (default true) and scale bar (default true). */
  navigation?: boolean;
  scale?: boolean;
}

/** MapLibre's own control labels (zoom buttons, marker, popup) in Chinese; English is its default. */
const ZH_MAP_LOCALE: Record<string, string> = {
  'AttributionControl.ToggleAttribution': '显示或隐藏数据来源',
  'FullscreenControl.Enter': '全屏',
  'FullscreenControl.Exit': '退出全屏',
  'GeolocateControl.FindMyLocation': '定位到我的位置',
  'GeolocateControl.LocationNotAvailable': '无法获取位置',
  'Map.Title': '地图',
  'Marker.Title': '地图标记',
  'NavigationControl.ResetBearing': '拖动旋转地图，点击恢复正北',
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'Popup.Close': '关闭',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '公里',
  'CooperativeGesturesHandler.WindowsHelpText': '按住 Ctrl 并滚动鼠标缩放地图',
  'CooperativeGesturesHandler.MacHelpText': '按住 ⌘ 并滚动鼠标缩放地图',
  'CooperativeGesturesHandler.MobileHelpText': '用两根手指移动地图',
};

export function createOwnDataMap({
  navigation = true,
  scale = true,
  ...options
}: OwnDataMapOptions): maplibregl.Map {
  maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
  const map = new maplibregl.Map({
    style: STYLE_URL ?? defaultBaseStyle(),
    attributionControl: false,
    // The page's language (the root layout sets <html lang>).
    locale: document.documentElement.lang === 'en' ? undefined : ZH_MAP_LOCALE,
    ...options,
  });
  if (navigation) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  if (scale) map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  if (STYLE_URL) {
    // Registered before the caller's own 'load' listeners, so the sources exist when they run.
    map.once('load', () => {
      for (const [id, source] of Object.entries(AREA_SOURCES))
        if (!map.getSource(id)) map.addSource(id, source);
      for (const layer of AREA_LAYERS) if (layer.id !== 'county-fill') map.addLayer(layer);
    });
  }
  return map;
}

/** Put fetched area data into the basemap's sources (missing data leaves a source as it is). */
export function feedAreaSources(
  map: maplibregl.Map,
  data: Partial<Record<AreaSourceId, FeatureCollection | undefined>>,
): void {
  for (const [id, fc] of Object.entries(data)) {
    if (fc) (map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(fc);
  }
}
