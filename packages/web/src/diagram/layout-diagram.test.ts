import ElkBundled from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import pharmaText from '../../../../examples/pharma-tablet-plant/assessment.yaml?raw';
import waterText from '../../../../examples/water-treatment/assessment.yaml?raw';
import { generateWebBenchModel } from '../../../../bench/web-model';
import { GEOMETRY, packDiagram, type DiagramInput } from './diagram-model';
import { estimateTextWidth, setTitle, TITLE, wrapText } from './diagram-text';
import { LARGE, layoutDiagram, type DiagramLayout } from './layout-diagram';
import { bandOf, planRows } from './row-plan';
import { fitBox, initialView, READABLE_SCALE } from './viewport';

/** The canvas of the e2e run (1440×900 window): the stage beside the details panel. */
const CANVAS = { width: 786, height: 620 };

/** A model file as the web reads it from the API: zones, conduits and assets as written. */
const inputOf = (model: Record<string, unknown>): DiagramInput => ({
  zones: (model['zones'] ?? []) as DiagramInput['zones'],
  conduits: (model['conduits'] ?? []) as DiagramInput['conduits'],
  assets: (model['assets'] ?? []) as DiagramInput['assets'],
  targets: new Map(),
});

const examples = {
  'pharma-tablet-plant': inputOf(parse(pharmaText) as Record<string, unknown>),
  'water-treatment': inputOf(parse(waterText) as Record<string, unknown>),
};

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const overlaps = (a: Box, b: Box, inset = 0): boolean =>
  a.x + inset < b.x + b.width &&
  b.x + inset < a.x + a.width &&
  a.y + inset < b.y + b.height &&
  b.y + inset < a.y + a.height;

const onBorder = (point: { x: number; y: number }, box: Box): boolean =>
  point.x >= box.x - 1 &&
  point.x <= box.x + box.width + 1 &&
  point.y >= box.y - 1 &&
  point.y <= box.y + box.height + 1;

/** Everything a laid-out diagram must satisfy, as a list of problems (empty when fine). */
const layoutProblems = (layout: DiagramLayout): string[] => {
  const problems: string[] = [];
  const { zones } = layout;
  for (let a = 0; a < zones.length; a++)
    for (let b = a + 1; b < zones.length; b++)
      if (overlaps(zones[a]!, zones[b]!)) problems.push(`${zones[a]!.id} overlaps ${zones[b]!.id}`);
  for (const zone of zones) {
    if (
      zone.x < 0 ||
      zone.y < 0 ||
      zone.x + zone.width > layout.width + 1 ||
      zone.y + zone.height > layout.height + 1
    )
      problems.push(`${zone.id} lies outside the diagram`);
    const chips = zone.assets.map((asset) => ({
      id: asset.id,
      x: asset.x,
      y: asset.y,
      width: GEOMETRY.chipWidth,
      height: GEOMETRY.chipHeight,
    }));
    for (const chip of chips) {
      if (
        chip.x < 0 ||
        chip.y < zone.header ||
        chip.x + chip.width > zone.width ||
        chip.y + chip.height > zone.height
      )
        problems.push(`chip ${chip.id} sticks out of ${zone.id} or into its title`);
    }
    for (let a = 0; a < chips.length; a++)
      for (let b = a + 1; b < chips.length; b++)
        if (overlaps(chips[a]!, chips[b]!))
          problems.push(`chips ${chips[a]!.id} and ${chips[b]!.id} overlap`);
  }
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  for (const edge of layout.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const first = edge.points[0];
    const last = edge.points.at(-1);
    if (source === undefined || target === undefined || first === undefined || last === undefined) {
      problems.push(`${edge.id} has no route`);
      continue;
    }
    if (!onBorder(first, source) || !onBorder(last, target))
      problems.push(`${edge.id} does not run from ${edge.source} to ${edge.target}`);
  }
  return problems;
};

/** Conduit segments that run through a zone other than the two they join (inset, so touching borders is fine). */
const conduitsThroughZones = (layout: DiagramLayout): string[] => {
  const problems: string[] = [];
  for (const edge of layout.edges) {
    for (let index = 1; index < edge.points.length; index++) {
      const a = edge.points[index - 1]!;
      const b = edge.points[index]!;
      const segment = {
        x: Math.min(a.x, b.x),
        y: Math.min(a.y, b.y),
        width: Math.abs(b.x - a.x) || 0.01,
        height: Math.abs(b.y - a.y) || 0.01,
      };
      for (const zone of layout.zones) {
        if (zone.id === edge.source || zone.id === edge.target) continue;
        if (overlaps(segment, zone, 2)) problems.push(`${edge.id} crosses ${zone.id}`);
      }
    }
  }
  return problems;
};

describe('zone titles', () => {
  it('wrap at spaces into at most two lines and shrink before they are cut', () => {
    const title = 'Safety instrumented system, coater and fluid-bed dryer';
    const wide = setTitle(title, 2000);
    expect(wide).toEqual({ lines: [title], font: TITLE.font });
    const narrow = setTitle(title, 460);
    expect(narrow.lines).toHaveLength(2);
    expect(narrow.lines.join(' ')).toBe(title);
    for (const line of narrow.lines)
      expect(estimateTextWidth(line, narrow.font, true)).toBeLessThanOrEqual(460);
    const tiny = setTitle(title, 150);
    expect(tiny.font).toBe(TITLE.minFont);
    expect(tiny.lines).toHaveLength(2);
    expect(tiny.lines[1]).toMatch(/…$/);
    expect(wrapText('a-very-long-identifier-without-spaces', 80, 12, false, 2).isComplete).toBe(false);
  });
});

describe('row plan', () => {
  it('puts enterprise and external zones on top and control zones at the bottom', () => {
    expect([5, 4, 3.5, 3, 2.5, 2, 1, 0, undefined].map(bandOf)).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 5]);
    const { zones, edges } = packDiagram(examples['pharma-tablet-plant'], new Set());
    const plan = planRows(zones, edges, CANVAS.width / CANVAS.height);
    expect(plan.rows.flat().sort()).toEqual(zones.map((zone) => zone.id).sort());
    const rowOf = (id: string) => plan.rows.findIndex((row) => row.includes(id));
    expect(rowOf('enterprise')).toBe(0);
    expect(rowOf('cloud')).toBe(0);
    expect(rowOf('idmz')).toBe(1);
    expect(rowOf('site-operations')).toBe(2);
    expect(rowOf('supervisory')).toBeGreaterThan(rowOf('site-operations'));
    expect(rowOf('engineering')).toBeGreaterThan(rowOf('site-operations'));
    // A conduit between two level-2 zones puts them in different rows.
    expect(rowOf('engineering')).not.toBe(rowOf('supervisory'));
    for (const cell of ['granulation-control', 'compression-control', 'coating-control', 'safety-sis'])
      expect(rowOf(cell)).toBeGreaterThan(rowOf('supervisory'));
    // No conduit joins two zones of the same row (ELK could not keep them in one row).
    for (const edge of edges) expect(rowOf(edge.source)).not.toBe(rowOf(edge.target));
  });

  it('copes with an empty model', async () => {
    expect(planRows([], [], 4 / 3)).toMatchObject({ rows: [], zones: [], width: 0, height: 0 });
    const layout = await layoutDiagram(new ElkBundled(), [], []);
    expect(layout.zones).toEqual([]);
    expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
  });

  it('shapes chip grids to fill the canvas: flat zones in a lone row, narrower ones in a crowded row', () => {
    const { zones, edges } = packDiagram(examples['pharma-tablet-plant'], new Set());
    const plan = planRows(zones, edges, CANVAS.width / CANVAS.height);
    const zone = (id: string) => plan.zones.find((candidate) => candidate.id === id)!;
    expect(zone('site-operations').columns).toBeGreaterThan(4);
    expect(zone('enterprise').columns).toBe(5);
    expect(plan.width / plan.height).toBeGreaterThan(1);
    expect(plan.width / plan.height).toBeLessThan(1.6);
    expect(planRows(zones, edges, 16 / 10).width).toBeGreaterThanOrEqual(plan.width);
  });
});

describe.each(Object.keys(examples) as (keyof typeof examples)[])('layout of examples/%s', (name) => {
  const laidOut = (aspect: number) => {
    const { zones, edges } = packDiagram(examples[name], new Set());
    return layoutDiagram(new ElkBundled(), zones, edges, { aspect });
  };

  it('keeps zones and chips apart and routes every conduit between its zones, around the others', async () => {
    const layout = await laidOut(4 / 3);
    expect(layout.zones.length).toBeGreaterThan(5);
    expect(layoutProblems(layout)).toEqual([]);
    expect(conduitsThroughZones(layout)).toEqual([]);
  });

  it.each([
    ['4:3', 4 / 3],
    ['16:10', 16 / 10],
  ])('fills a %s canvas (aspect ratio within range, not a flat band)', async (_, aspect) => {
    const layout = await laidOut(aspect);
    const ratio = layout.width / layout.height;
    expect(ratio).toBeGreaterThan(aspect / 1.6);
    expect(ratio).toBeLessThan(aspect * 1.6);
  });

  it('opens fitted and centred with titles readable and not cut on a 1440×900 screen', async () => {
    const layout = await laidOut(CANVAS.width / CANVAS.height);
    const view = initialView(layout, CANVAS);
    expect(view).toEqual(fitBox({ x: 0, y: 0, width: layout.width, height: layout.height }, CANVAS));
    expect(view.scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    for (const zone of layout.zones) {
      expect(zone.title.font * view.scale).toBeGreaterThanOrEqual(11);
      expect(zone.title.lines.join(' ')).toBe(zone.name.replace(/\s+/g, ' ').trim());
    }
    // Centred: equal margins left and right, top and bottom.
    expect(view.x * 2 + layout.width * view.scale).toBeCloseTo(CANVAS.width);
    expect(view.y * 2 + layout.height * view.scale).toBeCloseTo(CANVAS.height);
  });
});

describe('layout of 5,000 assets in 300 zones', () => {
  const model = generateWebBenchModel({ assets: 5000, zones: 300 });

  it('places rows without ELK, keeps everything apart and opens readable at the top left', async () => {
    const { zones, edges } = packDiagram(inputOf(model), new Set());
    expect(zones.length).toBeGreaterThan(LARGE);
    const started = performance.now();
    // No ELK instance is needed above LARGE zones.
    const layout = await layoutDiagram(undefined as never, zones, edges, { aspect: 4 / 3 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(layoutProblems(layout)).toEqual([]);
    expect(conduitsThroughZones(layout)).toEqual([]);
    expect(layout.width / layout.height).toBeGreaterThan(0.75);
    expect(layout.width / layout.height).toBeLessThan(2);
    for (const edge of layout.edges) {
      // Orthogonal routes: every segment is horizontal or vertical.
      for (let index = 1; index < edge.points.length; index++) {
        const a = edge.points[index - 1]!;
        const b = edge.points[index]!;
        expect(a.x === b.x || a.y === b.y).toBe(true);
      }
    }
    const view = initialView(layout, CANVAS);
    expect(view.scale).toBe(READABLE_SCALE);
    expect(view.y).toBeGreaterThan(0);
    // The first zone of the top row is in view.
    const top = Math.min(...layout.zones.map((zone) => zone.y));
    const first = layout.zones.filter((zone) => zone.y === top).sort((a, b) => a.x - b.x)[0]!;
    expect(first.x * view.scale + view.x).toBeGreaterThanOrEqual(0);
    expect(first.x * view.scale + view.x).toBeLessThan(CANVAS.width);
    // "Fit" still shows everything.
    const fitted = fitBox({ x: 0, y: 0, width: layout.width, height: layout.height }, CANVAS);
    expect(layout.width * fitted.scale).toBeLessThanOrEqual(CANVAS.width);
    expect(layout.height * fitted.scale).toBeLessThanOrEqual(CANVAS.height);
  });
});
