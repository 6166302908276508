import { readFileSync } from 'node:fs';
import { resolveSystem, type SystemFileInput } from '@zonewise/core';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { assessFile, exampleFile } from '../export/registers/testing/register-fixtures';
import { buildLargeModelFixture } from '../report/testing/report-fixture';
import { overlappingPairs } from '../report/testing/svg-geometry';
import { renderZoneConduitDiagram } from './render-zone-diagram';
import {
  GROUPING_THRESHOLD,
  layoutZoneDiagram,
  type DiagramBox,
  type ZoneDiagramLayout,
} from './zone-diagram-layout';

const readText = (url: URL): string => readFileSync(url, 'utf8');

const contains = (outer: DiagramBox, inner: DiagramBox): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

const near = (point: { x: number; y: number }, box: DiagramBox): boolean =>
  point.x >= box.x - 2 &&
  point.x <= box.x + box.width + 2 &&
  point.y >= box.y - 2 &&
  point.y <= box.y + box.height + 2;

/** Checks every layout must pass: boxes apart, every conduit drawn between its zones or listed in both boxes. */
const layoutProblems = (layout: ZoneDiagramLayout, conduitIds: readonly string[]): string[] => {
  const problems: string[] = [];
  const byDepth = layout.zones.filter((zone) => zone.depth === 0);
  problems.push(
    ...overlappingPairs(byDepth).map(([a, b]) => `zones overlap at ${a.x},${a.y} and ${b.x},${b.y}`),
  );
  const zone = new Map(layout.zones.map((entry) => [entry.id, entry]));
  for (const id of conduitIds) {
    if (!layout.conduits.some((conduit) => conduit.id === id)) problems.push(`conduit ${id} missing`);
  }
  for (const conduit of layout.conduits) {
    const from = zone.get(conduit.from);
    const to = zone.get(conduit.to);
    if (from === undefined || to === undefined) {
      problems.push(`conduit ${conduit.id} between unknown zones`);
      continue;
    }
    if (conduit.isConnector) {
      const listed = (box: typeof from, other: string): boolean =>
        box.lines.some((line) => line.text === `→ ${other}` || /^\+\d+ more conduits$/.test(line.text));
      if (!listed(from, to.id) || !listed(to, from.id)) problems.push(`connector ${conduit.id} not listed`);
      continue;
    }
    const start = conduit.points[0];
    const end = conduit.points.at(-1);
    if (start === undefined || end === undefined || conduit.points.length < 2) {
      problems.push(`conduit ${conduit.id} has no route`);
    } else if (!near(start, from) || !near(end, to)) {
      problems.push(`conduit ${conduit.id} does not join ${from.id} and ${to.id}`);
    }
    for (const box of byDepth) {
      const label = conduit.label;
      if (overlappingPairs([box, label]).length > 0)
        problems.push(`label of ${conduit.id} covers zone ${box.id}`);
    }
  }
  const edgeLabels = layout.conduits
    .filter((conduit) => !conduit.isConnector)
    .map((conduit) => conduit.label);
  problems.push(
    ...overlappingPairs(edgeLabels).map(([a, b]) => `labels overlap at ${a.x},${a.y} and ${b.x},${b.y}`),
  );
  return problems;
};

describe.each(['pharma-tablet-plant', 'water-treatment'])('diagram of examples/%s', (name) => {
  const { model, assessment } = assessFile(exampleFile(name, readText));

  it.each(['purdue', 'layered'] as const)(
    '%s layout: zones apart, every conduit drawn and labelled',
    async (layout) => {
      const result = await layoutZoneDiagram(model, { targets: assessment.targets, layout });
      expect(result.zones.map((zone) => zone.id).sort()).toEqual(model.zones.map((zone) => zone.id).sort());
      expect(
        layoutProblems(
          result,
          model.conduits.map((conduit) => conduit.id),
        ),
      ).toEqual([]);
      expect(result.conduits.every((conduit) => !conduit.isConnector)).toBe(true);
    },
  );

  it('puts enterprise zones above control zones in the purdue layout', async () => {
    const result = await layoutZoneDiagram(model, { targets: assessment.targets });
    const level = (id: string) =>
      model.assetsIn(id).map((asset) => asset.purdueLevel ?? asset.kind.purdueLevel);
    const top = (ids: string[]) =>
      Math.max(...result.zones.filter((zone) => ids.includes(zone.id)).map((zone) => zone.y));
    const bottom = (ids: string[]) =>
      Math.min(...result.zones.filter((zone) => ids.includes(zone.id)).map((zone) => zone.y));
    const high = model.zones
      .filter((zone) => level(zone.id).every((value) => value >= 4))
      .map((zone) => zone.id);
    const low = model.zones
      .filter((zone) => level(zone.id).length > 0 && level(zone.id).every((value) => value <= 1))
      .map((zone) => zone.id);
    expect(high.length).toBeGreaterThan(0);
    expect(low.length).toBeGreaterThan(0);
    expect(top(high)).toBeLessThan(bottom(low));
  });

  it('writes a well-formed, deterministic SVG with the conduit labels', async () => {
    const figure = await renderZoneConduitDiagram(model, { targets: assessment.targets });
    expect(XMLValidator.validate(figure.svg)).toBe(true);
    for (const conduit of model.conduits) expect(figure.svg).toContain(`>${conduit.id} · `);
    expect((await renderZoneConduitDiagram(model, { targets: assessment.targets })).svg).toBe(figure.svg);
  });
});

describe('diagram of a large model', () => {
  it('lays out 300 zones in groups on a near-square page, every conduit drawn or listed', async () => {
    const model = buildLargeModelFixture(300);
    expect(model.zones.length).toBeGreaterThan(GROUPING_THRESHOLD);
    const result = await layoutZoneDiagram(model);
    expect(result.zones).toHaveLength(300);
    expect(
      layoutProblems(
        result,
        model.conduits.map((conduit) => conduit.id),
      ),
    ).toEqual([]);
    expect(result.groups.length).toBeGreaterThan(1);
    expect(overlappingPairs(result.groups)).toEqual([]);
    for (const zone of result.zones) {
      expect(result.groups.filter((group) => contains(group, zone))).toHaveLength(1);
    }
    expect(result.width / result.height).toBeLessThan(4);
    expect(result.height / result.width).toBeLessThan(4);
  });
});

describe('diagram details', () => {
  const base = exampleFile('water-treatment', readText);

  it('draws a nested zone inside its parent', async () => {
    const [outer, inner] = base.zones ?? [];
    if (!outer || !inner) throw new Error('fixture needs two zones');
    const file: SystemFileInput = {
      ...base,
      zones: (base.zones ?? []).map((zone) => (zone.id === inner.id ? { ...zone, parent: outer.id } : zone)),
    };
    const resolved = resolveSystem(file);
    if (!resolved.ok) throw new Error(resolved.diagnostics.map((d) => d.message).join('; '));
    const result = await layoutZoneDiagram(resolved.value);
    const parent = result.zones.find((zone) => zone.id === outer.id);
    const child = result.zones.find((zone) => zone.id === inner.id);
    expect(parent?.hasChildren).toBe(true);
    expect(parent && child && contains(parent, child)).toBe(true);
  });

  it('escapes hostile zone names', async () => {
    const hostile = '<script>alert(1)</script>&"';
    const file: SystemFileInput = {
      ...base,
      zones: (base.zones ?? []).map((zone) => ({ ...zone, name: `${zone.name}${hostile}` })),
    };
    const resolved = resolveSystem(file);
    if (!resolved.ok) throw new Error('does not resolve');
    const figure = await renderZoneConduitDiagram(resolved.value);
    expect(figure.svg).not.toContain('<script');
    expect(XMLValidator.validate(figure.svg)).toBe(true);
  });
});
