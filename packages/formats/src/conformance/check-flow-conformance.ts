import type { Conduit, EntityRef, SystemModel, Zone } from '@zonewise/core';
import { parseIp } from '../import/firewall/ip-range';
import { createAddressLocator, type LocatedAddress } from './address-locator';
import { channelAdmitsFlow } from './channel-services';
import {
  CHANNEL_NOT_OBSERVED,
  driftFinding,
  FLOW_NOT_ALLOWED,
  FLOW_NOT_MODELLED,
  sortFindings,
  UNKNOWN_HOST,
  type DriftFinding,
} from './drift-rules';
import type { ObservedFlow, ObservedHost, ObservedTraffic } from './observed-traffic';

/** Counts behind a conformance check, so a reader can judge how much of the plant the capture covered. */
export interface FlowConformanceSummary {
  /** IP flows in the input. */
  readonly flows: number;
  /** Flows grouped by source, destination, transport and destination port. */
  readonly conversations: number;
  /** Conversations to multicast or broadcast addresses, which cross no boundary of their own. */
  readonly nonUnicast: number;
  /** Conversations with neither end in a modelled zone. */
  readonly outsideZones: number;
  /** Conversations between two zones, or into a zone from outside every zone. */
  readonly crossingZones: number;
  readonly hosts: number;
  readonly unknownHosts: number;
  readonly channels: number;
  readonly channelsObserved: number;
  /** Channels not judged because the capture saw no host in one of their zones. */
  readonly channelsNotJudged: number;
}

/** Drift between the model and observed traffic. */
export interface FlowConformance {
  readonly findings: readonly DriftFinding[];
  readonly summary: FlowConformanceSummary;
}

interface Conversation {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly transport: string;
  readonly dstPort?: number;
  protocol?: string;
  packets: number;
  bytes: number;
  flows: number;
}

const isNonUnicast = (ip: string, host: ObservedHost | undefined): boolean => {
  if (host?.kind === 'multicast' || host?.kind === 'broadcast') return true;
  const address = parseIp(ip);
  if (!address) return false;
  if (address.family === 4) return address.value >> 28n === 0xen || address.value === 0xffffffffn;
  return address.value >> 120n === 0xffn;
};

/** Addresses that stand for no station: unspecified, and IPv6 link-local (every IPv6 interface has one). */
const isStationless = (ip: string): boolean => {
  const address = parseIp(ip);
  if (!address) return true;
  if (address.value === 0n) return true;
  return address.family === 6 && address.value >> 118n === 0x3fan;
};

/** The key part of a flow finding id: `10.0.0.1>10.0.0.2:502/tcp`, IPv6 in brackets. */
export const flowKey = (flow: {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly dstPort?: number | undefined;
  readonly transport: string;
}): string => {
  const show = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);
  return `${show(flow.srcIp)}>${show(flow.dstIp)}${flow.dstPort === undefined ? '' : `:${flow.dstPort}`}/${flow.transport}`;
};

const service = (conversation: Conversation): string =>
  `${conversation.transport}${conversation.dstPort === undefined ? '' : `/${conversation.dstPort}`}${
    conversation.protocol && conversation.protocol !== conversation.transport
      ? ` (${conversation.protocol})`
      : ''
  }`;

const where = (ip: string, located: LocatedAddress): string => {
  if (located.asset)
    return `${ip} (asset ${located.asset.id}${located.zone ? ` in zone ${located.zone.id}` : ', in no zone'})`;
  if (located.zone) return `${ip} (zone ${located.zone.id} by its network)`;
  return `${ip} (outside every modelled zone)`;
};

const volume = (conversation: Conversation): string =>
  `${conversation.packets} packet${conversation.packets === 1 ? '' : 's'}, ${conversation.bytes} bytes in ${conversation.flows} flow${conversation.flows === 1 ? '' : 's'}`;

const refs = (model: SystemModel, ids: readonly (string | undefined)[]): EntityRef[] => {
  const seen = new Set<string>();
  return ids.flatMap((id) => {
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    const ref = model.refOf(id);
    return ref ? [ref] : [];
  });
};

const systemRef = (model: SystemModel): EntityRef => ({
  kind: 'system',
  id: model.system.id ?? 'system',
  name: model.system.name,
});

const groupFlows = (flows: readonly ObservedFlow[]): Conversation[] => {
  const groups = new Map<string, Conversation>();
  for (const flow of flows) {
    const transport = flow.transport.toLowerCase();
    const key = flowKey({ ...flow, transport });
    const existing = groups.get(key);
    if (existing) {
      existing.packets += flow.packets;
      existing.bytes += flow.bytes;
      existing.flows += 1;
      if (existing.protocol === undefined && flow.protocol !== undefined) existing.protocol = flow.protocol;
      continue;
    }
    groups.set(key, {
      srcIp: flow.srcIp,
      dstIp: flow.dstIp,
      transport,
      ...(flow.dstPort === undefined ? {} : { dstPort: flow.dstPort }),
      ...(flow.protocol === undefined ? {} : { protocol: flow.protocol }),
      packets: flow.packets,
      bytes: flow.bytes,
      flows: 1,
    });
  }
  return [...groups.values()];
};

/**
 * Compares what the network did with what the model allows (IEC 62443-3-2 ZCR 3.1, 62443-3-3 SR 5.2): every
 * observed flow that crosses zones where no conduit channel allows it, every conduit channel never seen although
 * the capture saw both its zones, every host that no asset accounts for, and allowed flows between assets with no
 * declared data flow. Addresses map to assets through their interfaces, and to zones through the networks in each
 * zone's logical boundary when no asset names them. Findings have stable ids so triage survives the next capture.
 */
export const checkFlowConformance = (model: SystemModel, observed: ObservedTraffic): FlowConformance => {
  const locator = createAddressLocator(model);
  const hostByIp = new Map(observed.hosts.map((host) => [host.ip, host]));
  const located = new Map<string, LocatedAddress>();
  const locate = (ip: string): LocatedAddress => {
    let place = located.get(ip);
    if (!place) {
      place = locator.locate(ip, hostByIp.get(ip)?.mac);
      located.set(ip, place);
    }
    return place;
  };
  const findings: DriftFinding[] = [];
  const seenZones = new Set<string>();
  const observedChannels = new Set<Conduit['channels'][number]>();
  const conversations = groupFlows(observed.flows);
  let nonUnicast = 0;
  let outsideZones = 0;
  let crossingZones = 0;

  for (const conversation of conversations) {
    if (isNonUnicast(conversation.dstIp, hostByIp.get(conversation.dstIp))) {
      nonUnicast += 1;
      continue;
    }
    const source = locate(conversation.srcIp);
    const destination = locate(conversation.dstIp);
    const from: Zone | undefined = source.zone;
    const to: Zone | undefined = destination.zone;
    if (from) seenZones.add(from.id);
    if (to) seenZones.add(to.id);
    if (!from && !to) {
      outsideZones += 1;
      continue;
    }
    const key = flowKey(conversation);
    const subject =
      refs(model, [source.asset?.id, from?.id, destination.asset?.id, to?.id])[0] ?? systemRef(model);
    if (from?.id !== to?.id) {
      crossingZones += 1;
      const conduits = from && to ? model.conduitsBetween(from.id, to.id) : [];
      let isAllowed = false;
      for (const conduit of conduits) {
        for (const channel of conduit.channels) {
          if (
            channel.from === from?.id &&
            channel.to === to?.id &&
            channelAdmitsFlow(channel, conversation)
          ) {
            observedChannels.add(channel);
            isAllowed = true;
          }
        }
      }
      if (!isAllowed) {
        const reason = !from
          ? `it enters zone ${to?.id ?? ''} from outside every modelled zone, where no conduit can allow it`
          : !to
            ? `it leaves zone ${from.id} for an address outside every modelled zone, where no conduit can allow it`
            : conduits.length === 0
              ? `no conduit joins zone ${from.id} and zone ${to.id}`
              : `no channel of ${conduits.map((conduit) => conduit.id).join(', ')} allows it from zone ${from.id} to zone ${to.id}`;
        findings.push(
          driftFinding(model, FLOW_NOT_ALLOWED, key, {
            subject,
            because: `Observed ${service(conversation)} from ${where(conversation.srcIp, source)} to ${where(conversation.dstIp, destination)}, ${volume(conversation)}; ${reason}.`,
            evidence: refs(model, [
              source.asset?.id,
              from?.id,
              destination.asset?.id,
              to?.id,
              ...conduits.map((conduit) => conduit.id),
            ]),
            ...(conduits.length > 0 ? { severity: 'medium' as const } : {}),
          }),
        );
        continue;
      }
    }
    if (source.asset && destination.asset) {
      const sourceId = source.asset.id;
      const destinationId = destination.asset.id;
      const isDeclared = model.dataFlows.some(
        (flow) =>
          flow.from === sourceId &&
          flow.to === destinationId &&
          channelAdmitsFlow({ protocol: flow.protocol, port: flow.port, from: '', to: '' }, conversation),
      );
      if (!isDeclared) {
        findings.push(
          driftFinding(model, FLOW_NOT_MODELLED, key, {
            subject,
            because: `Observed ${service(conversation)} from asset ${sourceId} to asset ${destinationId}, ${volume(conversation)}; no data flow declares it.`,
            evidence: refs(model, [sourceId, destinationId]),
          }),
        );
      }
    }
  }

  let unknownHosts = 0;
  for (const host of observed.hosts) {
    if (isNonUnicast(host.ip, host) || isStationless(host.ip)) continue;
    const place = locate(host.ip);
    if (place.zone) seenZones.add(place.zone.id);
    if (place.asset) continue;
    unknownHosts += 1;
    const isSilent = host.packetsSent === 0;
    findings.push(
      driftFinding(model, UNKNOWN_HOST, host.ip, {
        subject: place.zone ? (model.refOf(place.zone.id) ?? systemRef(model)) : systemRef(model),
        because: `Host ${host.ip}${host.mac ? ` (MAC ${host.mac}${host.vendor ? `, ${host.vendor}` : ''})` : ''} ${
          place.zone ? `is in the network of zone ${place.zone.id}` : 'is outside every modelled zone'
        } but no asset interface names it${isSilent ? '; it only received traffic and never answered' : ''}.`,
        evidence: refs(model, [place.zone?.id]),
        ...(isSilent ? { severity: 'low' as const } : {}),
      }),
    );
  }

  let channels = 0;
  let channelsNotJudged = 0;
  for (const conduit of model.conduits) {
    conduit.channels.forEach((channel, index) => {
      channels += 1;
      if (observedChannels.has(channel)) return;
      if (!seenZones.has(channel.from) || !seenZones.has(channel.to)) {
        channelsNotJudged += 1;
        return;
      }
      findings.push(
        driftFinding(model, CHANNEL_NOT_OBSERVED, `${conduit.id}#${index}`, {
          subject: model.refOf(conduit.id) ?? { kind: 'conduit', id: conduit.id },
          because: `Channel ${index} of conduit ${conduit.id} (${channel.protocol}${
            channel.port === undefined
              ? ''
              : ` ${channel.transport ?? ''}${channel.transport ? '/' : 'port '}${channel.port}`
          } from zone ${channel.from} to zone ${channel.to}) was never used in the capture, although it saw hosts in both zones.`,
          evidence: refs(model, [conduit.id, channel.from, channel.to]),
        }),
      );
    });
  }

  return {
    findings: sortFindings(findings),
    summary: {
      flows: observed.flows.length,
      conversations: conversations.length,
      nonUnicast,
      outsideZones,
      crossingZones,
      hosts: observed.hosts.length,
      unknownHosts,
      channels,
      channelsObserved: observedChannels.size,
      channelsNotJudged,
    },
  };
};
