import { describe, expect, it } from 'vitest';
import { rasteriseSvg } from './rasterise-svg';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#1f4e79"/><text x="10" y="50" font-family="Liberation Sans" font-size="20" fill="#fff">Zone</text></svg>';

const pngSize = (png: Uint8Array): { width: number; height: number } => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

describe('rasteriseSvg', () => {
  it('writes a PNG of the requested width that keeps the aspect ratio', () => {
    const png = rasteriseSvg(SVG, 400);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 400, height: 200 });
  });

  it('rounds fractional widths and never asks for less than one pixel', () => {
    expect(pngSize(rasteriseSvg(SVG, 99.6)).width).toBe(100);
    expect(pngSize(rasteriseSvg(SVG, 0)).width).toBe(1);
  });
});
