import { describe, expect, it } from 'vitest';
import { conduitBox, distanceToSegment, hitTest } from './hit-test';
import type { DiagramLayout, PlacedZone } from './layout-diagram';

const zone = (id: string, x: number, y: number): PlacedZone =>
  ({
    id,
    name: id,
    x,
    y,
    width: 200,
    height: 100,
    header: 30,
    assets: [{ id: `${id}-plc`, name: 'PLC', kind: 'plc', x: 10, y: 40 }],
  }) as unknown as PlacedZone;

// Two zones side by side, a conduit drawn as an L from the first zone's bottom to the second's bottom.
const layout: DiagramLayout = {
  width: 600,
  height: 300,
  zones: [zone('cell', 0, 0), zone('sis', 400, 0)],
  edges: [
    {
      id: 'c1:0',
      conduitId: 'c1',
      source: 'cell',
      target: 'sis',
      label: 'opc-ua',
      isExternal: false,
      points: [
        { x: 100, y: 100 },
        { x: 100, y: 200 },
        { x: 500, y: 200 },
        { x: 500, y: 100 },
      ],
      labelAt: { x: 300, y: 200 },
    },
  ],
};

describe('hitTest', () => {
  it('hits a conduit near its line only when given a tolerance', () => {
    expect(hitTest(layout, { x: 250, y: 204 })).toBeUndefined();
    expect(hitTest(layout, { x: 250, y: 204 }, { tolerance: 6 })).toEqual({
      kind: 'conduit',
      conduitId: 'c1',
    });
    expect(hitTest(layout, { x: 104, y: 150 }, { tolerance: 6 })).toEqual({
      kind: 'conduit',
      conduitId: 'c1',
    });
    expect(hitTest(layout, { x: 250, y: 220 }, { tolerance: 6 })).toBeUndefined();
  });

  it('gives zones and chips precedence over the lines under them, and drawn labels over everything', () => {
    expect(hitTest(layout, { x: 100, y: 98 }, { tolerance: 6 })).toMatchObject({ kind: 'zone' });
    const labels = [{ conduitId: 'c1', box: { x: 5, y: 35, width: 60, height: 20 } }];
    expect(hitTest(layout, { x: 20, y: 45 }, { tolerance: 6 })).toMatchObject({
      kind: 'asset',
      assetId: 'cell-plc',
    });
    expect(hitTest(layout, { x: 20, y: 45 }, { labels })).toEqual({ kind: 'conduit', conduitId: 'c1' });
  });

  it('measures the distance to a segment, clamped to its ends', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });

  it('boxes every line of a conduit for revealing it', () => {
    expect(conduitBox(layout, 'c1')).toEqual({ x: 100, y: 100, width: 400, height: 100 });
    expect(conduitBox(layout, 'unknown')).toBeUndefined();
  });
});
