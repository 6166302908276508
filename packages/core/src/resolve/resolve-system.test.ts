import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { aConduit, anAsset, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { resolveSystem } from './resolve-system';

const codesOf = (input: unknown): string[] => {
  const resolved = resolveSystem(input);
  return resolved.ok ? [] : resolved.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
};

describe('resolveSystem', () => {
  it('resolves a valid system and sorts collections by id', () => {
    const model = resolveOrThrow(aSystem());
    expect(model.assets.map((asset) => asset.id)).toEqual(['historian', 'hmi-1', 'plc-1']);
    expect(model.zoneOf('plc-1')?.id).toBe('control');
    expect(model.conduitsBetween('control', 'dmz').map((conduit) => conduit.id)).toEqual(['dmz-control']);
    expect(model.asset('plc-1')?.worstImpact).toBe(4);
    expect(model.riskCriteria.isDefault).toBe(true);
  });

  it('reports every problem at once with stable codes', () => {
    const codes = codesOf(
      aSystem({
        zones: [aZone({ id: 'control' }), aZone({ id: 'control' })],
        conduits: [
          aConduit({ id: 'c1', zones: ['control', 'dmz-2'] }),
          aConduit({ id: 'c2', zones: ['control'] }),
        ],
        assets: [anAsset({ id: 'a1', zone: 'nowhere', kind: 'plcc' })],
        dataFlows: [],
      }),
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'duplicate-id',
        'unknown-reference',
        'conduit-joins-one-zone',
        'unknown-asset-kind',
      ]),
    );
  });

  it('points at the dangling reference with a path', () => {
    const resolved = resolveSystem(
      aSystem({ conduits: [aConduit({ id: 'c1', zones: ['control', 'dmz-2'] })] }),
    );
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.diagnostics[0]).toMatchObject({
      code: 'unknown-reference',
      path: ['conduits', 0, 'zones', 1],
    });
  });

  it('rejects an asset placed in two zones', () => {
    const file = aSystem({
      zones: [aZone({ id: 'control', assets: ['plc-1'] }), aZone({ id: 'dmz', assets: ['plc-1'] })],
    });
    expect(codesOf(file)).toContain('asset-in-two-zones');
  });

  it('reports schema problems as missing-field and invalid-type', () => {
    expect(codesOf({ formatVersion: 1, system: {} })).toContain('missing-field');
    expect(codesOf({ formatVersion: 1, system: { name: 'x' }, zones: 'none' })).toContain('invalid-type');
    expect(codesOf({ system: { name: 'x' } })).toEqual(['missing-format-version']);
    expect(codesOf({ formatVersion: 9, system: { name: 'x' } })).toEqual(['unsupported-format-version']);
  });

  it('warns about unknown fields and keeps the rest', () => {
    const resolved = resolveSystem({ ...aSystem(), colour: 'blue' });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.warnings.map((w) => w.code)).toContain('unknown-field');
  });

  it('checks the risk matrix shape and the tolerable band', () => {
    const codes = codesOf(
      aSystem({
        riskCriteria: {
          likelihood: {
            direction: 'ascending',
            levels: [
              { level: 1, label: 'a' },
              { level: 2, label: 'b' },
            ],
          },
          impactCategories: [{ id: 'safety', name: 'Safety', levels: ['x', 'y'] }],
          bands: [
            { id: 'low', label: 'Low', securityLevel: 1 },
            { id: 'high', label: 'High', securityLevel: 3 },
          ],
          matrix: [['low', 'low']],
          tolerable: 'medium',
        },
        assets: [],
        dataFlows: [],
      }),
    );
    expect(codes).toEqual(expect.arrayContaining(['risk-matrix-shape', 'unknown-reference']));
  });

  test.prop([fc.jsonValue()], { numRuns: 500, seed: 62443 })('never throws on arbitrary JSON', (value) => {
    expect(() => resolveSystem(value)).not.toThrow();
  });

  test.prop([fc.jsonValue()], { numRuns: 300, seed: 3 })(
    'never throws on arbitrary JSON shaped like a file',
    (value) => {
      const base = aSystem() as Record<string, unknown>;
      for (const key of Object.keys(base)) {
        expect(() => resolveSystem({ ...base, [key]: value })).not.toThrow();
      }
    },
  );
});
