import { describe, expect, it } from 'vitest';
import { aConduit, aZone } from '../testing/builders';
import { explicitTargetContext } from './explicit-target-context';
import { modelWith, target, vector } from './testing/rule-kit';

describe('explicitTargetContext', () => {
  it('answers with the explicit zone and conduit targets and nothing else', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control', securityLevelTarget: target(3) }), aZone({ id: 'dmz' })],
      conduits: [aConduit({ id: 'dmz-control', zones: ['dmz', 'control'], securityLevelTarget: target(2) })],
    });
    const context = explicitTargetContext(model);
    expect(context.targetOf('control')).toEqual(vector(3));
    expect(context.targetOf('dmz-control')).toEqual(vector(2));
    expect(context.targetOf('dmz')).toBeUndefined();
    expect(context.targetOf('plc-1')).toBeUndefined();
    expect(context.derivedTargetOf('control')).toEqual(vector(3));
  });
});
