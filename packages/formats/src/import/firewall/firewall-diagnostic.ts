import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';

/**
 * Stable codes for problems found while importing a firewall configuration. Errors stop the import (nothing is
 * produced); warnings name a rule, alias or interface that was skipped or only partly understood.
 */
export const FIREWALL_DIAGNOSTIC_CODES = [
  'firewall-invalid-xml',
  'firewall-unknown-format',
  'firewall-no-interfaces',
  'firewall-unknown-interface',
  'firewall-unknown-network',
  'firewall-unknown-alias',
  'firewall-unsupported-alias',
  'firewall-invalid-port',
  'firewall-rule-source-off-interface',
] as const;

/** One of {@link FIREWALL_DIAGNOSTIC_CODES}. */
export type FirewallDiagnosticCode = (typeof FIREWALL_DIAGNOSTIC_CODES)[number];

/** Where in the XML a problem is: the element's path and, when known, its line and column. */
export interface XmlPlace {
  readonly path: readonly (string | number)[];
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** Builds a firewall diagnostic at a place in the file. */
export const firewallDiagnostic = (
  code: FirewallDiagnosticCode,
  severity: DiagnosticSeverity,
  place: XmlPlace,
  message: string,
  file: string,
): Diagnostic => ({
  code,
  severity,
  path: place.path,
  message,
  file,
  ...(place.line === undefined ? {} : { line: place.line }),
  ...(place.column === undefined ? {} : { column: place.column }),
});
