// Public API of the firewall-configuration importer (OPNsense and pfSense config.xml).
export { importFirewallConfig, type FirewallImport, type FirewallLeg } from './import-firewall-config';
export type { FirewallChannel, FirewallRuleRef } from './derive-firewall-channels';
export { FIREWALL_NOTE_CODES, type FirewallNote, type FirewallNoteCode } from './firewall-notes';
export { FIREWALL_DIAGNOSTIC_CODES, type FirewallDiagnosticCode } from './firewall-diagnostic';
export type { FirewallVendor } from './read-firewall-xml';
export {
  coversRanges,
  findIpRanges,
  formatIp,
  formatIpRange,
  parseIp,
  parseIpRange,
  rangeHolds,
  rangeSize,
  type IpAddress,
  type IpRange,
} from './ip-range';
