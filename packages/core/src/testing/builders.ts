import type { SystemModel } from '../model/system-model';
import { formatPath } from '../resolve/diagnostic';
import { resolveSystem } from '../resolve/resolve-system';
import type {
  AccessPointInput,
  AssetInput,
  ConduitInput,
  CountermeasureInput,
  DataFlowInput,
  SystemFileInput,
  ThreatScenarioInput,
  ZoneInput,
} from '../schema/system-file';

type Input<T> = Partial<T> & { readonly id: string };

/** A zone with valid defaults. */
export const aZone = (overrides: Input<ZoneInput>): ZoneInput => ({
  name: `Zone ${overrides.id}`,
  ...overrides,
});

/** An asset with valid defaults (a PLC with a production rating). */
export const anAsset = (overrides: Input<AssetInput>): AssetInput => ({
  name: `Asset ${overrides.id}`,
  kind: 'plc',
  isInScope: true,
  ...overrides,
});

/** A conduit between two zones. */
export const aConduit = (overrides: Input<ConduitInput> & { zones: string[] }): ConduitInput => ({
  name: `Conduit ${overrides.id}`,
  ...overrides,
});

/** An access point. */
export const anAccessPoint = (overrides: Input<AccessPointInput> & { zone: string }): AccessPointInput => ({
  name: `Access point ${overrides.id}`,
  kind: 'remote-access',
  ...overrides,
});

/** A data flow between two assets. */
export const aDataFlow = (overrides: Input<DataFlowInput> & { from: string; to: string }): DataFlowInput => ({
  protocol: 'modbus-tcp',
  port: 502,
  ...overrides,
});

/** A threat scenario with valid defaults. */
export const aScenario = (overrides: Input<ThreatScenarioInput>): ThreatScenarioInput => ({
  title: `Scenario ${overrides.id}`,
  source: 'cybercriminal',
  likelihood: 3,
  ...overrides,
});

/** A countermeasure with valid defaults. */
export const aCountermeasure = (
  overrides: Input<CountermeasureInput> & { appliesTo: string[] },
): CountermeasureInput =>
  ({
    title: `Countermeasure ${overrides.id}`,
    type: 'technical',
    status: 'existing',
    ...overrides,
  }) as CountermeasureInput;

/**
 * A small valid assessment: a control zone with a PLC and an HMI, a DMZ with a historian, one conduit and one
 * remote-access point. Override any collection to shape a test case.
 */
export const aSystem = (overrides: Partial<SystemFileInput> = {}): SystemFileInput => ({
  formatVersion: 1,
  system: { name: 'Test system', intendedUse: 'Testing' },
  zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' })],
  conduits: [
    aConduit({
      id: 'dmz-control',
      zones: ['dmz', 'control'],
      channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
      enforcement: ['firewall'],
    }),
  ],
  assets: [
    anAsset({
      id: 'plc-1',
      kind: 'plc',
      zone: 'control',
      criticality: { 'health-safety': 3, production: 4 },
    }),
    anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', criticality: { production: 3 } }),
    anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
  ],
  accessPoints: [anAccessPoint({ id: 'remote', zone: 'dmz' })],
  dataFlows: [aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 })],
  ...overrides,
});

/** Resolves a file and throws with every diagnostic when it does not resolve; for tests only. */
export const resolveOrThrow = (file: unknown): SystemModel => {
  const resolved = resolveSystem(file);
  if (!resolved.ok) {
    throw new Error(
      resolved.diagnostics
        .map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}: ${d.message}`)
        .join('\n'),
    );
  }
  return resolved.value;
};
