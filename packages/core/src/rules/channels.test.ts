import { describe, expect, it } from 'vitest';
import {
  canonicalProtocol,
  channelAllows,
  isAnyPort,
  isAnyProtocol,
  isCleartextIndustrial,
  portAllows,
  sameProtocol,
} from './channels';

describe('protocol matching', () => {
  it.each([
    ['OPC UA', 'opc-ua'],
    ['opcua', 'opc-ua'],
    ['Modbus', 'modbus-tcp'],
    ['modbus_tcp', 'modbus-tcp'],
    ['EtherNet/IP', 'ethernet-ip'],
    ['S7', 's7comm'],
    ['*', 'any'],
    ['My-Proto', 'myproto'],
  ])('canonicalises %s as %s', (written, canonical) => {
    expect(canonicalProtocol(written)).toBe(canonical);
  });

  it('compares protocols by canonical name', () => {
    expect(sameProtocol('opc-ua', 'OPCUA')).toBe(true);
    expect(sameProtocol('modbus', 'dnp3')).toBe(false);
    expect(isAnyProtocol('ANY')).toBe(true);
  });
});

describe('port matching', () => {
  it.each([
    [undefined, 502, true],
    [502, undefined, true],
    [502, 502, true],
    [502, 503, false],
    ['500-510', 502, true],
    ['500-510', '505-512', false],
    ['any', 1, true],
    ['502', 502, true],
    ['dynamic', 'dynamic', true],
    ['dynamic', 502, false],
  ] as const)('channel port %s admits flow port %s: %s', (channel, flow, expected) => {
    expect(portAllows(channel, flow)).toBe(expected);
  });

  it('knows which ports mean "any"', () => {
    expect([
      isAnyPort('any'),
      isAnyPort('0-65535'),
      isAnyPort('*'),
      isAnyPort(undefined),
      isAnyPort(502),
    ]).toEqual([true, true, true, false, false]);
  });
});

describe('channelAllows', () => {
  const channel = { protocol: 'modbus-tcp', port: 502, from: 'a', to: 'b' };
  it('needs direction, protocol and port to match', () => {
    expect(channelAllows(channel, { protocol: 'Modbus', port: 502 }, 'a', 'b')).toBe(true);
    expect(channelAllows(channel, { protocol: 'Modbus', port: 502 }, 'b', 'a')).toBe(false);
    expect(channelAllows(channel, { protocol: 'dnp3', port: 502 }, 'a', 'b')).toBe(false);
  });
});

describe('isCleartextIndustrial', () => {
  it('flags protocols without encryption unless marked encrypted, and securable ones only when marked cleartext', () => {
    const at = (protocol: string, isEncrypted?: boolean) =>
      isCleartextIndustrial({
        protocol,
        from: 'a',
        to: 'b',
        ...(isEncrypted === undefined ? {} : { isEncrypted }),
      });
    expect([at('modbus'), at('dnp3', true), at('opc-ua'), at('opc-ua', false), at('https')]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});
