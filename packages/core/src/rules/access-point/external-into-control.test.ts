import { describe, expect, it } from 'vitest';
import { anAccessPoint } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { externalIntoControl } from './external-into-control';

describe('access-point/external-into-control', () => {
  it.each(['remote-access', 'internet', 'vendor-link', 'cloud'] as const)(
    'fires for a %s access point into the zone with the PLC',
    (kind) => {
      const model = modelWith({ accessPoints: [anAccessPoint({ id: 'ap', zone: 'control', kind })] });
      expect(outline(fire(externalIntoControl, model))).toEqual([
        { ruleId: 'access-point/external-into-control', subject: 'ap', evidence: ['ap', 'control', 'plc-1'] },
      ]);
    },
  );

  it('does not fire for an external access point into the DMZ or a local one into the control zone', () => {
    const model = modelWith({
      accessPoints: [
        anAccessPoint({ id: 'remote', zone: 'dmz', kind: 'remote-access' }),
        anAccessPoint({ id: 'usb', zone: 'control', kind: 'removable-media' }),
      ],
    });
    expect(fire(externalIntoControl, model)).toEqual([]);
  });
});
