import { PNG } from 'pngjs';

/** Count the pixels of a PNG within `tolerance` (per channel) of an RGB colour. */
export function countColour(png: Buffer, rgb: readonly [number, number, number], tolerance = 12): number {
  const image = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs((image.data[i] ?? 0) - rgb[0]) <= tolerance &&
      Math.abs((image.data[i + 1] ?? 0) - rgb[1]) <= tolerance &&
      Math.abs((image.data[i + 2] ?? 0) - rgb[2]) <= tolerance
    )
      n++;
  }
  return n;
}

export function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
