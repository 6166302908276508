import type { SystemModel } from '../../model/system-model';
import type { SystemFileInput } from '../../schema/system-file';
import { parseSecurityLevelVector } from '../../security-levels/security-level-vector';
import { aConduit, aCountermeasure, aDataFlow, anAccessPoint, anAsset, aZone } from '../../testing/builders';
import type { RuleContext } from '../rule';
import { stubContext, target } from './rule-kit';

/**
 * A small plant that breaks every built-in rule at least once: the shared fixture of the registry meta-test, the
 * engine's order tests and the metamorphic split test.
 */
export const messyPlantFile = (): SystemFileInput => ({
  formatVersion: 1,
  system: { name: 'Messy plant', intendedUse: 'Testing' },
  zones: [
    aZone({ id: 'control', isSafetyRelated: false, securityLevelTarget: target(2) }),
    aZone({ id: 'dmz', securityLevelTarget: target(2) }),
    aZone({ id: 'sis', isSafetyRelated: true, securityLevelTarget: target(1) }),
    aZone({ id: 'cloud' }),
    aZone({ id: 'spare' }),
  ],
  conduits: [
    aConduit({
      id: 'dmz-control',
      zones: ['dmz', 'control'],
      channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
      enforcement: ['firewall'],
    }),
    aConduit({ id: 'control-sis', zones: ['control', 'sis'], channels: [], enforcement: ['firewall'] }),
    aConduit({
      id: 'wan',
      zones: ['dmz', 'cloud'],
      channels: [
        { protocol: 'modbus', port: 502, from: 'dmz', to: 'cloud' },
        { protocol: 'any', from: 'cloud', to: 'dmz' },
      ],
      isExternal: true,
      pattern: 'cloud-one-way',
    }),
  ],
  assets: [
    anAsset({ id: 'plc-1', kind: 'plc', zone: 'control', securityLevelCapability: 1 }),
    anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control' }),
    anAsset({ id: 'erp', kind: 'erp', zone: 'control' }),
    anAsset({ id: 'laptop', kind: 'portable-laptop', zone: 'control' }),
    anAsset({ id: 'agv', kind: 'wireless-client', zone: 'control' }),
    anAsset({ id: 'modem', kind: 'cellular-modem', zone: 'control' }),
    anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'control' }),
    anAsset({ id: 'sis-2', kind: 'safety-controller', zone: 'sis' }),
    anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
    anAsset({ id: 'jump', kind: 'jump-host', zone: 'dmz' }),
    anAsset({ id: 'analytics', kind: 'cloud-service', zone: 'cloud' }),
    anAsset({ id: 'ews', kind: 'engineering-workstation', zone: 'dmz-control' }),
    anAsset({ id: 'stray', kind: 'workstation' }),
    anAsset({ id: 'old-pc', kind: 'workstation', zone: 'spare', isInScope: false }),
  ],
  accessPoints: [
    anAccessPoint({ id: 'remote', zone: 'control', kind: 'remote-access' }),
    anAccessPoint({ id: 'usb', zone: 'control', kind: 'removable-media' }),
  ],
  dataFlows: [
    aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 }),
    aDataFlow({ id: 'hmi-hist', from: 'hmi-1', to: 'historian', protocol: 'opc-ua', port: 4840 }),
    aDataFlow({ id: 'sis-hist', from: 'sis-2', to: 'historian', protocol: 'modbus-tcp', port: 502 }),
    aDataFlow({ id: 'stray-plc', from: 'stray', to: 'plc-1', protocol: 'modbus-tcp', port: 502 }),
    aDataFlow({ id: 'hmi-plc', from: 'hmi-1', to: 'plc-1', protocol: 'modbus-tcp', port: 502 }),
  ],
  countermeasures: [aCountermeasure({ id: 'mfa', appliesTo: ['remote'], requirements: ['SR 1.1 RE 2'] })],
});

/** The stub context for the messy plant: the control zone's scenarios derive SL 3 in every FR. */
export const messyPlantContext = (model: SystemModel): RuleContext =>
  stubContext(model, { control: parseSecurityLevelVector(3) });
