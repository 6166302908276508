import { resolveSystem, type SystemModel } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { generateSyntheticModel, LAYERS, MIN_SYNTHETIC_ASSETS } from './synthetic-model';

const resolveOrThrow = (input: unknown): { model: SystemModel; warnings: readonly { code: string }[] } => {
  const resolved = resolveSystem(input);
  if (!resolved.ok) throw new Error(`did not resolve: ${resolved.diagnostics.map((d) => d.code).join(', ')}`);
  return { model: resolved.value, warnings: resolved.warnings };
};

/** Classifies each flow from the resolved model alone, independently of the generator's own bookkeeping. */
const classifyFlows = (model: SystemModel): { intra: number; allowed: number; violating: number } => {
  let intra = 0;
  let allowed = 0;
  let violating = 0;
  for (const flow of model.dataFlows) {
    const from = model.zoneOf(flow.from)?.id;
    const to = model.zoneOf(flow.to)?.id;
    if (from === undefined || to === undefined)
      throw new Error(`flow ${flow.id} has an endpoint outside every zone`);
    if (from === to) {
      intra += 1;
      continue;
    }
    const permits = model
      .conduitsBetween(from, to)
      .some((conduit) =>
        conduit.channels.some(
          (channel) =>
            channel.from === from &&
            channel.to === to &&
            channel.protocol === flow.protocol &&
            channel.port === flow.port,
        ),
      );
    if (permits) allowed += 1;
    else violating += 1;
  }
  return { intra, allowed, violating };
};

describe('generateSyntheticModel', () => {
  const n = 200;
  const { file, stats } = generateSyntheticModel({ assets: n });

  it('passes resolveSystem without errors or warnings at n = 200', () => {
    const { model, warnings } = resolveOrThrow(JSON.parse(JSON.stringify(file)));
    expect(warnings.map((warning) => warning.code)).toEqual([]);
    expect(model.assets).toHaveLength(n);
    expect(model.dataFlows).toHaveLength(10 * n);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSyntheticModel({ assets: n })).toEqual({ file, stats });
    expect(generateSyntheticModel({ assets: n, seed: 'other' }).file).not.toEqual(file);
  });

  it('lays zones out in every Purdue layer and puts every asset in one zone or conduit', () => {
    for (const layer of LAYERS) expect(stats.zonesByLayer[layer], layer).toBeGreaterThan(0);
    const { model } = resolveOrThrow(file);
    for (const zone of model.zones) expect(model.assetsIn(zone.id).length, zone.id).toBeGreaterThanOrEqual(2);
    const inConduits = model.assets.filter((asset) => model.conduit(asset.zone ?? '') !== undefined);
    expect(inConduits.every((asset) => asset.attributes.isNetworkDevice)).toBe(true);
    expect(model.assets.filter((asset) => model.zoneOf(asset.id) === undefined)).toEqual(inConduits);
  });

  it('crosses zones mostly through conduits that allow the flow, with a small violating share', () => {
    const { model } = resolveOrThrow(file);
    const classes = classifyFlows(model);
    expect(classes).toEqual({
      intra: stats.intraZoneFlows,
      allowed: stats.conduitFlows,
      violating: stats.violatingFlows,
    });
    expect(stats.intraZoneFlows + stats.conduitFlows + stats.violatingFlows).toBe(stats.dataFlows);
    expect(classes.intra / stats.dataFlows).toBeGreaterThan(0.7);
    expect(classes.violating).toBeGreaterThan(0);
    expect(classes.violating / stats.dataFlows).toBeLessThan(0.03);
  });

  it('scales zones with n/50, conduits with about three per zone and flows with 10 per asset', () => {
    const large = generateSyntheticModel({ assets: 5_000 });
    expect(large.stats.zones).toBe(100);
    expect(large.stats.conduits / large.stats.zones).toBeGreaterThan(2.5);
    expect(large.stats.conduits / large.stats.zones).toBeLessThan(3.5);
    expect(large.stats.dataFlows).toBe(50_000);
    expect(large.stats.threatScenarios).toBe(50);
    expect(large.stats.vulnerabilities).toBeGreaterThan(0);
    expect(large.stats.countermeasures).toBeGreaterThan(large.stats.zones);
    const { model } = resolveOrThrow(large.file);
    expect(model.zones).toHaveLength(100);
  });

  it('refuses sizes the Purdue layout does not fit in', () => {
    expect(() => generateSyntheticModel({ assets: MIN_SYNTHETIC_ASSETS - 1 })).toThrow(RangeError);
  });
});
