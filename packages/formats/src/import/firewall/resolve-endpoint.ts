import type { Diagnostic } from '@zonewise/core';
import { CAPTURE_PROTOCOLS } from '../capture/protocol-catalog';
import type { FirewallConfig, FirewallRule, RuleEndpoint } from './firewall-config';
import { firewallDiagnostic } from './firewall-diagnostic';
import { parseIpRange, type IpRange } from './ip-range';

/** A rule side after names and aliases are resolved. */
export interface ResolvedAddresses {
  readonly isAny: boolean;
  /** The firewall's own addresses ("(self)", "lanip"): traffic to or from the box, not between zones. */
  readonly isSelf: boolean;
  /** Interface networks named by key (`lan`, `opt1`, or the members of an interface group). */
  readonly interfaceKeys: readonly string[];
  readonly ranges: readonly IpRange[];
  readonly isNegated: boolean;
  /** Alias names that the side went through, for notes ("to the jump host alias SMZ_BASTION"). */
  readonly aliases: readonly string[];
}

/** An inclusive port range. */
export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/** What a rule lets through at the transport layer: a transport with its destination ports (absent: every port). */
export interface ServiceAtom {
  readonly transport: 'any' | 'tcp' | 'udp' | 'other';
  /** IP protocol name for `other` (`icmp`, `esp`, `gre`, …). */
  readonly protocol?: string;
  readonly ports?: readonly PortRange[];
}

/** A rule with both sides and its service resolved. */
export interface ResolvedRule {
  readonly rule: FirewallRule;
  readonly source: ResolvedAddresses;
  readonly destination: ResolvedAddresses;
  readonly services: readonly ServiceAtom[];
  /** Source port restriction, kept only to decide whether one rule covers another. */
  readonly sourcePorts?: readonly PortRange[];
  readonly families: readonly (4 | 6)[];
}

const NAMED_PORTS = new Map<string, number>(
  CAPTURE_PROTOCOLS.flatMap((protocol) => {
    const port = protocol.tcpPorts?.[0] ?? protocol.udpPorts?.[0];
    return port === undefined ? [] : [[protocol.id, port] as const];
  }),
);

/** Alias types whose entries are addresses the importer can read offline. */
const ADDRESS_ALIAS_TYPES = new Set(['host', 'network', 'networkgroup', 'hostgroup']);

interface ResolveContext {
  readonly config: FirewallConfig;
  readonly fileName: string;
  readonly diagnostics: Diagnostic[];
}

const warnAt = (
  context: ResolveContext,
  rule: FirewallRule,
  code: Parameters<typeof firewallDiagnostic>[0],
  message: string,
) => {
  context.diagnostics.push(firewallDiagnostic(code, 'warning', rule.place, message, context.fileName));
};

const describeRule = (rule: FirewallRule): string =>
  `rule ${rule.position}${rule.description ? ` ("${rule.description}")` : ''}`;

/** Interface keys a network name stands for: an interface key, or the members of an interface group. */
const resolveNetworkName = (config: FirewallConfig, name: string): readonly string[] | undefined => {
  if (config.interfaces.some((leg) => leg.key === name)) return [name];
  return config.groups.get(name);
};

const resolveAddressTokens = (
  context: ResolveContext,
  rule: FirewallRule,
  text: string,
  seen: ReadonlySet<string>,
  aliasesUsed: string[],
): IpRange[] => {
  const ranges: IpRange[] = [];
  for (const token of text.split(/[\s,]+/).filter((item) => item !== '')) {
    const range = parseIpRange(token);
    if (range) {
      ranges.push(range);
      continue;
    }
    const alias = context.config.aliases.get(token);
    if (!alias) {
      const interfaceKeys = resolveNetworkName(context.config, token);
      if (interfaceKeys) {
        for (const key of interfaceKeys) {
          const leg = context.config.interfaces.find((item) => item.key === key);
          ranges.push(...(leg?.networks ?? []));
        }
        continue;
      }
      warnAt(
        context,
        rule,
        'firewall-unknown-alias',
        `${describeRule(rule)} names "${token}", which is neither an address nor a defined alias; that part of the rule is ignored`,
      );
      continue;
    }
    if (seen.has(alias.name)) continue;
    aliasesUsed.push(alias.name);
    if (!ADDRESS_ALIAS_TYPES.has(alias.type)) {
      warnAt(
        context,
        rule,
        'firewall-unsupported-alias',
        `${describeRule(rule)} uses alias "${alias.name}" of type ${alias.type}, whose addresses cannot be known offline; that part of the rule is ignored`,
      );
      continue;
    }
    ranges.push(
      ...resolveAddressTokens(
        context,
        rule,
        alias.entries.join(' '),
        new Set([...seen, alias.name]),
        aliasesUsed,
      ),
    );
  }
  return ranges;
};

const resolveAddresses = (
  context: ResolveContext,
  rule: FirewallRule,
  endpoint: RuleEndpoint,
): ResolvedAddresses => {
  const base = {
    isNegated: endpoint.isNegated,
    isAny: false,
    isSelf: false,
    interfaceKeys: [],
    ranges: [],
    aliases: [],
  };
  if (endpoint.kind === 'any') return { ...base, isAny: true };
  if (endpoint.kind === 'network') {
    const name = endpoint.value;
    if (name === '(self)' || name === 'self') return { ...base, isSelf: true };
    const keys = resolveNetworkName(context.config, name);
    if (keys) return { ...base, interfaceKeys: keys };
    if (name.endsWith('ip') && resolveNetworkName(context.config, name.slice(0, -2)))
      return { ...base, isSelf: true };
    if (name === 'any') return { ...base, isAny: true };
    if (!context.config.aliases.has(name)) {
      warnAt(
        context,
        rule,
        'firewall-unknown-network',
        `${describeRule(rule)} refers to network "${name}", which no interface or group defines; that side matches nothing here`,
      );
      return base;
    }
  }
  const aliases: string[] = [];
  const ranges = resolveAddressTokens(context, rule, endpoint.value, new Set(), aliases);
  return { ...base, ranges, aliases };
};

const resolvePortTokens = (
  context: ResolveContext,
  rule: FirewallRule,
  text: string,
  seen: ReadonlySet<string>,
): PortRange[] | undefined => {
  const ports: PortRange[] = [];
  for (const token of text.split(/[\s,]+/).filter((item) => item !== '')) {
    if (token.toLowerCase() === 'any') return undefined;
    const range = /^(\d{1,5})(?:\s*[-:]\s*(\d{1,5}))?$/.exec(token);
    if (range) {
      const low = Number(range[1]);
      const high = Number(range[2] ?? range[1]);
      if (low <= 65535 && high <= 65535) {
        ports.push({ low: Math.min(low, high), high: Math.max(low, high) });
        continue;
      }
    }
    const alias = context.config.aliases.get(token);
    if (alias && alias.type === 'port' && !seen.has(alias.name)) {
      const nested = resolvePortTokens(
        context,
        rule,
        alias.entries.join(' '),
        new Set([...seen, alias.name]),
      );
      if (nested === undefined) return undefined;
      ports.push(...nested);
      continue;
    }
    const named = NAMED_PORTS.get(token.toLowerCase());
    if (named !== undefined) {
      ports.push({ low: named, high: named });
      continue;
    }
    warnAt(
      context,
      rule,
      'firewall-invalid-port',
      `${describeRule(rule)} has port "${token}", which is neither a port, a range nor a port alias; it is ignored`,
    );
  }
  return ports;
};

const servicesOf = (protocol: string, ports: readonly PortRange[] | undefined): ServiceAtom[] => {
  const withPorts = ports === undefined ? {} : { ports };
  switch (protocol) {
    case 'any':
      return [{ transport: 'any' }];
    case 'tcp':
    case 'udp':
      return [{ transport: protocol, ...withPorts }];
    case 'tcp/udp':
    case 'tcpudp':
      return [
        { transport: 'tcp', ...withPorts },
        { transport: 'udp', ...withPorts },
      ];
    default:
      return [{ transport: 'other', protocol }];
  }
};

/**
 * Resolves a rule's sides (interface networks, aliases, nested aliases, hosts, CIDRs, ranges) and its service
 * (protocol and destination ports, port aliases included). Parts that cannot be resolved are reported as warnings
 * and left out, so a rule never grows wider than written.
 */
export const resolveRule = (
  config: FirewallConfig,
  rule: FirewallRule,
  fileName: string,
  diagnostics: Diagnostic[],
): ResolvedRule => {
  const context: ResolveContext = { config, fileName, diagnostics };
  const destinationPorts =
    rule.destination.port === undefined
      ? undefined
      : resolvePortTokens(context, rule, rule.destination.port, new Set());
  const sourcePorts =
    rule.source.port === undefined
      ? undefined
      : resolvePortTokens(context, rule, rule.source.port, new Set());
  return {
    rule,
    source: resolveAddresses(context, rule, rule.source),
    destination: resolveAddresses(context, rule, rule.destination),
    services: servicesOf(rule.protocol, destinationPorts),
    ...(sourcePorts === undefined ? {} : { sourcePorts }),
    families: rule.ipProtocol === 'inet46' ? [4, 6] : rule.ipProtocol === 'inet6' ? [6] : [4],
  };
};
