import { describe, expect, it } from 'vitest';
import { aConduit, anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline, target } from '../testing/rule-kit';
import { safetyTargetBelowConnected } from './safety-target-below-connected';

const withTargets = (sis: number | number[], control: number | number[]) =>
  modelWith({
    zones: [
      aZone({ id: 'control', securityLevelTarget: target(control as 2) }),
      aZone({ id: 'dmz' }),
      aZone({ id: 'sis', securityLevelTarget: target(sis as 2) }),
    ],
    conduits: [
      aConduit({ id: 'dmz-control', zones: ['dmz', 'control'] }),
      aConduit({ id: 'control-sis', zones: ['control', 'sis'] }),
    ],
    assets: [
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis' }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
    ],
    dataFlows: [],
  });

describe('zone/safety-target-below-connected', () => {
  it('fires when the safety zone is below the connected control zone in some FR, keyed by that zone', () => {
    const findings = fire(safetyTargetBelowConnected, withTargets([3, 3, 3, 3, 2, 3, 3], 3));
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/safety-target-below-connected', subject: 'sis', evidence: ['control', 'control-sis'] },
    ]);
    expect(findings[0]?.id).toBe('zone/safety-target-below-connected@sis#control');
  });

  it('does not fire when the safety zone is at least as high in every FR, or for non-safety zones', () => {
    expect(fire(safetyTargetBelowConnected, withTargets(3, 3))).toEqual([]);
    expect(fire(safetyTargetBelowConnected, withTargets(4, [2, 2, 2, 2, 2, 2, 2]))).toEqual([]);
  });
});
