import { describe, expect, it } from 'vitest';
import { escapeXml } from '../escape';
import { buildLargeModelFixture, buildReportFixture } from '../testing/report-fixture';
import { overlappingPairs, rectsWith, xmlProblems } from '../testing/svg-geometry';
import { renderZoneDiagramSvg } from './zone-diagram';

const ZONE_BOX = { rx: '10' };
const LABEL_BOX = { rx: '3', height: '15' };

describe('renderZoneDiagramSvg', () => {
  const { model, assessment } = buildReportFixture();
  const figure = renderZoneDiagramSvg(model, { targets: assessment.targets, idPrefix: 'zd' });

  it('contains every zone id and every conduit id', () => {
    expect(model.zones.filter((zone) => !figure.svg.includes(`(${escapeXml(zone.id)})`))).toEqual([]);
    expect(model.conduits.filter((conduit) => !figure.svg.includes(`>${escapeXml(conduit.id)} · `))).toEqual(
      [],
    );
  });

  it('draws one box per zone and no two boxes or conduit labels overlap', () => {
    const boxes = rectsWith(figure.svg, ZONE_BOX);
    expect(boxes).toHaveLength(model.zones.length);
    expect(overlappingPairs(boxes)).toEqual([]);
    expect(overlappingPairs(rectsWith(figure.svg, LABEL_BOX))).toEqual([]);
  });

  it('puts enterprise zones above control and safety zones', () => {
    const topOf = (zoneId: string): number => {
      const index = figure.svg.indexOf(`>${zoneId} · `);
      const before = figure.svg.slice(0, index);
      const rect = [...before.matchAll(/<rect x="[\d.]+" y="([\d.]+)"[^>]*rx="10"/g)].at(-1);
      return Number(rect?.[1]);
    };
    expect(topOf('enterprise')).toBeLessThan(topOf('dmz'));
    expect(topOf('dmz')).toBeLessThan(topOf('supervisory'));
    expect(topOf('supervisory')).toBeLessThan(topOf('control'));
    expect(topOf('control')).toBe(topOf('sis'));
  });

  it('dashes external conduits and gives data diodes a one-way arrow', () => {
    const paths = [...figure.svg.matchAll(/<path d="[^"]*"[^>]*>/g)].map((match) => match[0]);
    const external = model.conduits.filter((conduit) => conduit.isExternal).length;
    expect(paths.filter((path) => path.includes('stroke-dasharray="7 4"'))).toHaveLength(external);
    const arrows = paths.filter((path) => /marker-(start|end)="url\(#zd-arrow\)"/.test(path));
    expect(arrows).toHaveLength(1);
  });

  it('shows asset chips up to the limit and "+N more" beyond it', () => {
    const limited = renderZoneDiagramSvg(model, { maxAssetsPerZone: 2 });
    const supervisoryAssets = model.assetsIn('supervisory').length;
    expect(limited.svg).toContain(`+${supervisoryAssets - 1} more`);
  });

  it('escapes hostile zone and asset names', () => {
    const hostile = buildReportFixture({ hostile: '<script>alert(1)</script>&"\u0001' });
    const svg = renderZoneDiagramSvg(hostile.model, {}).svg;
    expect(svg.includes('<script')).toBe(false);
    expect(svg.includes('&lt;script&gt;')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('returns the same SVG for the same model', () => {
    expect(renderZoneDiagramSvg(model, { targets: assessment.targets, idPrefix: 'zd' })).toEqual(figure);
  });

  it('stays legible for 300 zones: every zone and conduit drawn, rows wrapped, nothing overlapping', () => {
    const large = buildLargeModelFixture(300);
    const svg = renderZoneDiagramSvg(large).svg;
    const boxes = rectsWith(svg, ZONE_BOX);
    expect(boxes).toHaveLength(300);
    expect(overlappingPairs(boxes)).toEqual([]);
    expect(overlappingPairs(rectsWith(svg, LABEL_BOX))).toEqual([]);
    expect(large.zones.map((zone) => zone.id).filter((id) => !svg.includes(`(${id})`))).toEqual([]);
    expect(large.conduits.map((conduit) => conduit.id).filter((id) => !svg.includes(`>${id}`))).toEqual([]);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeLessThanOrEqual(2400);
    expect(svg.includes('NaN')).toBe(false);
    const fontSizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(Math.min(...fontSizes)).toBeGreaterThanOrEqual(8);
  });
});
