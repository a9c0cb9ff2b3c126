import { TextLayer } from '@deck.gl/layers';

export interface AreaLabel {
  code: string;
  name: string;
  position: [number, number];
}

/**
 * Area names drawn by deck.gl from the browser's own CJK fonts (MapLibre would need a glyph
 * server for text, and none can be fetched here).
 */
export function areaLabelsLayer(
  id: string,
  labels: readonly AreaLabel[],
  opts: { size: number; color: number[] },
) {
  return new TextLayer<AreaLabel>({
    id,
    data: labels,
    getPosition: (d) => d.position,
    getText: (d) => d.name,
    getSize: opts.size,
    getColor: opts.color as [number, number, number, number],
    characterSet: 'auto',
    fontFamily: '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif',
    fontWeight: 600,
    // A soft plate behind the text keeps it legible over lines and dots (SDF outlines blur
    // CJK glyphs at small sizes).
    background: true,
    getBackgroundColor: [255, 255, 255, 190],
    backgroundPadding: [3, 1],
    sizeUnits: 'pixels',
  });
}
