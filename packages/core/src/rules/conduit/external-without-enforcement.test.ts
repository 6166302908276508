import { describe, expect, it } from 'vitest';
import { aConduit } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { externalWithoutEnforcement } from './external-without-enforcement';

const external = (enforcement: ('firewall' | 'ids' | 'vpn' | 'mfa')[], isExternal = true) =>
  modelWith({
    conduits: [
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
        enforcement,
        isExternal,
      }),
    ],
  });

describe('conduit/external-without-enforcement', () => {
  it.each([[[]], [['ids', 'mfa']]] as const)(
    'fires for an external conduit with enforcement %j',
    (enforcement) => {
      expect(outline(fire(externalWithoutEnforcement, external([...enforcement])))).toEqual([
        {
          ruleId: 'conduit/external-without-enforcement',
          subject: 'dmz-control',
          evidence: ['dmz-control', 'control', 'dmz'],
        },
      ]);
    },
  );

  it('does not fire with a VPN, or for an internal conduit without enforcement', () => {
    expect(fire(externalWithoutEnforcement, external(['vpn']))).toEqual([]);
    expect(fire(externalWithoutEnforcement, external([], false))).toEqual([]);
  });
});
