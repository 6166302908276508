import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline, target } from '../testing/rule-kit';
import { capabilityBelowTarget } from './capability-below-target';

const withCapability = (capability: number | number[] | undefined) =>
  modelWith({
    zones: [aZone({ id: 'control', securityLevelTarget: target(2) }), aZone({ id: 'dmz' })],
    assets: [
      anAsset({
        id: 'plc-1',
        kind: 'plc',
        zone: 'control',
        ...(capability === undefined ? {} : { securityLevelCapability: capability }),
      }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', securityLevelCapability: 0 }),
    ],
  });

describe('asset/capability-below-target', () => {
  it("fires when the asset's SL-C is below the zone SL-T in some FR, naming those FRs", () => {
    const findings = fire(capabilityBelowTarget, withCapability([2, 1, 2, 2, 2, 2, 1]));
    expect(outline(findings)).toEqual([
      { ruleId: 'asset/capability-below-target', subject: 'plc-1', evidence: ['plc-1', 'control'] },
    ]);
    expect(findings[0]?.because).toMatch(/FR2\b.*FR7\b/);
    expect(findings[0]?.because).not.toMatch(/FR[13456]\b/);
  });

  it('does not fire when SL-C meets the target, the asset declares no SL-C, or the zone has no target', () => {
    expect(fire(capabilityBelowTarget, withCapability(3))).toEqual([]);
    expect(fire(capabilityBelowTarget, withCapability(undefined))).toEqual([]);
  });
});
