import {
  severityRank,
  type EntityRef,
  type Finding,
  type Severity,
  type StandardReference,
  type SystemModel,
} from '@zonewise/core';

/** A drift check: documentation as data, like the engine's rules, so reports and `explain` can print it. */
export interface DriftRule {
  readonly id: string;
  readonly title: string;
  readonly reference: StandardReference;
  readonly severity: Severity;
  readonly rationale: string;
  readonly detection: string;
  readonly remediation: string;
}

const rule = (definition: DriftRule): DriftRule => definition;

/** An observed flow that crosses a zone boundary where no conduit channel allows it. */
export const FLOW_NOT_ALLOWED = rule({
  id: 'drift/flow-not-allowed',
  title: 'Observed flow is not allowed by any conduit',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 5.2' },
  severity: 'high',
  rationale:
    'The zone model says which traffic may cross each boundary. Traffic that crosses where no conduit channel allows ' +
    'it means the boundary does not enforce the design (a missing or too wide firewall rule, a bypass such as a dual-' +
    'homed host) or the design misses a real dependency; either way the risk assessment describes a different system.',
  detection:
    'A flow in the capture goes from an address in one zone to an address in another zone (or from outside every ' +
    'modelled zone into one) and no channel of the conduits joining them allows its transport, port and direction. ' +
    'High when no conduit joins the zones at all, medium when a conduit exists but none of its channels fits.',
  remediation:
    'Block the traffic at the zone boundary if it is not needed; if it is, add a channel for it to the conduit (or a ' +
    'conduit between the zones) and assess it.',
});

/** A conduit channel that the capture never shows in use. */
export const CHANNEL_NOT_OBSERVED = rule({
  id: 'drift/channel-not-observed',
  title: 'Conduit channel never observed',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 7.7' },
  severity: 'low',
  rationale:
    'A channel that nothing uses may be an opening nobody needs any more (least functionality), or the capture ' +
    'missed a periodic exchange. Either is worth confirming before the conduit is approved.',
  detection:
    'The capture saw hosts in both zones of the channel, but no flow from the first zone to the second matched the ' +
    "channel's protocol, port and transport.",
  remediation:
    'Remove the channel (and its firewall rule) if the function is gone; otherwise capture over a longer period or ' +
    'at the time the exchange runs and record why it is rare.',
});

/** A station on the network that no asset accounts for. */
export const UNKNOWN_HOST = rule({
  id: 'drift/unknown-host',
  title: 'Host on the network belongs to no modelled asset',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 7.8' },
  severity: 'medium',
  rationale:
    'An assessment covers the assets it lists. A device that talks on the network but is not in the inventory has ' +
    'no zone decision, no security level and no owner, and may be a rogue or forgotten connection.',
  detection:
    'A unicast IP address in the capture matches no asset interface (by IP, or by MAC where the model gives no IP). ' +
    'Low when the address only received traffic and never answered.',
  remediation: 'Identify the device and add it as an asset in its zone, or remove it from the network.',
});

/** An allowed flow between assets with no data flow declared. */
export const FLOW_NOT_MODELLED = rule({
  id: 'drift/flow-not-modelled',
  title: 'Observed flow has no declared data flow',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'info',
  rationale:
    'Data flows document why assets talk to each other; the risk rules and the CRS use them. A flow that the ' +
    'conduits allow but nobody declared is harmless to the boundary but missing from the documentation.',
  detection: 'A flow between two modelled assets that no conduit rule flags matches no declared data flow.',
  remediation: 'Declare the data flow (source, destination, protocol, port and purpose) in the assessment.',
});

/** A channel the firewall lets through that no conduit of the model allows. */
export const FIREWALL_ALLOWS_UNMODELLED = rule({
  id: 'drift/firewall-allows-unmodelled',
  title: 'Firewall allows traffic that no conduit models',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 5.2' },
  severity: 'medium',
  rationale:
    'The firewall is the conduit in practice. Where it allows more than the conduit channels say, the real attack ' +
    'surface between the zones is larger than the one assessed.',
  detection:
    "A channel derived from the firewall's first-matching pass rules, between interfaces whose networks map to two " +
    'model zones, is not covered by any channel of the conduits joining those zones. High when the firewall allows ' +
    'every protocol and port.',
  remediation:
    'Narrow the firewall rule to the modelled channels, or add the channel to the conduit and assess it.',
});

/** A conduit channel the firewall drops entirely. */
export const CHANNEL_BLOCKED_BY_FIREWALL = rule({
  id: 'drift/channel-blocked-by-firewall',
  title: 'Conduit channel is blocked by the firewall',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'medium',
  rationale:
    'A channel the design relies on but the firewall drops means either a broken function or a stale design; ' +
    'assessing a channel that cannot exist also misstates the risk.',
  detection:
    'The two zones of a conduit channel map to different firewall interfaces and no channel the rules allow between ' +
    'those interfaces lets any part of it through.',
  remediation: 'Add the firewall rule the design calls for, or remove the channel from the conduit.',
});

/** A firewall network that no model zone covers. */
export const FIREWALL_ZONE_NOT_MODELLED = rule({
  id: 'drift/firewall-zone-not-modelled',
  title: 'Firewall network belongs to no modelled zone',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'low',
  rationale:
    'Every network the firewall routes for is either inside the system under consideration, and then in a zone, or ' +
    'outside it. A network in neither is an unassessed part of the boundary.',
  detection:
    "An internal firewall interface's network overlaps no zone's logical boundary and holds no asset's address.",
  remediation: "Add the network to a zone's logical boundary, or model it as a zone of its own.",
});

/** Every drift check, in the order findings are reported. */
export const DRIFT_RULES: readonly DriftRule[] = [
  FLOW_NOT_ALLOWED,
  CHANNEL_NOT_OBSERVED,
  UNKNOWN_HOST,
  FLOW_NOT_MODELLED,
  FIREWALL_ALLOWS_UNMODELLED,
  CHANNEL_BLOCKED_BY_FIREWALL,
  FIREWALL_ZONE_NOT_MODELLED,
];

/** The checks a capture runs (`checkFlowConformance`): the rules whose triage a capture run can judge. */
export const CAPTURE_DRIFT_RULES: readonly DriftRule[] = [
  FLOW_NOT_ALLOWED,
  CHANNEL_NOT_OBSERVED,
  UNKNOWN_HOST,
  FLOW_NOT_MODELLED,
];

/** The checks a firewall configuration runs (`checkFirewallConformance`). */
export const FIREWALL_DRIFT_RULES: readonly DriftRule[] = [
  FIREWALL_ALLOWS_UNMODELLED,
  CHANNEL_BLOCKED_BY_FIREWALL,
  FIREWALL_ZONE_NOT_MODELLED,
];

/** A drift finding: the engine's finding shape, so reports, triage and `--fail-on` treat it like any other. */
export type DriftFinding = Finding;

/**
 * Builds a drift finding with id `<rule-id>@<key>`, taking its status from the model's triage entries so that an
 * accepted drift stays accepted on the next capture.
 */
export const driftFinding = (
  model: SystemModel,
  definition: DriftRule,
  key: string,
  values: {
    readonly subject: EntityRef;
    readonly because: string;
    readonly evidence: readonly EntityRef[];
    readonly severity?: Severity;
  },
): DriftFinding => {
  const id = `${definition.id}@${key}`;
  const decision = model.triage.find((entry) => entry.finding === id);
  return {
    id,
    ruleId: definition.id,
    title: definition.title,
    severity: values.severity ?? definition.severity,
    reference: definition.reference,
    subject: values.subject,
    because: values.because,
    evidence: values.evidence,
    rationale: definition.rationale,
    remediation: definition.remediation,
    status: decision?.status ?? 'open',
    ...(decision ? { triageJustification: decision.justification } : {}),
  };
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The engine's finding order: most severe first, then rule id, subject id and finding id (code-point order). */
export const sortFindings = (findings: readonly DriftFinding[]): DriftFinding[] =>
  [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.subject.id, b.subject.id) ||
      compareText(a.id, b.id),
  );
