import { describe, expect, it } from 'vitest';
import { aDataFlow } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { crossZoneWithoutConduit } from './cross-zone-without-conduit';

describe('data-flow/cross-zone-without-conduit', () => {
  it('fires for a flow between zones no conduit joins', () => {
    const model = modelWith({ conduits: [] });
    expect(outline(fire(crossZoneWithoutConduit, model))).toEqual([
      {
        ruleId: 'data-flow/cross-zone-without-conduit',
        subject: 'hist-plc',
        evidence: ['historian', 'plc-1', 'dmz', 'control'],
      },
    ]);
  });

  it('does not fire when a conduit joins the zones or the flow stays inside a zone', () => {
    const model = modelWith({
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'https' }),
        aDataFlow({ id: 'hmi-plc', from: 'hmi-1', to: 'plc-1' }),
      ],
    });
    expect(fire(crossZoneWithoutConduit, model)).toEqual([]);
  });
});
