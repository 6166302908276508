import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

// The report's figures are drawn in Liberation Sans (formats/report/svg/svg-text.ts). Loading one font folder is
// much faster than scanning every system font for each figure.
const LIBERATION_FOLDER = '/usr/share/fonts/truetype/liberation';

const fontOptions = (): NonNullable<ResvgRenderOptions['font']> =>
  existsSync(LIBERATION_FOLDER)
    ? { loadSystemFonts: false, fontDirs: [LIBERATION_FOLDER], defaultFontFamily: 'Liberation Sans' }
    : { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' };

let fonts: NonNullable<ResvgRenderOptions['font']> | undefined;

/**
 * Rasterises an SVG figure to PNG bytes `width` pixels wide on a white background, with resvg (native, no browser).
 * Word needs a PNG beside every SVG image, and `zonewise diagram -o zones.png` writes one; formats stays pure by
 * taking this function as a parameter.
 */
export const rasteriseSvg = (svg: string, width: number): Uint8Array => {
  fonts ??= fontOptions();
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.round(width)) },
    background: '#ffffff',
    font: fonts,
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
};
