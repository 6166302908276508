import { cleartextOtProtocol } from './rules/cleartext-ot-protocol';
import { controllerDenialOfService } from './rules/controller-denial-of-service';
import { engineeringWorkstationLogicChange } from './rules/engineering-workstation-logic-change';
import { externalAccessCompromise } from './rules/external-access-compromise';
import { knownExploitedVulnerability } from './rules/known-exploited-vulnerability';
import { removableMediaMalware } from './rules/removable-media-malware';
import { safetyZoneReachable } from './rules/safety-zone-reachable';
import { wirelessIntrusion } from './rules/wireless-intrusion';
import type { ThreatRule } from './threat-rule';

/** The built-in threat rules, in the order they run. An explicit list: no registration by import side effect. */
export const builtInThreatRules: readonly ThreatRule[] = [
  externalAccessCompromise,
  removableMediaMalware,
  wirelessIntrusion,
  engineeringWorkstationLogicChange,
  controllerDenialOfService,
  knownExploitedVulnerability,
  cleartextOtProtocol,
  safetyZoneReachable,
];
