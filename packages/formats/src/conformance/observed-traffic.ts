import type { CaptureAnalysis } from '../import/capture/capture-analysis';

/** One observed conversation: the initiator, the responder, the service port and how much went over it. */
export interface ObservedFlow {
  readonly srcIp: string;
  readonly dstIp: string;
  /** `tcp`, `udp`, or another IP protocol name (`icmp`, `sctp`, …). */
  readonly transport: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** Protocol name when recognised (payload or registered port), e.g. `modbus-tcp`. */
  readonly protocol?: string;
  readonly packets: number;
  readonly bytes: number;
}

/** One observed station. */
export interface ObservedHost {
  readonly ip: string;
  readonly mac?: string;
  /** Multicast and broadcast addresses are destinations, not stations; unicast when absent. */
  readonly kind?: 'unicast' | 'multicast' | 'broadcast';
  /** Packets the host sent; 0 means it only ever received (a scan target that may not exist). */
  readonly packetsSent?: number;
  /** The maker, from a device identity or the MAC prefix: helps find the device an unknown host is. */
  readonly vendor?: string;
}

/** What the network was seen doing: the input of the conformance check, from a capture or any flow export. */
export interface ObservedTraffic {
  readonly flows: readonly ObservedFlow[];
  readonly hosts: readonly ObservedHost[];
}

/**
 * The IP conversations and hosts of a capture analysis as observed traffic: client → server with the server port,
 * layer-2-only conversations and stations left out (they carry no address a zone boundary could name).
 */
export const observedFromCapture = (analysis: CaptureAnalysis): ObservedTraffic => ({
  flows: analysis.flows.flatMap((flow) => {
    if (flow.transport === 'ethernet') return [];
    return [
      {
        srcIp: flow.client,
        dstIp: flow.server,
        transport: flow.transport,
        ...(flow.clientPort === undefined ? {} : { srcPort: flow.clientPort }),
        ...(flow.serverPort === undefined ? {} : { dstPort: flow.serverPort }),
        ...(flow.protocol === undefined ? {} : { protocol: flow.protocol }),
        packets: flow.packets,
        bytes: flow.bytes,
      },
    ];
  }),
  hosts: analysis.hosts.flatMap((host) =>
    host.ip === undefined
      ? []
      : [
          {
            ip: host.ip,
            ...(host.macs[0] === undefined ? {} : { mac: host.macs[0] }),
            kind: host.kind,
            packetsSent: host.packetsSent,
            ...(host.vendor === undefined ? {} : { vendor: host.vendor }),
          },
        ],
  ),
});
