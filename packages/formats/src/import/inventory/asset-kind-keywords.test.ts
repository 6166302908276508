import { findAssetKind } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import {
  guessAssetKind,
  guessAssetKindFromProduct,
  KIND_PHRASES,
  PRODUCT_PHRASES,
} from './asset-kind-keywords';

describe('guessAssetKind', () => {
  it.each([
    ['PLC', 'plc'],
    ['controller', 'plc'],
    ['Safety PLC', 'safety-controller'],
    ['SIS', 'safety-controller'],
    ['DCS Controller', 'dcs-controller'],
    ['Domain Controller', 'domain-controller'],
    ['HMI', 'hmi'],
    ['HMI Panel', 'hmi'],
    ['SCADA Server', 'scada-server'],
    ['Engineering Station', 'engineering-workstation'],
    ['engineering_workstation', 'engineering-workstation'],
    ['Historian', 'historian'],
    ['Historian Server', 'historian'],
    ['Network Switch', 'switch'],
    ['Firewall', 'firewall'],
    ['RTU', 'rtu'],
    ['IED', 'ied'],
    ['Protection Relay', 'ied'],
    ['I/O Module', 'io-module'],
    ['io_module', 'io-module'],
    ['VFD', 'drive'],
    ['Cellular Router', 'cellular-modem'],
    ['Router', 'router'],
    ['Wireless Access Point', 'wireless-ap'],
    ['computer', 'workstation'],
    ['Server', 'server'],
    ['Jump Server', 'jump-host'],
    ['OPC UA Server', 'opc-server'],
    ['Printer', 'other'],
  ])('reads %j as %s', (text, kind) => {
    expect(guessAssetKind(text)).toBe(kind);
  });

  it.each(['OT_device', 'broadcast', '', 'Unknown'])('does not guess a kind for %j', (text) => {
    expect(guessAssetKind(text)).toBeUndefined();
  });

  it.each([
    ['1756-L83E ControlLogix 5580', 'plc'],
    ['SIMATIC S7-1500 CPU 1516-3 PN/DP', 'plc'],
    ['1756-ENBT/A', 'io-module'],
    ['GuardLogix 5580', 'safety-controller'],
    ['PanelView Plus 7', 'hmi'],
    ['SCALANCE XC208', 'switch'],
    ['Ewon Cosy 131', 'remote-access-gateway'],
    ['PowerFlex 525', 'drive'],
  ])('reads product %j as %s', (text, kind) => {
    expect(guessAssetKindFromProduct(text)).toBe(kind);
  });

  it('names only kinds of the catalog, and every phrase finds its own kind', () => {
    for (const [kind, phrases] of KIND_PHRASES) {
      expect(findAssetKind(kind), kind).toBeDefined();
      for (const phrase of phrases) expect(guessAssetKind(phrase), phrase).toBe(kind);
    }
    for (const [kind, phrases] of PRODUCT_PHRASES) {
      expect(findAssetKind(kind), kind).toBeDefined();
      for (const phrase of phrases) expect(guessAssetKindFromProduct(phrase), phrase).toBe(kind);
    }
  });
});
