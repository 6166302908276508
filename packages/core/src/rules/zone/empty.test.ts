import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { emptyZone } from './empty';

describe('zone/empty', () => {
  it('fires for a zone without in-scope assets', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'spare' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'old-pc', kind: 'workstation', zone: 'spare', isInScope: false }),
      ],
    });
    expect(outline(fire(emptyZone, model))).toEqual([
      { ruleId: 'zone/empty', subject: 'spare', evidence: ['spare'] },
    ]);
  });

  it('does not fire for zones with assets or for a parent of nested zones', () => {
    const model = modelWith({
      zones: [aZone({ id: 'site' }), aZone({ id: 'control', parent: 'site' }), aZone({ id: 'dmz' })],
    });
    expect(fire(emptyZone, model)).toEqual([]);
  });
});
