/**
 * A colour from data (a category's or urgency grade's colour, a map colour) made readable as text on
 * white and on its own light tint, the way antd prints a Tag with a custom colour (the text in the
 * colour, the background the same hue at 95 % lightness): the lightness goes down until the text
 * reaches WCAG AA (4.5:1). Preset names ("red") and unreadable values pass unchanged. Pure.
 */
const MIN_CONTRAST = 4.6;

type Rgb = [number, number, number];

function parse(color: string): Rgb | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(color.trim());
  return rgb ? ([Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as Rgb) : null;
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h =
    max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h / 6, s, l];
}

function toRgb([h, s, l]: [number, number, number]): Rgb {
  if (s === 0) return [l, l, l].map((v) => Math.round(v * 255)) as Rgb;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [hue(h + 1 / 3), hue(h), hue(h - 1 / 3)].map((v) => Math.round(v * 255)) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (rgb: Rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

export function readableTagColor(color: string): string {
  const rgb = parse(color);
  if (!rgb) return color;
  const [h, s, l] = toHsl(rgb);
  const tint = toRgb([h, s, 0.95]);
  const white: Rgb = [255, 255, 255];
  const ok = (c: Rgb) => contrastRatio(c, tint) >= MIN_CONTRAST && contrastRatio(c, white) >= MIN_CONTRAST;
  // A translucent colour (rgba) is printed opaque: its alpha would lower the contrast.
  if (ok(rgb)) return /^rgba/i.test(color) ? hex(rgb) : color;
  for (let light = l; light > 0; light -= 0.02) {
    const darker = toRgb([h, s, light]);
    if (ok(darker)) return hex(darker);
  }
  return '#000000';
}
