import type { ConduitInput, Diagnostic, ZoneInput } from '@zonewise/core';
import { deriveFirewallChannels, type FirewallChannel } from './derive-firewall-channels';
import { readFirewallConfig, type FirewallInterface } from './firewall-config';
import { deriveFirewallNotes, type FirewallNote } from './firewall-notes';
import { formatIpRange } from './ip-range';
import { readFirewallXml, type FirewallVendor } from './read-firewall-xml';

/** One firewall leg and the zone candidate made from it. */
export interface FirewallLeg {
  /** Interface key in the configuration (`lan`, `opt1`, `wan`). */
  readonly interface: string;
  readonly zone: string;
  readonly description: string;
  readonly device?: string;
  readonly vlan?: number;
  /** Networks behind the leg as CIDRs; empty for a DHCP or PPPoE WAN. */
  readonly networks: readonly string[];
  readonly isExternal: boolean;
}

/** What a firewall configuration yields: zone and conduit candidates, the channels behind them, and notes. */
export interface FirewallImport {
  readonly file: string;
  readonly vendor?: FirewallVendor;
  readonly hostname?: string;
  readonly legs: readonly FirewallLeg[];
  /** One zone candidate per interface; the id comes from the interface description. */
  readonly zones: readonly ZoneInput[];
  /** One conduit candidate per pair of zones the rules connect, with `enforcement: [firewall]`. */
  readonly conduits: readonly ConduitInput[];
  /** Every allowed channel with the rules that allow it. */
  readonly channels: readonly FirewallChannel[];
  readonly notes: readonly FirewallNote[];
  readonly diagnostics: readonly Diagnostic[];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** Zone ids from interface descriptions ("SCADA Network - Level 2" → `scada-network-level-2`), made unique. */
const assignZoneIds = (legs: readonly FirewallInterface[]): Map<string, string> => {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const leg of legs) {
    let id = slug(leg.description) || slug(leg.key) || 'zone';
    if (taken.has(id)) id = `${id}-${slug(leg.key) || 'leg'}`;
    for (let counter = 2; taken.has(id); counter += 1) id = `${id}-${counter}`;
    taken.add(id);
    ids.set(leg.key, id);
  }
  return ids;
};

const describeLeg = (leg: FirewallInterface, hostname: string | undefined): string => {
  const on = `interface ${leg.key}${leg.device ? ` (${leg.device})` : ''}${hostname ? ` of firewall ${hostname}` : ''}`;
  return leg.isExternal
    ? `External network reached through ${on}; outside the system under consideration.`
    : `Network behind ${on}, imported from the firewall configuration.`;
};

const logicalBoundary = (leg: FirewallInterface): string => {
  const networks = leg.networks.map(formatIpRange);
  const vlan = leg.vlan === undefined ? '' : ` (VLAN ${leg.vlan})`;
  if (networks.length > 0) return `${networks.join(', ')}${vlan}`;
  return leg.isExternal
    ? `Addresses outside the internal networks (${leg.addressMode})${vlan}`
    : `${leg.addressMode} addressing${vlan}`;
};

/** Code-point order: the same on every machine, unlike `localeCompare`. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const empty = (file: string, diagnostics: readonly Diagnostic[]): FirewallImport => ({
  file,
  legs: [],
  zones: [],
  conduits: [],
  channels: [],
  notes: [],
  diagnostics,
});

/**
 * Imports an OPNsense or pfSense `config.xml`: each interface becomes a zone candidate (id from its description,
 * network in `boundary.logical`), aliases and interface groups are resolved, enabled filter rules (interface and
 * floating, first match wins) become the channels they allow between zone candidates, grouped into one conduit
 * candidate per zone pair, and notes point at risky rules by position and description. Pure: the caller reads the
 * file. Malformed XML or another format gives error diagnostics with line and column and nothing else.
 */
export const importFirewallConfig = (xmlText: string, fileName: string): FirewallImport => {
  const read = readFirewallXml(xmlText, fileName);
  if (!read.ok) return empty(fileName, read.diagnostics);
  const { config, diagnostics } = readFirewallConfig(read.xml, fileName);
  const zoneOf = assignZoneIds(config.interfaces);
  const derived = deriveFirewallChannels(config, zoneOf, fileName, diagnostics);
  const legs = config.interfaces.map((leg) => ({
    interface: leg.key,
    zone: zoneOf.get(leg.key) ?? leg.key,
    description: leg.description,
    ...(leg.device === undefined ? {} : { device: leg.device }),
    ...(leg.vlan === undefined ? {} : { vlan: leg.vlan }),
    networks: leg.networks.map(formatIpRange),
    isExternal: leg.isExternal,
  }));
  const zones: ZoneInput[] = config.interfaces.map((leg) => ({
    id: zoneOf.get(leg.key) ?? leg.key,
    name: leg.description,
    description: describeLeg(leg, config.hostname),
    boundary: { logical: logicalBoundary(leg) },
  }));
  const zoneName = new Map(zones.map((zone) => [zone.id, zone.name]));
  const external = new Set(legs.filter((leg) => leg.isExternal).map((leg) => leg.zone));
  const pairs = new Map<string, FirewallChannel[]>();
  for (const item of derived.channels) {
    const [a, b] = [item.channel.from, item.channel.to].sort();
    const key = `${a ?? ''}--${b ?? ''}`;
    pairs.set(key, [...(pairs.get(key) ?? []), item]);
  }
  const conduits: ConduitInput[] = [...pairs.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, items]) => {
      const [a = '', b = ''] = id.split('--');
      const positions = [
        ...new Set(
          items.flatMap((item) =>
            item.rules.map((rule) => `${rule.section === 'rules' ? 'stored ' : ''}${rule.position}`),
          ),
        ),
      ];
      return {
        id,
        name: `${zoneName.get(a) ?? a} – ${zoneName.get(b) ?? b}`,
        description: `Allowed by firewall${config.hostname ? ` ${config.hostname}` : ''} rule${positions.length === 1 ? '' : 's'} ${positions.join(', ')}.`,
        zones: [a, b],
        channels: items.map((item) => item.channel),
        enforcement: ['firewall'],
        ...(external.has(a) || external.has(b) ? { isExternal: true } : {}),
      };
    });
  return {
    file: fileName,
    vendor: config.vendor,
    ...(config.hostname === undefined ? {} : { hostname: config.hostname }),
    legs,
    zones,
    conduits,
    channels: derived.channels,
    notes: deriveFirewallNotes(config, derived.outcomes),
    diagnostics,
  };
};
