import type { Severity } from '@zonewise/core';
import type { FirewallAlias, FirewallConfig } from './firewall-config';
import type { FirewallRuleRef, RuleOutcome } from './derive-firewall-channels';
import type { ServiceAtom } from './resolve-endpoint';

/** Stable codes of the observations the importer makes about a rule set. */
export const FIREWALL_NOTE_CODES = [
  'any-to-any',
  'unrestricted-service',
  'internet-inbound',
  'internet-outbound',
  'cleartext-remote-access',
  'rule-shadowed',
  'rule-without-effect',
] as const;

/** One of {@link FIREWALL_NOTE_CODES}. */
export type FirewallNoteCode = (typeof FIREWALL_NOTE_CODES)[number];

/**
 * Something an assessor should look at in a firewall rule set, tied to the rule that causes it. Notes are not
 * findings: the zones they name are candidates until the assessor accepts them into the model.
 */
export interface FirewallNote {
  /** `<code>@<section>-<position>` plus `#<service>` for per-service notes: stable while the rule stays put. */
  readonly id: string;
  readonly code: FirewallNoteCode;
  readonly severity: Severity;
  readonly message: string;
  readonly rule: FirewallRuleRef;
  /** Zone candidates the rule's traffic enters from and reaches. */
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** Remote-access services that carry credentials or screens in clear, or give a desktop without a gateway. */
const REMOTE_ACCESS = [
  { name: 'telnet', low: 23, high: 23, isCleartext: true },
  { name: 'rsh-rlogin-rexec', low: 512, high: 514, isCleartext: true },
  { name: 'vnc', low: 5900, high: 5900, isCleartext: true },
  { name: 'rdp', low: 3389, high: 3389, isCleartext: false },
] as const;

const GATEWAY_WORDS = /\b(jump|bastion|gateway|rd-?gw|rdg|pam)\b|jump.?host|jumpserver/i;

const isUnrestricted = (services: readonly ServiceAtom[]): boolean =>
  services.every(
    (atom) =>
      atom.transport === 'any' ||
      ((atom.transport === 'tcp' || atom.transport === 'udp') && atom.ports === undefined),
  );

const ruleName = (ref: FirewallRuleRef): string =>
  `rule ${ref.position}${ref.description ? ` ("${ref.description}")` : ''} on ${ref.interfaces.join(',') || 'all interfaces'}`;

const portCovers = (port: number | string | undefined, low: number, high: number): boolean => {
  if (port === undefined) return false;
  if (typeof port === 'number') return port >= low && port <= high;
  const [from, to] = port.split('-').map(Number);
  return from !== undefined && to !== undefined && from <= low && to >= high;
};

const unique = (items: readonly string[]): string[] => [...new Set(items)].sort();

/**
 * Looks at what each enabled rule actually allows and notes the patterns that matter in an OT rule set: any-to-any
 * and any-service rules, traffic from the internet (WAN) into internal zones and out of them, remote-access
 * services in clear text (Telnet, r-services, VNC) and RDP that does not end at a jump host or gateway, and rules
 * that allow nothing because an earlier block shadows them or they sit on the wrong interface.
 */
export const deriveFirewallNotes = (
  config: FirewallConfig,
  outcomes: readonly RuleOutcome[],
): FirewallNote[] => {
  const notes: FirewallNote[] = [];
  for (const outcome of outcomes) {
    const { resolved, ref } = outcome;
    if (resolved.rule.action !== 'pass') continue;
    const base = `${ref.section}-${ref.position}`;
    const note = (
      code: FirewallNoteCode,
      severity: Severity,
      message: string,
      scope = outcome.channels,
      key?: string,
    ) =>
      notes.push({
        id: `${code}@${base}${key === undefined ? '' : `#${key}`}`,
        code,
        severity,
        message,
        rule: ref,
        from: unique(scope.map((item) => item.channel.from)),
        to: unique(scope.map((item) => item.channel.to)),
      });
    if (outcome.channels.length === 0) {
      if (outcome.shadowed > 0) {
        note(
          'rule-shadowed',
          'info',
          `${ruleName(ref)} allows nothing: earlier block rules already drop all it matches`,
        );
      } else {
        note(
          'rule-without-effect',
          'info',
          `${ruleName(ref)} allows nothing between zones: its source and destination are on the same interface, outside it, or unresolved`,
        );
      }
      continue;
    }
    const unrestricted = isUnrestricted(resolved.services);
    if (unrestricted && resolved.destination.isAny && !resolved.destination.isNegated) {
      note('any-to-any', 'high', `${ruleName(ref)} passes every protocol and port to any destination`);
    } else if (unrestricted) {
      note(
        'unrestricted-service',
        'medium',
        `${ruleName(ref)} passes every protocol and port to ${unique(outcome.channels.map((item) => item.channel.to)).join(', ')}`,
      );
    }
    const inbound = outcome.channels.filter((item) => item.from.isExternal && !item.to.isExternal);
    if (inbound.length > 0) {
      note(
        'internet-inbound',
        'high',
        `${ruleName(ref)} lets traffic from the internet (WAN) into ${unique(inbound.map((item) => item.channel.to)).join(', ')}`,
        inbound,
      );
    }
    const outbound = outcome.channels.filter((item) => !item.from.isExternal && item.to.isExternal);
    if (outbound.length > 0) {
      note(
        'internet-outbound',
        'medium',
        `${ruleName(ref)} lets ${unique(outbound.map((item) => item.channel.from)).join(', ')} reach the internet (WAN)`,
        outbound,
      );
    }
    const aliases = resolved.destination.aliases
      .map((name) => config.aliases.get(name))
      .filter((alias): alias is FirewallAlias => alias !== undefined);
    const endsAtGateway =
      aliases.length > 0 &&
      aliases.every((alias) => GATEWAY_WORDS.test(`${alias.name} ${alias.description}`));
    for (const service of REMOTE_ACCESS) {
      if (!service.isCleartext && endsAtGateway) continue;
      const scope = outcome.channels.filter(
        (item) =>
          item.channel.transport === 'tcp' && portCovers(item.channel.port, service.low, service.high),
      );
      if (scope.length === 0) continue;
      note(
        'cleartext-remote-access',
        'high',
        service.isCleartext
          ? `${ruleName(ref)} allows ${service.name} (tcp/${service.low === service.high ? service.low : `${service.low}-${service.high}`}), which sends credentials and sessions in clear text`
          : `${ruleName(ref)} allows ${service.name} (tcp/${service.low}) straight to ${unique(scope.map((item) => item.channel.to)).join(', ')} rather than to a jump host or remote-access gateway`,
        scope,
        service.name,
      );
    }
  }
  return notes;
};
