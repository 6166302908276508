// Public API of the conformance check: drift between the model and observed traffic or a firewall configuration.
export {
  checkFlowConformance,
  flowKey,
  type FlowConformance,
  type FlowConformanceSummary,
} from './check-flow-conformance';
export {
  checkFirewallConformance,
  type FirewallConformance,
  type FirewallConformanceSummary,
} from './check-firewall-conformance';
export {
  observedFromCapture,
  type ObservedFlow,
  type ObservedHost,
  type ObservedTraffic,
} from './observed-traffic';
export {
  CAPTURE_DRIFT_RULES,
  CHANNEL_BLOCKED_BY_FIREWALL,
  CHANNEL_NOT_OBSERVED,
  DRIFT_RULES,
  FIREWALL_DRIFT_RULES,
  FIREWALL_ALLOWS_UNMODELLED,
  FIREWALL_ZONE_NOT_MODELLED,
  FLOW_NOT_ALLOWED,
  FLOW_NOT_MODELLED,
  UNKNOWN_HOST,
  sortFindings as sortDriftFindings,
  type DriftFinding,
  type DriftRule,
} from './drift-rules';
export { orphanDriftTriage } from './orphan-drift-triage';
export { createAddressLocator, type AddressLocator, type LocatedAddress } from './address-locator';
export { channelAdmitsFlow, type FlowService } from './channel-services';
