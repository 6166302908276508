import { describe, expect, it } from 'vitest';
import { aConduit } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { anyProtocol } from './any-protocol';

const withChannel = (protocol: string, port?: number | string) =>
  modelWith({
    conduits: [
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        channels: [{ protocol, from: 'dmz', to: 'control', ...(port === undefined ? {} : { port }) }],
        enforcement: ['firewall'],
      }),
    ],
  });

describe('conduit/any-protocol', () => {
  it.each([
    ['any', undefined],
    ['*', 443],
    ['opc-ua', 'any'],
    ['opc-ua', '0-65535'],
  ])('fires for protocol %s port %s', (protocol, port) => {
    expect(outline(fire(anyProtocol, withChannel(protocol, port)))).toEqual([
      { ruleId: 'conduit/any-protocol', subject: 'dmz-control', evidence: ['dmz-control'] },
    ]);
  });

  it('does not fire for a specific protocol, with or without a port', () => {
    expect(fire(anyProtocol, withChannel('opc-ua', 4840))).toEqual([]);
    expect(fire(anyProtocol, withChannel('opc-ua'))).toEqual([]);
  });
});
