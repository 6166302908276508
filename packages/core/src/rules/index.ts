import { externalIntoControl } from './access-point/external-into-control';
import { removableMediaWithoutControl } from './access-point/removable-media-without-control';
import { capabilityBelowTarget } from './asset/capability-below-target';
import { endDeviceInConduit } from './asset/end-device-in-conduit';
import { assetNotInZone } from './asset/not-in-zone';
import { anyProtocol } from './conduit/any-protocol';
import { cleartextIndustrialProtocolExternal } from './conduit/cleartext-industrial-protocol-external';
import { externalWithoutEnforcement } from './conduit/external-without-enforcement';
import { patternDeviation } from './conduit/pattern-deviation';
import { unusedConduit } from './conduit/unused';
import { crossZoneWithoutConduit } from './data-flow/cross-zone-without-conduit';
import { notAllowedByConduit } from './data-flow/not-allowed-by-conduit';
import { unknownEndpointZone } from './data-flow/unknown-endpoint-zone';
import type { AnyRule } from './rule';
import { allSafeguardsHackable } from './zone/all-safeguards-hackable';
import { businessAndControlMixed } from './zone/business-and-control-mixed';
import { emptyZone } from './zone/empty';
import { externalDevicesMixed } from './zone/external-devices-mixed';
import { safetyAssetsMixed } from './zone/safety-assets-mixed';
import { safetyDesignationMismatch } from './zone/safety-designation-mismatch';
import { safetyTargetBelowConnected } from './zone/safety-target-below-connected';
import { targetBelowDerived } from './zone/target-below-derived';
import { temporaryDevicesMixed } from './zone/temporary-devices-mixed';
import { wirelessDevicesMixed } from './zone/wireless-devices-mixed';

/**
 * The built-in partitioning and consistency rules (IEC 62443-3-2 ZCR 3 and the model consistency checks), in
 * registry order. An explicit list rather than import side effects, so it reads top to bottom and runs in a fixed
 * order (docs/adr/0004-rules-as-typescript.md).
 */
export const builtInRules: readonly AnyRule[] = [
  // Zones: separation (ZCR 3.2–3.6), contents (ZCR 3.1) and targets (ZCR 3.3, 5.6).
  businessAndControlMixed,
  safetyAssetsMixed,
  temporaryDevicesMixed,
  wirelessDevicesMixed,
  externalDevicesMixed,
  emptyZone,
  safetyDesignationMismatch,
  targetBelowDerived,
  safetyTargetBelowConnected,
  allSafeguardsHackable,
  // Assets: assignment (ZCR 3.1) and capability (ZCR 5.8).
  assetNotInZone,
  endDeviceInConduit,
  capabilityBelowTarget,
  // Data flows: every cross-zone flow goes through a conduit that allows it (ZCR 3.1).
  crossZoneWithoutConduit,
  notAllowedByConduit,
  unknownEndpointZone,
  // Conduits: external boundaries (ZCR 3.6), restriction (SR 5.2), use, patterns.
  externalWithoutEnforcement,
  cleartextIndustrialProtocolExternal,
  unusedConduit,
  patternDeviation,
  anyProtocol,
  // Access points (ZCR 3.4, 3.6).
  externalIntoControl,
  removableMediaWithoutControl,
];

const BY_ID = new Map(builtInRules.map((rule) => [rule.id, rule]));

/** Looks up a built-in rule by id, for `zonewise explain` and reports. */
export const findRule = (id: string): AnyRule | undefined => BY_ID.get(id);
