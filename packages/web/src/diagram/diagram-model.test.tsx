import ElkBundled from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { GEOMETRY, packDiagram, targetText, UNZONED, type DiagramInput } from './diagram-model';
import { findingsByNode } from './diagram-view';
import { hitTest } from './hit-test';
import { layoutDiagram } from './layout-diagram';
import { renderDiagramSvg } from './diagram-svg';
import { fitBox, toScreen, toWorld, zoomAt } from './viewport';

const input = (assetsInCell: number): DiagramInput => ({
  zones: [
    { id: 'cell', name: 'Cell <1>' },
    { id: 'sis', name: 'SIS', isSafetyRelated: true },
  ],
  conduits: [
    { id: 'c1', name: 'Cell to SIS', zones: ['cell', 'sis'], channels: [{ protocol: 'opc-ua', port: 4840 }] },
  ],
  assets: [
    ...Array.from({ length: assetsInCell }, (_, index) => ({
      id: `plc-${index}`,
      name: `PLC ${index}`,
      kind: 'plc',
      zone: 'cell',
    })),
    { id: 'sis-1', name: 'SIS', kind: 'safety-controller', zone: 'sis' },
    { id: 'fw-1', name: 'Firewall', kind: 'firewall', zone: 'c1' },
    { id: 'lost', name: 'Lost', kind: 'hmi', zone: 'nowhere' },
  ],
  targets: new Map([
    ['cell', 'SL-T 2'],
    ['c1', 'SL-T {2 2 1 1 2 1 1}'],
  ]),
});

describe('packDiagram', () => {
  it('packs assets into their zones, keeps conduit devices out and gathers unknown zones in one box', () => {
    const { zones, edges } = packDiagram(input(3), new Set());
    expect(zones.map((zone) => [zone.id, zone.assets.map((asset) => asset.id)])).toEqual([
      ['cell', ['plc-0', 'plc-1', 'plc-2']],
      ['sis', ['sis-1']],
      [UNZONED, ['lost']],
    ]);
    expect(edges).toEqual([
      expect.objectContaining({ source: 'cell', target: 'sis', label: 'opc-ua/4840 · SL-T {2 2 1 1 2 1 1}' }),
    ]);
    const chips = zones[0]!.assets;
    expect(new Set(chips.map((chip) => `${chip.x},${chip.y}`)).size).toBe(3);
  });

  it('collapses a zone with many assets unless it was expanded, and counts them by kind', () => {
    const collapsed = packDiagram(input(GEOMETRY.collapseAbove + 1), new Set()).zones[0]!;
    expect(collapsed.isCollapsed).toBe(true);
    expect(collapsed.assets).toEqual([]);
    expect(collapsed.kindCounts).toEqual([['plc', GEOMETRY.collapseAbove + 1]]);
    expect(packDiagram(input(GEOMETRY.collapseAbove + 1), new Set(['cell'])).zones[0]!.isCollapsed).toBe(
      false,
    );
  });

  it('writes SL-T as one level when every FR agrees, else as the vector', () => {
    expect(targetText({ FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 })).toBe('SL-T 2');
    expect(targetText({ FR1: 3, FR2: 2, FR3: 2, FR4: 1, FR5: 2, FR6: 2, FR7: 2 })).toBe(
      'SL-T {3 2 2 1 2 2 2}',
    );
  });
});

describe('layoutDiagram', () => {
  it('places zones without overlap, routes the conduit and finds chips under a point', async () => {
    const { zones, edges } = packDiagram(input(5), new Set());
    const layout = await layoutDiagram(new ElkBundled(), zones, edges);
    const [cell, sis] = layout.zones;
    const overlaps =
      cell!.x < sis!.x + sis!.width &&
      sis!.x < cell!.x + cell!.width &&
      cell!.y < sis!.y + sis!.height &&
      sis!.y < cell!.y + cell!.height;
    expect(overlaps).toBe(false);
    expect(layout.edges[0]!.points.length).toBeGreaterThanOrEqual(2);
    const chip = cell!.assets[0]!;
    expect(hitTest(layout, { x: cell!.x + chip.x + 5, y: cell!.y + chip.y + 5 })).toMatchObject({
      kind: 'asset',
      assetId: chip.id,
    });
    expect(hitTest(layout, { x: cell!.x + 3, y: cell!.y + 3 })).toMatchObject({ kind: 'zone' });
    expect(hitTest(layout, { x: -50, y: -50 })).toBeUndefined();
    const svg = renderDiagramSvg(layout, findingsByNode([]));
    expect(svg).toContain('Cell &#60;1&#62;');
    expect(svg).not.toContain('Cell <1>');
  });
});

describe('viewport', () => {
  it('keeps the point under the cursor fixed while zooming and fits a box into the canvas', () => {
    const view = zoomAt({ scale: 1, x: 10, y: 20 }, { x: 300, y: 200 }, 2);
    expect(toScreen(view, toWorld({ scale: 1, x: 10, y: 20 }, { x: 300, y: 200 }))).toEqual({
      x: 300,
      y: 200,
    });
    const fitted = fitBox({ x: 0, y: 0, width: 1000, height: 500 }, { width: 548, height: 1000 });
    expect(fitted.scale).toBeCloseTo(0.5);
  });
});

describe('findingsByNode', () => {
  it('counts open findings per subject with the worst severity, ignoring triaged ones', () => {
    const finding = (subject: string, severity: string, status = 'open') =>
      ({ id: `${severity}@${subject}`, subject: { kind: 'zone', id: subject }, severity, status }) as never;
    const map = findingsByNode([
      finding('z', 'medium'),
      finding('z', 'high'),
      finding('z', 'critical', 'accepted'),
    ]);
    expect(map.get('z')).toEqual({ count: 2, worst: 'high' });
  });
});
