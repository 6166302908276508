import type { Diagnostic } from '@zonewise/core';
import { firewallDiagnostic, type XmlPlace } from './firewall-diagnostic';
import { cidrRange, parseIp, type IpAddress, type IpRange } from './ip-range';
import {
  childEntries,
  childNode,
  childNodes,
  childText,
  hasChild,
  type FirewallVendor,
  type FirewallXml,
  type XmlNode,
} from './read-firewall-xml';

/** One firewall interface (a leg of the firewall): the network behind it becomes a zone candidate. */
export interface FirewallInterface {
  /** The config key: `wan`, `lan`, `opt1`, … (what rules and `<network>` refer to). */
  readonly key: string;
  /** The description the administrator gave, or the key in upper case. */
  readonly description: string;
  /** Physical or virtual device (`em0`, `igb1_vlan20`). */
  readonly device?: string;
  readonly vlan?: number;
  /** `static`, or how the address is obtained (`dhcp`, `pppoe`, `track6`, …). */
  readonly addressMode: string;
  /** The firewall's own addresses on this leg ("(self)", "lanip"). */
  readonly addresses: readonly IpAddress[];
  /** The networks attached to this leg, from address and prefix length. */
  readonly networks: readonly IpRange[];
  /** The leg toward the internet or another outside network (the WAN, or a leg with a default gateway). */
  readonly isExternal: boolean;
  readonly place: XmlPlace;
}

/** A named list of hosts, networks or ports that rules refer to. */
export interface FirewallAlias {
  readonly name: string;
  /** `host`, `network`, `port`, or a type the importer cannot resolve offline (`url`, `geoip`, …). */
  readonly type: string;
  readonly entries: readonly string[];
  readonly description: string;
  readonly place: XmlPlace;
}

/** One side of a rule as written: any, a named network, the firewall itself, or addresses/aliases. */
export interface RuleEndpoint {
  readonly kind: 'any' | 'network' | 'address';
  /** Network name (`lan`, `opt1ip`, `(self)`) or address text (`10.0.0.0/24`, `ALIAS`, `a,b`). */
  readonly value: string;
  readonly isNegated: boolean;
  /** Port text for this side (`502`, `1024-65535`, an alias), when given. */
  readonly port?: string;
}

/** A filter rule, normalised across OPNsense, pfSense and OPNsense's newer rule store. */
export interface FirewallRule {
  /** 1-based position within its section, counting disabled rules: how an administrator finds it. */
  readonly position: number;
  /** `filter` for the classic `<filter>` section, `rules` for OPNsense's newer rule store. */
  readonly section: 'filter' | 'rules';
  readonly action: 'pass' | 'block' | 'reject' | 'match';
  /** Interface keys or interface-group names the rule is attached to. */
  readonly interfaces: readonly string[];
  readonly isFloating: boolean;
  /** First match wins for quick rules; interface rules are always quick. */
  readonly isQuick: boolean;
  readonly direction: 'in' | 'out' | 'any';
  readonly ipProtocol: 'inet' | 'inet6' | 'inet46';
  /** Lower-case protocol: `any`, `tcp`, `udp`, `tcp/udp`, `icmp`, `esp`, … */
  readonly protocol: string;
  readonly source: RuleEndpoint;
  readonly destination: RuleEndpoint;
  readonly description: string;
  readonly isDisabled: boolean;
  readonly place: XmlPlace;
}

/** A firewall configuration reduced to what zoning needs. */
export interface FirewallConfig {
  readonly vendor: FirewallVendor;
  readonly hostname?: string;
  readonly interfaces: readonly FirewallInterface[];
  /** Interface groups by name, each with its member interface keys. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly aliases: ReadonlyMap<string, FirewallAlias>;
  readonly rules: readonly FirewallRule[];
}

const placeIn = (
  xml: FirewallXml,
  node: XmlNode | undefined,
  path: readonly (string | number)[],
): XmlPlace => ({
  path,
  ...xml.placeOf(node),
});

const isSet = (value: string | undefined): boolean =>
  value !== undefined && value !== '0' && value.toLowerCase() !== 'no' && value.toLowerCase() !== 'false';

const splitList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

const readInterfaces = (xml: FirewallXml, vlanTags: ReadonlyMap<string, number>): FirewallInterface[] => {
  const container = childNode(xml.root, 'interfaces');
  const gateways = childNodes(childNode(xml.root, 'gateways'), 'gateway_item');
  const defaultGatewayLegs = new Set(
    gateways
      .filter((gateway) => isSet(childText(gateway, 'defaultgw')))
      .map((gateway) => childText(gateway, 'interface') ?? ''),
  );
  return childEntries(container).map(([key, node]) => {
    const device = childText(node, 'if');
    const addresses: IpAddress[] = [];
    const networks: IpRange[] = [];
    let addressMode = 'static';
    for (const [addressField, prefixField] of [
      ['ipaddr', 'subnet'],
      ['ipaddrv6', 'subnetv6'],
    ] as const) {
      const addressText = childText(node, addressField);
      if (addressText === undefined || addressText === '') continue;
      const address = parseIp(addressText);
      if (!address) {
        if (addressField === 'ipaddr') addressMode = addressText.toLowerCase();
        continue;
      }
      addresses.push(address);
      const prefix = Number(childText(node, prefixField) ?? (address.family === 4 ? 32 : 128));
      if (Number.isInteger(prefix) && prefix >= 0 && prefix <= (address.family === 4 ? 32 : 128)) {
        networks.push(cidrRange(address.family, address.value, prefix));
      }
    }
    const tagFromName = device === undefined ? undefined : /(?:_vlan|\.)(\d{1,4})$/.exec(device)?.[1];
    const vlan =
      (device === undefined ? undefined : vlanTags.get(device)) ??
      (tagFromName ? Number(tagFromName) : undefined);
    const isExternal =
      key === 'wan' || /^wan\d*$/.test(key) || defaultGatewayLegs.has(key) || hasChild(node, 'gateway');
    return {
      key,
      description: childText(node, 'descr') || key.toUpperCase(),
      ...(device ? { device } : {}),
      ...(vlan === undefined ? {} : { vlan }),
      addressMode,
      addresses,
      networks,
      isExternal,
      place: placeIn(xml, node, ['interfaces', key]),
    };
  });
};

const readVlanTags = (xml: FirewallXml): Map<string, number> => {
  const tags = new Map<string, number>();
  for (const vlan of childNodes(childNode(xml.root, 'vlans'), 'vlan')) {
    const tag = Number(childText(vlan, 'tag'));
    const parent = childText(vlan, 'if');
    const name = childText(vlan, 'vlanif') ?? (parent ? `${parent}_vlan${tag}` : undefined);
    if (name && Number.isInteger(tag)) tags.set(name, tag);
  }
  return tags;
};

const readGroups = (xml: FirewallXml): Map<string, string[]> => {
  const groups = new Map<string, string[]>();
  for (const entry of childNodes(childNode(xml.root, 'ifgroups'), 'ifgroupentry')) {
    const name = childText(entry, 'ifname');
    if (name) groups.set(name, splitList(childText(entry, 'members')));
  }
  return groups;
};

/** Aliases of the classic `<aliases>` store and of OPNsense's `<OPNsense><Firewall><Alias>` store. */
const readAliases = (xml: FirewallXml): Map<string, FirewallAlias> => {
  const aliases = new Map<string, FirewallAlias>();
  childNodes(childNode(xml.root, 'aliases'), 'alias').forEach((node, index) => {
    const name = childText(node, 'name');
    if (!name) return;
    aliases.set(name, {
      name,
      type: (childText(node, 'type') ?? 'host').toLowerCase(),
      entries: splitList(childText(node, 'address')),
      description: childText(node, 'descr') ?? '',
      place: placeIn(xml, node, ['aliases', 'alias', index]),
    });
  });
  const store = childNode(
    childNode(childNode(childNode(xml.root, 'OPNsense'), 'Firewall'), 'Alias'),
    'aliases',
  );
  childNodes(store, 'alias').forEach((node, index) => {
    const name = childText(node, 'name');
    if (!name || childText(node, 'enabled') === '0') return;
    aliases.set(name, {
      name,
      type: (childText(node, 'type') ?? 'host').toLowerCase(),
      entries: splitList(childText(node, 'content')),
      description: childText(node, 'description') ?? '',
      place: placeIn(xml, node, ['OPNsense', 'Firewall', 'Alias', 'aliases', 'alias', index]),
    });
  });
  return aliases;
};

const readEndpoint = (node: XmlNode | undefined): RuleEndpoint => {
  const isNegated = hasChild(node, 'not');
  const port = childText(node, 'port');
  const withPort = port ? { port } : {};
  const network = childText(node, 'network');
  if (network) return { kind: 'network', value: network, isNegated, ...withPort };
  const address = childText(node, 'address');
  if (address) return { kind: 'address', value: address, isNegated, ...withPort };
  return { kind: 'any', value: 'any', isNegated, ...withPort };
};

const normaliseAction = (text: string | undefined): FirewallRule['action'] => {
  const action = (text ?? 'pass').toLowerCase();
  return action === 'block' || action === 'reject' || action === 'match' ? action : 'pass';
};

const normaliseIpProtocol = (text: string | undefined): FirewallRule['ipProtocol'] => {
  const value = (text ?? 'inet').toLowerCase();
  return value === 'inet6' || value === 'inet46' ? value : 'inet';
};

const normaliseDirection = (text: string | undefined, fallback: FirewallRule['direction']) => {
  const value = (text ?? '').toLowerCase();
  return value === 'in' || value === 'out' || value === 'any' ? value : fallback;
};

/** Rules of the classic `<filter>` section (pfSense and OPNsense up to 24.x). */
const readFilterRules = (xml: FirewallXml): FirewallRule[] =>
  childNodes(childNode(xml.root, 'filter'), 'rule').map((node, index) => {
    const isFloating = isSet(childText(node, 'floating'));
    const source = readEndpoint(childNode(node, 'source'));
    const destination = readEndpoint(childNode(node, 'destination'));
    // Some exports (and hand-written examples) put the destination port beside the rule, not inside <destination>.
    const ruleLevelPort = childText(node, 'dstport') ?? childText(node, 'destination_port');
    const sourcePort = childText(node, 'srcport');
    return {
      position: index + 1,
      section: 'filter' as const,
      action: normaliseAction(childText(node, 'type')),
      interfaces: splitList(childText(node, 'interface')),
      isFloating,
      isQuick: !isFloating || isSet(childText(node, 'quick')),
      direction: normaliseDirection(childText(node, 'direction'), isFloating ? 'any' : 'in'),
      ipProtocol: normaliseIpProtocol(childText(node, 'ipprotocol')),
      protocol: (childText(node, 'protocol') || 'any').toLowerCase(),
      source: sourcePort && !source.port ? { ...source, port: sourcePort } : source,
      destination: ruleLevelPort && !destination.port ? { ...destination, port: ruleLevelPort } : destination,
      description: childText(node, 'descr') ?? '',
      isDisabled: hasChild(node, 'disabled') && childText(node, 'disabled') !== '0',
      place: placeIn(xml, node, ['filter', 'rule', index]),
    };
  });

const mvcEndpoint = (node: XmlNode, side: 'source' | 'destination'): RuleEndpoint => {
  const net = childText(node, `${side}_net`) || 'any';
  const port = childText(node, `${side}_port`);
  const isNegated = isSet(childText(node, `${side}_not`));
  const withPort = port ? { port } : {};
  if (net.toLowerCase() === 'any') return { kind: 'any', value: 'any', isNegated, ...withPort };
  const isAddress = parseIp(net.split('/')[0] ?? '') !== undefined || net.includes(',');
  return { kind: isAddress ? 'address' : 'network', value: net, isNegated, ...withPort };
};

/** Rules of OPNsense's newer rule store (`<OPNsense><Firewall><Filter><rules>`), ordered by `sequence`. */
const readStoredRules = (xml: FirewallXml): FirewallRule[] => {
  const store = childNode(
    childNode(childNode(childNode(xml.root, 'OPNsense'), 'Firewall'), 'Filter'),
    'rules',
  );
  return childNodes(store, 'rule')
    .map((node, index) => ({ node, index, sequence: Number(childText(node, 'sequence') ?? index) }))
    .sort((a, b) => a.sequence - b.sequence || a.index - b.index)
    .map(({ node, index }) => {
      const interfaces = splitList(childText(node, 'interface'));
      const isFloating = interfaces.length !== 1;
      return {
        position: index + 1,
        section: 'rules' as const,
        action: normaliseAction(childText(node, 'action')),
        interfaces,
        isFloating,
        isQuick: childText(node, 'quick') === undefined || isSet(childText(node, 'quick')),
        direction: normaliseDirection(childText(node, 'direction'), 'in'),
        ipProtocol: normaliseIpProtocol(childText(node, 'ipprotocol')),
        protocol: (childText(node, 'protocol') || 'any').toLowerCase(),
        source: mvcEndpoint(node, 'source'),
        destination: mvcEndpoint(node, 'destination'),
        description: childText(node, 'description') ?? '',
        isDisabled: childText(node, 'enabled') === '0',
        place: placeIn(xml, node, ['OPNsense', 'Firewall', 'Filter', 'rules', 'rule', index]),
      };
    });
};

/**
 * Reads interfaces (with VLAN tags), interface groups, aliases and filter rules from a parsed OPNsense or pfSense
 * configuration. Rules keep their configuration order; rules of OPNsense's newer rule store come first, as the
 * firewall loads them before the classic ones.
 */
export const readFirewallConfig = (
  xml: FirewallXml,
  fileName: string,
): { config: FirewallConfig; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const interfaces = readInterfaces(xml, readVlanTags(xml));
  if (interfaces.length === 0) {
    diagnostics.push(
      firewallDiagnostic(
        'firewall-no-interfaces',
        'warning',
        placeIn(xml, childNode(xml.root, 'interfaces'), ['interfaces']),
        'the configuration assigns no interfaces, so there is nothing to turn into zones',
        fileName,
      ),
    );
  }
  const hostname = childText(childNode(xml.root, 'system'), 'hostname');
  return {
    config: {
      vendor: xml.vendor,
      ...(hostname ? { hostname } : {}),
      interfaces,
      groups: readGroups(xml),
      aliases: readAliases(xml),
      rules: [...readStoredRules(xml), ...readFilterRules(xml)],
    },
    diagnostics,
  };
};
