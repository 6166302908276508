import {
  isAnyPort,
  isAnyProtocol,
  type ChannelInput,
  type EntityRef,
  type SystemModel,
} from '@zonewise/core';
import type { FirewallImport } from '../import/firewall/import-firewall-config';
import {
  intersectRanges,
  parseIp,
  parseIpRange,
  rangeHolds,
  type IpRange,
} from '../import/firewall/ip-range';
import { createAddressLocator } from './address-locator';
import { channelPieces, describePiece, piecesCover, piecesOverlap } from './channel-services';
import {
  CHANNEL_BLOCKED_BY_FIREWALL,
  driftFinding,
  FIREWALL_ALLOWS_UNMODELLED,
  FIREWALL_ZONE_NOT_MODELLED,
  sortFindings,
  type DriftFinding,
} from './drift-rules';

/** Counts behind a firewall conformance check. */
export interface FirewallConformanceSummary {
  readonly legs: number;
  /** Firewall interfaces whose network maps to at least one model zone. */
  readonly legsMapped: number;
  readonly firewallChannels: number;
  /** Firewall channels between interfaces that both map to model zones. */
  readonly firewallChannelsJudged: number;
  readonly modelChannels: number;
  /** Model channels whose zones sit behind two different firewall interfaces. */
  readonly modelChannelsJudged: number;
}

/** Drift between the model's conduits and a firewall configuration. */
export interface FirewallConformance {
  readonly findings: readonly DriftFinding[];
  /** Model zones behind each firewall zone candidate (interface), by candidate id. */
  readonly zoneMapping: ReadonlyMap<string, readonly string[]>;
  readonly summary: FirewallConformanceSummary;
}

const channelText = (channel: ChannelInput): string =>
  isAnyProtocol(channel.protocol) && (channel.port === undefined || isAnyPort(channel.port))
    ? `${channel.transport ? `every ${channel.transport} port` : 'every protocol and port'}`
    : `${channel.protocol}${channel.port === undefined ? '' : ` ${channel.transport ?? ''}${channel.transport ? '/' : 'port '}${channel.port}`}`;

const serviceKey = (channel: ChannelInput): string => {
  if (channel.transport === 'other') return `other/${channel.protocol}`;
  if (channel.port !== undefined) return `${channel.transport ?? 'any'}/${channel.port}`;
  return isAnyProtocol(channel.protocol) ? (channel.transport ?? 'any') : channel.protocol;
};

const overlaps = (a: readonly IpRange[], b: readonly IpRange[]): boolean => intersectRanges(a, b).length > 0;

/**
 * Compares the conduits of a model with what a firewall configuration allows (IEC 62443-3-3 SR 5.2): firewall
 * channels between two model zones that no conduit channel covers, conduit channels the firewall drops entirely,
 * and internal firewall networks that belong to no zone. Firewall interfaces map to model zones through the
 * networks in the zones' logical boundaries and the addresses of their assets (or, failing both, the same id).
 */
export const checkFirewallConformance = (
  model: SystemModel,
  firewall: FirewallImport,
): FirewallConformance => {
  const locator = createAddressLocator(model);
  const findings: DriftFinding[] = [];
  const legZones = new Map<string, string[]>();
  for (const leg of firewall.legs) {
    const networks = leg.networks.map(parseIpRange).filter((range) => range !== undefined);
    const zones = new Set<string>();
    for (const zone of model.zones) {
      if (overlaps(locator.zoneNetworks.get(zone.id) ?? [], networks)) zones.add(zone.id);
    }
    for (const asset of model.assets) {
      const zone = model.zoneOf(asset.id);
      if (!zone) continue;
      for (const networkInterface of asset.interfaces ?? []) {
        const address = parseIp(networkInterface.ip?.split('/')[0] ?? '');
        if (address && networks.some((range) => rangeHolds(range, address))) zones.add(zone.id);
      }
    }
    if (zones.size === 0 && model.zone(leg.zone)) zones.add(leg.zone);
    legZones.set(leg.zone, [...zones].sort());
    if (zones.size === 0 && !leg.isExternal) {
      findings.push(
        driftFinding(model, FIREWALL_ZONE_NOT_MODELLED, leg.zone, {
          subject: { kind: 'system', id: model.system.id ?? 'system', name: model.system.name },
          because: `Firewall interface ${leg.interface} ("${leg.description}", ${leg.networks.join(', ') || 'no static network'}) of ${firewall.file} overlaps no zone's logical boundary and holds no asset's address.`,
          evidence: [],
        }),
      );
    }
  }
  const zoneLegs = new Map<string, string[]>();
  for (const [leg, zones] of legZones) {
    for (const zone of zones) zoneLegs.set(zone, [...(zoneLegs.get(zone) ?? []), leg]);
  }
  const refs = (ids: readonly string[]): EntityRef[] =>
    [...new Set(ids)].flatMap((id) => {
      const ref = model.refOf(id);
      return ref ? [ref] : [];
    });

  let firewallChannelsJudged = 0;
  for (const item of firewall.channels) {
    const sources = legZones.get(item.channel.from) ?? [];
    const targets = legZones.get(item.channel.to) ?? [];
    if (sources.length === 0 || targets.length === 0) continue;
    firewallChannelsJudged += 1;
    const wanted = channelPieces(item.channel, 'strict');
    const isUnrestricted = isAnyProtocol(item.channel.protocol) && item.channel.port === undefined;
    for (const from of sources) {
      for (const to of targets) {
        if (from === to) continue;
        const conduits = model.conduitsBetween(from, to);
        const allowed = conduits
          .flatMap((conduit) => conduit.channels)
          .filter((channel) => channel.from === from && channel.to === to)
          .flatMap((channel) => channelPieces(channel, 'generous'));
        const missing = wanted.filter((piece) => !piecesCover(allowed, piece));
        if (missing.length === 0) continue;
        const rules = item.rules
          .map((rule) => `${rule.position}${rule.description ? ` ("${rule.description}")` : ''}`)
          .join(', ');
        findings.push(
          driftFinding(model, FIREWALL_ALLOWS_UNMODELLED, `${from}>${to}:${serviceKey(item.channel)}`, {
            subject: model.refOf(conduits[0]?.id ?? from) ?? { kind: 'zone', id: from },
            because: `Firewall ${firewall.file} rule${item.rules.length === 1 ? '' : 's'} ${rules} allow${item.rules.length === 1 ? 's' : ''} ${channelText(item.channel)} from ${item.channel.from} (zone ${from}) to ${item.channel.to} (zone ${to}); ${
              conduits.length === 0
                ? 'no conduit joins these zones'
                : `no channel of ${conduits.map((conduit) => conduit.id).join(', ')} covers ${missing.map(describePiece).join(', ')}`
            }.`,
            evidence: refs([from, to, ...conduits.map((conduit) => conduit.id)]),
            ...(isUnrestricted ? { severity: 'high' as const } : {}),
          }),
        );
      }
    }
  }

  let modelChannels = 0;
  let modelChannelsJudged = 0;
  for (const conduit of model.conduits) {
    conduit.channels.forEach((channel, index) => {
      modelChannels += 1;
      const sources = zoneLegs.get(channel.from) ?? [];
      const targets = zoneLegs.get(channel.to) ?? [];
      if (sources.length === 0 || targets.length === 0) return;
      if (sources.some((leg) => targets.includes(leg))) return;
      // A protocol known only by name has no port a firewall rule could be compared with.
      const needed = channelPieces(channel, 'strict').filter((piece) => piece.transport !== 'named');
      if (needed.length === 0) return;
      modelChannelsJudged += 1;
      const isLetThrough = sources.some((source) =>
        targets.some((target) => {
          const allowed = firewall.channels
            .filter((item) => item.channel.from === source && item.channel.to === target)
            .flatMap((item) => channelPieces(item.channel, 'generous'));
          return needed.some((piece) => piecesOverlap(allowed, piece));
        }),
      );
      if (isLetThrough) return;
      findings.push(
        driftFinding(model, CHANNEL_BLOCKED_BY_FIREWALL, `${conduit.id}#${index}`, {
          subject: model.refOf(conduit.id) ?? { kind: 'conduit', id: conduit.id },
          because: `Channel ${index} of conduit ${conduit.id} (${channelText(channel)} from zone ${channel.from} to zone ${channel.to}) crosses firewall ${firewall.file} from ${sources.join(', ')} to ${targets.join(', ')}, and no rule there lets any part of ${needed.map(describePiece).join(', ')} through.`,
          evidence: refs([conduit.id, channel.from, channel.to]),
        }),
      );
    });
  }

  return {
    findings: sortFindings(findings),
    zoneMapping: legZones,
    summary: {
      legs: firewall.legs.length,
      legsMapped: [...legZones.values()].filter((zones) => zones.length > 0).length,
      firewallChannels: firewall.channels.length,
      firewallChannelsJudged,
      modelChannels,
      modelChannelsJudged,
    },
  };
};
