import { canonicalProtocol, type ChannelInput, type Diagnostic } from '@zonewise/core';
import { CAPTURE_PROTOCOLS } from '../capture/protocol-catalog';
import type { FirewallConfig, FirewallInterface, FirewallRule } from './firewall-config';
import { firewallDiagnostic } from './firewall-diagnostic';
import {
  coversRanges,
  everyAddress,
  intersectRanges,
  mergeRanges,
  subtractRanges,
  type IpRange,
} from './ip-range';
import {
  resolveRule,
  type PortRange,
  type ResolvedAddresses,
  type ResolvedRule,
  type ServiceAtom,
} from './resolve-endpoint';

/** Where a rule sits in the configuration, for notes and channel provenance. */
export interface FirewallRuleRef {
  readonly section: FirewallRule['section'];
  /** 1-based position within its section. */
  readonly position: number;
  readonly description: string;
  readonly interfaces: readonly string[];
  readonly line?: number;
}

/** A channel between two interfaces' zones that the rule set lets through, with the rules that allow it. */
export interface FirewallChannel {
  readonly channel: ChannelInput;
  readonly rules: readonly FirewallRuleRef[];
}

/** What one enabled rule contributed: the channels it opened and how many candidates earlier blocks shadowed. */
export interface RuleOutcome {
  readonly resolved: ResolvedRule;
  readonly ref: FirewallRuleRef;
  /** Channels this rule allows (also when an earlier pass rule allowed them already). */
  readonly channels: readonly {
    readonly from: FirewallInterface;
    readonly to: FirewallInterface;
    readonly channel: ChannelInput;
  }[];
  /** Candidate channels that an earlier block or reject rule takes away. */
  readonly shadowed: number;
}

/** The channels of a configuration and each rule's outcome. */
export interface DerivedChannels {
  readonly channels: readonly FirewallChannel[];
  readonly outcomes: readonly RuleOutcome[];
}

type Coverage =
  | { readonly kind: 'all' }
  | { readonly kind: 'some'; readonly ranges: readonly IpRange[] }
  | { readonly kind: 'none' };

interface Entry {
  readonly resolved: ResolvedRule;
  /** For floating outbound rules: the interface the traffic leaves by. */
  readonly egress?: string;
}

/** A rule's reference for notes and provenance. */
export const ruleRef = (rule: FirewallRule): FirewallRuleRef => ({
  section: rule.section,
  position: rule.position,
  description: rule.description,
  interfaces: rule.interfaces,
  ...(rule.place.line === undefined ? {} : { line: rule.place.line }),
});

const PORT_PROTOCOLS = {
  tcp: new Map<number, string>(),
  udp: new Map<number, string>(),
};
for (const protocol of CAPTURE_PROTOCOLS) {
  for (const port of protocol.tcpPorts ?? []) {
    if (!PORT_PROTOCOLS.tcp.has(port)) PORT_PROTOCOLS.tcp.set(port, canonicalProtocol(protocol.id));
  }
  for (const port of protocol.udpPorts ?? []) {
    if (!PORT_PROTOCOLS.udp.has(port)) PORT_PROTOCOLS.udp.set(port, canonicalProtocol(protocol.id));
  }
}

/**
 * Merges overlapping port ranges, and adjacent ones too when asked: coverage checks need adjacent runs joined,
 * while channels keep 22 and 23 apart so that each is named by its own protocol.
 */
const mergePorts = (ports: readonly PortRange[], joinAdjacent = true): PortRange[] => {
  const sorted = [...ports].sort((a, b) => a.low - b.low || a.high - b.high);
  const merged: PortRange[] = [];
  const gap = joinAdjacent ? 1 : 0;
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.low <= last.high + gap) {
      merged[merged.length - 1] = { low: last.low, high: Math.max(last.high, range.high) };
    } else {
      merged.push(range);
    }
  }
  return merged;
};

const portsCover = (cover: readonly PortRange[] | undefined, piece: PortRange | undefined): boolean => {
  if (cover === undefined) return true;
  if (piece === undefined) return false;
  return mergePorts(cover).some((range) => range.low <= piece.low && range.high >= piece.high);
};

const serviceCovers = (cover: ServiceAtom, atom: ServiceAtom, piece: PortRange | undefined): boolean => {
  if (cover.transport === 'any') return true;
  if (atom.transport === 'any') return false;
  if (atom.transport === 'other') return cover.transport === 'other' && cover.protocol === atom.protocol;
  return cover.transport === atom.transport && portsCover(cover.ports, piece);
};

/** The pieces a service is split into for channels: one per merged port range, or one for "every port". */
const portPieces = (atom: ServiceAtom): (PortRange | undefined)[] =>
  atom.ports === undefined ? [undefined] : mergePorts(atom.ports, false);

/** The channel text for a service piece; a port is named by the protocol registered on it, else "any". */
const channelOf = (
  atom: ServiceAtom,
  piece: PortRange | undefined,
  from: string,
  to: string,
): ChannelInput => {
  if (atom.transport === 'any') return { protocol: 'any', from, to };
  if (atom.transport === 'other') return { protocol: atom.protocol ?? 'other', transport: 'other', from, to };
  if (piece === undefined) return { protocol: 'any', transport: atom.transport, from, to };
  if (piece.low === piece.high) {
    const protocol = PORT_PROTOCOLS[atom.transport].get(piece.low) ?? 'any';
    return { protocol, port: piece.low, transport: atom.transport, from, to };
  }
  return { protocol: 'any', port: `${piece.low}-${piece.high}`, transport: atom.transport, from, to };
};

/** Code-point order: the same on every machine, unlike `localeCompare`. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const portOrder = (port: number | string | undefined): number =>
  port === undefined ? -1 : typeof port === 'number' ? port : Number(port.split('-')[0]);

/**
 * Derives the channels a rule set allows between the zones behind its interfaces. A packet enters the firewall on
 * the interface of its source zone, so a rule yields channels from that interface's zone to every other interface's
 * zone its destination reaches. Rules are evaluated as pf does for these GUIs: quick floating rules first, then the
 * interface's rules (always quick, first match wins), then non-quick floating rules; a pass rule's channel is
 * dropped when an earlier block or reject rule covers the same sources, destinations and service. Partial overlaps
 * keep the channel (a channel cannot express "every port but 445"), so the result errs on the side of allowing.
 */
export const deriveFirewallChannels = (
  config: FirewallConfig,
  zoneOf: ReadonlyMap<string, string>,
  fileName: string,
  diagnostics: Diagnostic[],
): DerivedChannels => {
  const legs = config.interfaces;
  const internal = mergeRanges(legs.filter((leg) => !leg.isExternal).flatMap((leg) => leg.networks));
  const outside = subtractRanges([everyAddress(4), everyAddress(6)], internal);
  const universe = new Map(
    legs.map((leg) => [leg.key, leg.isExternal ? outside : mergeRanges(leg.networks)]),
  );

  const cache = new Map<ResolvedAddresses, Map<string, Coverage>>();
  const coverage = (addresses: ResolvedAddresses, leg: FirewallInterface): Coverage => {
    let byLeg = cache.get(addresses);
    if (!byLeg) {
      byLeg = new Map();
      cache.set(addresses, byLeg);
    }
    const cached = byLeg.get(leg.key);
    if (cached) return cached;
    const computed = computeCoverage(addresses, leg);
    byLeg.set(leg.key, computed);
    return computed;
  };

  const computeCoverage = (addresses: ResolvedAddresses, leg: FirewallInterface): Coverage => {
    const span = universe.get(leg.key) ?? [];
    const named = addresses.isAny || addresses.interfaceKeys.includes(leg.key);
    let part: Coverage;
    if (addresses.isSelf) part = { kind: 'none' };
    else if (named) part = { kind: 'all' };
    else {
      const inside = intersectRanges(addresses.ranges, span);
      part =
        inside.length === 0
          ? { kind: 'none' }
          : span.length > 0 && coversRanges(inside, span)
            ? { kind: 'all' }
            : { kind: 'some', ranges: inside };
    }
    if (!addresses.isNegated || addresses.isSelf) return part;
    if (part.kind === 'all') return { kind: 'none' };
    if (part.kind === 'none') return { kind: 'all' };
    const rest = subtractRanges(span, part.ranges);
    return rest.length === 0 ? { kind: 'none' } : { kind: 'some', ranges: rest };
  };

  const sideCovers = (cover: Coverage, target: Coverage): boolean =>
    cover.kind === 'all' ||
    (cover.kind === 'some' && target.kind === 'some' && coversRanges(cover.ranges, target.ranges));

  const isKnownName = (name: string): boolean =>
    legs.some((leg) => leg.key === name) || config.groups.has(name);
  const appliesOn = (rule: FirewallRule, key: string): boolean =>
    rule.interfaces.length === 0
      ? rule.isFloating
      : rule.interfaces.some((name) => name === key || (config.groups.get(name) ?? []).includes(key));

  const enabled: ResolvedRule[] = [];
  for (const rule of config.rules) {
    if (rule.isDisabled || rule.action === 'match') continue;
    for (const name of rule.interfaces.filter((item) => !isKnownName(item))) {
      diagnostics.push(
        firewallDiagnostic(
          'firewall-unknown-interface',
          'warning',
          rule.place,
          `rule ${rule.position}${rule.description ? ` ("${rule.description}")` : ''} is attached to interface "${name}", which the configuration does not define; the rule is ignored there`,
          fileName,
        ),
      );
    }
    enabled.push(resolveRule(config, rule, fileName, diagnostics));
  }

  const outcomes = new Map<ResolvedRule, { channels: RuleOutcome['channels'][number][]; shadowed: number }>(
    enabled.map((resolved) => [resolved, { channels: [], shadowed: 0 }]),
  );
  const offInterface = new Set<ResolvedRule>();
  const channels = new Map<string, { channel: ChannelInput; rules: FirewallRuleRef[] }>();

  for (const ingress of legs) {
    const entries: Entry[] = [];
    for (const resolved of enabled.filter((item) => item.rule.isFloating && item.rule.isQuick)) {
      if (resolved.rule.direction !== 'out' && appliesOn(resolved.rule, ingress.key))
        entries.push({ resolved });
      if (resolved.rule.direction === 'in') continue;
      for (const egress of legs) {
        if (egress !== ingress && appliesOn(resolved.rule, egress.key))
          entries.push({ resolved, egress: egress.key });
      }
    }
    for (const resolved of enabled) {
      if (!resolved.rule.isFloating && appliesOn(resolved.rule, ingress.key)) entries.push({ resolved });
    }
    for (const resolved of enabled) {
      const rule = resolved.rule;
      if (rule.isFloating && !rule.isQuick && rule.direction !== 'out' && appliesOn(rule, ingress.key)) {
        entries.push({ resolved });
      }
    }

    entries.forEach((entry, index) => {
      const { resolved } = entry;
      if (resolved.rule.action !== 'pass' || entry.egress !== undefined || resolved.source.isSelf) return;
      const sourcePart = coverage(resolved.source, ingress);
      if (sourcePart.kind === 'none') {
        if (!resolved.rule.isFloating) offInterface.add(resolved);
        return;
      }
      const outcome = outcomes.get(resolved);
      for (const egress of legs) {
        if (egress === ingress) continue;
        const destinationPart = coverage(resolved.destination, egress);
        if (destinationPart.kind === 'none') continue;
        for (const atom of resolved.services) {
          for (const piece of portPieces(atom)) {
            const isShadowed = entries.slice(0, index).some(({ resolved: earlier, egress: leaving }) => {
              if (earlier.rule.action === 'pass') return false;
              if (leaving !== undefined && leaving !== egress.key) return false;
              if (!resolved.families.every((family) => earlier.families.includes(family))) return false;
              if (earlier.sourcePorts !== undefined) {
                const ports = resolved.sourcePorts;
                if (ports === undefined || !ports.every((range) => portsCover(earlier.sourcePorts, range)))
                  return false;
              }
              return (
                sideCovers(coverage(earlier.source, ingress), sourcePart) &&
                sideCovers(coverage(earlier.destination, egress), destinationPart) &&
                earlier.services.some((cover) => serviceCovers(cover, atom, piece))
              );
            });
            if (isShadowed) {
              if (outcome) outcome.shadowed += 1;
              continue;
            }
            const from = zoneOf.get(ingress.key) ?? ingress.key;
            const to = zoneOf.get(egress.key) ?? egress.key;
            const channel = channelOf(atom, piece, from, to);
            outcome?.channels.push({ from: ingress, to: egress, channel });
            const key = `${from}>${to}|${channel.transport ?? ''}|${String(channel.port ?? '')}|${channel.protocol}`;
            const existing = channels.get(key);
            const ref = ruleRef(resolved.rule);
            if (!existing) channels.set(key, { channel, rules: [ref] });
            else if (
              !existing.rules.some((item) => item.section === ref.section && item.position === ref.position)
            ) {
              existing.rules.push(ref);
            }
          }
        }
      }
    });
  }

  for (const resolved of offInterface) {
    if ((outcomes.get(resolved)?.channels.length ?? 0) > 0) continue;
    const rule = resolved.rule;
    diagnostics.push(
      firewallDiagnostic(
        'firewall-rule-source-off-interface',
        'warning',
        rule.place,
        `rule ${rule.position}${rule.description ? ` ("${rule.description}")` : ''} on ${rule.interfaces.join(',')} only matches sources that sit behind another interface, so it never matches; attach it to the interface the traffic enters on`,
        fileName,
      ),
    );
  }

  const sorted = [...channels.values()].sort(
    (a, b) =>
      compareText(a.channel.from, b.channel.from) ||
      compareText(a.channel.to, b.channel.to) ||
      compareText(a.channel.transport ?? '', b.channel.transport ?? '') ||
      portOrder(a.channel.port) - portOrder(b.channel.port) ||
      compareText(a.channel.protocol, b.channel.protocol),
  );
  const withPurpose = sorted.map(({ channel, rules }) => {
    const purposes = [...new Set(rules.map((rule) => rule.description).filter((text) => text !== ''))];
    const purpose = purposes.join('; ').slice(0, 500);
    return { channel: purpose === '' ? channel : { ...channel, purpose }, rules };
  });
  return {
    channels: withPurpose,
    outcomes: enabled.map((resolved) => ({
      resolved,
      ref: ruleRef(resolved.rule),
      channels: outcomes.get(resolved)?.channels ?? [],
      shadowed: outcomes.get(resolved)?.shadowed ?? 0,
    })),
  };
};
