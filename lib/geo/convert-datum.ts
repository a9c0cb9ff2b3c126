/**
 * Point conversions between the three datums used by maps in China, all as `[lng, lat]` degrees.
 *
 * - **WGS84** (EPSG:4326): GPS, storage. CGCS2000 (EPSG:4490) is within centimetres of it at
 *   city scale and is treated as identical (see `toWgs84`).
 * - **GCJ-02** ("Mars" coordinates): Amap/Gaode, Tencent, WeChat `gcj02`. An obfuscating,
 *   smooth offset of 100–700 m applied to WGS84 inside China.
 * - **BD-09**: Baidu, a further rotation-and-scale of GCJ-02.
 *
 * Forward GCJ-02 (the published formula, Krasovsky 1940 ellipsoid a = 6378245 m, e² =
 * 0.00669342162296594323): with x = lng − 105, y = lat − 35,
 *
 *   dLat = −100 + 2x + 3y + 0.2y² + 0.1xy + 0.2√|x|
 *          + (20 sin 6πx + 20 sin 2πx)·2/3 + (20 sin πy + 40 sin(πy/3))·2/3
 *          + (160 sin(πy/12) + 320 sin(πy/30))·2/3
 *   dLng = 300 + x + 2y + 0.1x² + 0.1xy + 0.1√|x|
 *          + (20 sin 6πx + 20 sin 2πx)·2/3 + (20 sin πx + 40 sin(πx/3))·2/3
 *          + (150 sin(πx/12) + 300 sin(πx/30))·2/3
 *
 * dLat and dLng are metres-like offsets turned into degrees on the Krasovsky ellipsoid at
 * latitude φ: with W = 1 − e² sin²φ,
 *   Δlat° = dLat·180 / (π · a(1 − e²) / W^{3/2})   (meridian radius of curvature)
 *   Δlng° = dLng·180 / (π · a / √W · cos φ)         (prime-vertical radius × cos φ)
 * and GCJ-02 = WGS84 + (Δlng°, Δlat°).
 *
 * Inverse GCJ-02 → WGS84 has no closed form. Start from w = g − Δ(g) and repeat
 * w ← w − (forward(w) − g) until both components are below 1e-9° (≈ 0.1 mm); the offset is
 * smooth and nearly constant over metres, so this converges in 3–5 steps.
 *
 * BD-09 ↔ GCJ-02 (Baidu's published transform, x_pi = π·3000/180):
 *   z = √(x² + y²) + 2e-5 sin(y·x_pi),  θ = atan2(y, x) + 3e-6 cos(x·x_pi)
 *   bd = (z cos θ + 0.0065, z sin θ + 0.006)
 * and the inverse, from (x, y) = bd − (0.0065, 0.006):
 *   z = √(x² + y²) − 2e-5 sin(y·x_pi),  θ = atan2(y, x) − 3e-6 cos(x·x_pi),  gcj = (z cos θ, z sin θ)
 * The BD-09 inverse is itself approximate (≈ 1e-6°); `bd09ToGcj02` refines it with the same
 * fixed-point iteration so that round trips close below 1e-9°.
 */
import { outOfChina } from './out-of-china';

export type LngLat = [lng: number, lat: number];

const A = 6378245.0; // Krasovsky 1940 semi-major axis (m)
const EE = 0.006693421622965943; // Krasovsky 1940 e² (0.00669342162296594323 as published, to double precision)
const X_PI = (Math.PI * 3000.0) / 180.0;
const TOLERANCE = 1e-9; // degrees
const MAX_ITERATIONS = 30;

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset (degrees) to add to a WGS84 point; zero outside China. */
function gcj02Delta(lng: number, lat: number): LngLat {
  if (outOfChina(lng, lat)) return [0, 0];
  const dLat = offsetLat(lng - 105.0, lat - 35.0);
  const dLng = offsetLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const sin = Math.sin(radLat);
  const w = 1 - EE * sin * sin;
  const sqrtW = Math.sqrt(w);
  return [
    (dLng * 180.0) / ((A / sqrtW) * Math.cos(radLat) * Math.PI),
    (dLat * 180.0) / (((A * (1 - EE)) / (w * sqrtW)) * Math.PI),
  ];
}

/** WGS84 → GCJ-02 (identity outside China). */
export function wgs84ToGcj02(lng: number, lat: number): LngLat {
  const [dLng, dLat] = gcj02Delta(lng, lat);
  return [lng + dLng, lat + dLat];
}

/** Solve forward(w) = target for w by fixed-point iteration, starting from `start`. */
function invert(forward: (lng: number, lat: number) => LngLat, target: LngLat, start: LngLat): LngLat {
  let [lng, lat] = start;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [fLng, fLat] = forward(lng, lat);
    const eLng = fLng - target[0];
    const eLat = fLat - target[1];
    if (Math.abs(eLng) < TOLERANCE && Math.abs(eLat) < TOLERANCE) break;
    lng -= eLng;
    lat -= eLat;
  }
  return [lng, lat];
}

/** GCJ-02 → WGS84, iterated until forward(result) is within 1e-9° of the input. */
export function gcj02ToWgs84(lng: number, lat: number): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  const [dLng, dLat] = gcj02Delta(lng, lat);
  return invert(wgs84ToGcj02, [lng, lat], [lng - dLng, lat - dLat]);
}

/** GCJ-02 → BD-09 (Baidu's published forward formula). */
export function gcj02ToBd09(lng: number, lat: number): LngLat {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** BD-09 → GCJ-02: the published closed-form inverse, refined so gcj02ToBd09(result) matches. */
export function bd09ToGcj02(lng: number, lat: number): LngLat {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return invert(gcj02ToBd09, [lng, lat], [z * Math.cos(theta), z * Math.sin(theta)]);
}

/** WGS84 → BD-09 (through GCJ-02). */
export function wgs84ToBd09(lng: number, lat: number): LngLat {
  const [gLng, gLat] = wgs84ToGcj02(lng, lat);
  return gcj02ToBd09(gLng, gLat);
}

/** BD-09 → WGS84 (through GCJ-02). */
export function bd09ToWgs84(lng: number, lat: number): LngLat {
  const [gLng, gLat] = bd09ToGcj02(lng, lat);
  return gcj02ToWgs84(gLng, gLat);
}
