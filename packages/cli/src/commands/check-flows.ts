import { SEVERITIES, severityRank, type Severity } from '@zonewise/core';
import {
  CAPTURE_DRIFT_RULES,
  checkFirewallConformance,
  checkFlowConformance,
  FIREWALL_DRIFT_RULES,
  importFirewallConfig,
  locateDiagnostics,
  observedFromCapture,
  orphanDriftTriage,
  sortDriftFindings,
  type DriftFinding,
  type FirewallConformance,
  type FlowConformance,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';
import { analyseCaptureFile, loadOuiOption } from './import-capture';

/** Options of `zonewise check-flows`. */
export interface CheckFlowsOptions {
  /** A pcap or pcapng capture of the plant network. */
  readonly capture?: string;
  /** An OPNsense or pfSense config.xml of the firewall between the zones. */
  readonly firewall?: string;
  /** A full MAC-prefix table (Wireshark manuf or IEEE CSV) to name the vendors of unknown hosts. */
  readonly oui?: string;
  readonly format: 'text' | 'json';
  /** `drift` (open drift findings of medium or above) or `drift:<severity>`: exit 1 when any exist. */
  readonly failOn?: string;
}

const parseFailOn = (text: string | undefined): Severity | undefined => {
  if (text === undefined) return undefined;
  const match = /^drift(?::(\w+))?$/.exec(text.trim());
  const severity = match ? (match[1] ?? 'medium') : undefined;
  if (severity === undefined || !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new CliError(
      `--fail-on "${text}" is not a gate of check-flows: use drift (medium and above) or drift:<${SEVERITIES.join('|')}>.`,
    );
  }
  return severity as Severity;
};

const countBySeverity = (findings: readonly DriftFinding[]): Record<Severity, number> => {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
};

const renderText = (
  path: string,
  findings: readonly DriftFinding[],
  capture: { file: string; flow: FlowConformance; packets: number } | undefined,
  firewall: { file: string; result: FirewallConformance } | undefined,
): string => {
  const lines: string[] = [];
  if (capture) {
    const { summary } = capture.flow;
    lines.push(
      `${path} vs capture ${capture.file}: ${capture.packets} packets, ${summary.flows} flows (${summary.conversations} conversations, ${summary.crossingZones} crossing zones), ${summary.hosts} hosts`,
      `  channels observed ${summary.channelsObserved} of ${summary.channels}; ${summary.channelsNotJudged} not judged (no host seen in one of their zones); ${summary.outsideZones} conversations in no zone, ${summary.nonUnicast} multicast/broadcast`,
    );
  }
  if (firewall) {
    const { summary } = firewall.result;
    lines.push(
      `${path} vs firewall ${firewall.file}: ${summary.legsMapped} of ${summary.legs} interfaces map to zones; ${summary.firewallChannelsJudged} of ${summary.firewallChannels} firewall channels and ${summary.modelChannelsJudged} of ${summary.modelChannels} conduit channels compared`,
    );
    for (const [leg, zones] of firewall.result.zoneMapping) {
      lines.push(`  ${leg.padEnd(32)} -> ${zones.length === 0 ? '(no zone)' : zones.join(', ')}`);
    }
  }
  const counts = countBySeverity(findings);
  const tally = [...SEVERITIES]
    .reverse()
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`);
  lines.push('', `Drift: ${tally.length === 0 ? 'none' : tally.join(', ')}`);
  for (const finding of findings) {
    const status = finding.status === 'open' ? '' : ` [${finding.status}]`;
    lines.push(`  ${finding.severity.padEnd(8)} ${finding.id}${status}`, `           ${finding.because}`);
  }
  return `${lines.join('\n')}\n`;
};

/**
 * `zonewise check-flows <assessment> --capture plant.pcapng | --firewall config.xml`: the drift between design
 * and reality as findings with stable ids (flows no conduit allows, conduit channels never seen or blocked by the
 * firewall, hosts and firewall networks no asset or zone accounts for). Exit 1 with `--fail-on drift` when open
 * drift findings of medium or above exist, 2 on invalid input.
 */
export const checkFlowsCommand = (io: CliIo, assessmentPath: string, options: CheckFlowsOptions): number => {
  if (options.capture === undefined && options.firewall === undefined) {
    throw new CliError(
      'give --capture <file.pcap|.pcapng> or --firewall <config.xml> (or both) to compare with.',
    );
  }
  const threshold = parseFailOn(options.failOn);
  const loaded = loadAssessment(io, assessmentPath);
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    return EXIT.invalidInput;
  }
  const { model } = loaded;

  let capture: { file: string; flow: FlowConformance; packets: number } | undefined;
  if (options.capture !== undefined) {
    const oui = loadOuiOption(io, options.oui);
    if (typeof oui === 'number') return oui;
    const analysis = analyseCaptureFile(io, options.capture, oui);
    for (const diagnostic of analysis.diagnostics) {
      const offset = (diagnostic as { offset?: number }).offset;
      io.stderr(
        `${options.capture}${offset === undefined ? '' : `@${offset}`} ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}\n`,
      );
    }
    if (analysis.stats.packets === 0 && analysis.diagnostics.some((item) => item.severity === 'error')) {
      return EXIT.invalidInput;
    }
    capture = {
      file: options.capture,
      flow: checkFlowConformance(model, observedFromCapture(analysis)),
      packets: analysis.stats.packets,
    };
  }

  let firewall: { file: string; result: FirewallConformance } | undefined;
  if (options.firewall !== undefined) {
    const imported = importFirewallConfig(io.readText(options.firewall), options.firewall);
    printDiagnostics(io, imported.diagnostics);
    if (imported.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return EXIT.invalidInput;
    firewall = { file: options.firewall, result: checkFirewallConformance(model, imported) };
  }

  const byId = new Map<string, DriftFinding>();
  for (const finding of [...(capture?.flow.findings ?? []), ...(firewall?.result.findings ?? [])]) {
    if (!byId.has(finding.id)) byId.set(finding.id, finding);
  }
  const findings = sortDriftFindings([...byId.values()]);
  const rulesRun = [...(capture ? CAPTURE_DRIFT_RULES : []), ...(firewall ? FIREWALL_DRIFT_RULES : [])];
  printDiagnostics(
    io,
    locateDiagnostics(
      orphanDriftTriage(
        model,
        findings,
        rulesRun.map((rule) => rule.id),
      ),
      loaded.source,
    ),
  );

  if (options.format === 'json') {
    io.stdout(
      `${JSON.stringify(
        {
          assessment: assessmentPath,
          ...(capture
            ? { capture: { file: capture.file, packets: capture.packets, summary: capture.flow.summary } }
            : {}),
          ...(firewall
            ? {
                firewall: {
                  file: firewall.file,
                  zoneMapping: Object.fromEntries(firewall.result.zoneMapping),
                  summary: firewall.result.summary,
                },
              }
            : {}),
          counts: countBySeverity(findings),
          findings,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(renderText(assessmentPath, findings, capture, firewall));
  }

  if (threshold === undefined) return EXIT.ok;
  const failing = findings.filter(
    (finding) => finding.status === 'open' && severityRank(finding.severity) >= severityRank(threshold),
  );
  if (failing.length === 0) return EXIT.ok;
  io.stderr(
    `check-flows: ${failing.length} open drift finding${failing.length === 1 ? '' : 's'} at or above ${threshold}\n`,
  );
  return EXIT.gateFailed;
};
