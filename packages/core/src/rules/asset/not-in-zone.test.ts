import { describe, expect, it } from 'vitest';
import { anAsset } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { assetNotInZone } from './not-in-zone';

describe('asset/not-in-zone', () => {
  it('fires for an in-scope asset without a zone', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'stray', kind: 'workstation' }),
      ],
    });
    expect(outline(fire(assetNotInZone, model))).toEqual([
      { ruleId: 'asset/not-in-zone', subject: 'stray', evidence: ['stray'] },
    ]);
  });

  it('does not fire for assets listed by a zone, placed in a conduit, or out of scope', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'fw-1', kind: 'firewall', zone: 'dmz-control' }),
        anAsset({ id: 'office', kind: 'workstation', isInScope: false }),
      ],
      zones: [
        { id: 'control', name: 'Control', assets: ['plc-1'] },
        { id: 'dmz', name: 'DMZ' },
      ],
    });
    expect(fire(assetNotInZone, model)).toEqual([]);
  });
});
