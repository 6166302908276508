import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseCapture, createCaptureAnalyser } from './capture-analyser';
import { formatCaptureTime } from './capture-analysis';
import {
  ascii,
  buildPcap,
  buildPcapngSection,
  concatBytes,
  ethernet,
  hex,
  ipv4,
  tcpFrame,
  TCP_FLAGS,
  udp,
  udpFrame,
  type PacketSpec,
} from './testing/capture-builder';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/captures/${name}`, import.meta.url)));

const { syn, ack, psh } = TCP_FLAGS;
const MODBUS_REQUEST = hex('00010000000601030000000a');
const MODBUS_RESPONSE = hex('000100000017010314000100020003000400050006000700080009000a');

/** Packets one second apart starting at a fixed time. */
const timed = (frames: readonly Uint8Array[], start = 1_700_000_000): PacketSpec[] =>
  frames.map((data, index) => ({ data, seconds: start + index, nanoseconds: 250_000_000 }));

describe('flows', () => {
  it('merges both directions into one flow and takes the SYN sender as client', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([
          tcpFrame('10.0.0.9', '10.0.0.5', 50_000, 502, syn),
          tcpFrame('10.0.0.5', '10.0.0.9', 502, 50_000, syn | ack),
          tcpFrame('10.0.0.9', '10.0.0.5', 50_000, 502, psh | ack, MODBUS_REQUEST),
          tcpFrame('10.0.0.5', '10.0.0.9', 502, 50_000, psh | ack, MODBUS_RESPONSE),
        ]),
      ),
    );
    expect(analysis.flows).toHaveLength(1);
    const [flow] = analysis.flows;
    expect(flow).toMatchObject({
      transport: 'tcp',
      ipProtocol: 6,
      client: '10.0.0.9',
      server: '10.0.0.5',
      clientPort: 50_000,
      serverPort: 502,
      protocol: 'modbus-tcp',
      protocolEvidence: 'payload',
      initiatorEvidence: 'syn',
      packets: 4,
      packetsToServer: 2,
      packetsToClient: 2,
      firstSeenUs: 1_700_000_000_250_000,
      lastSeenUs: 1_700_000_003_250_000,
    });
    expect(flow!.bytes).toBe(flow!.bytesToServer + flow!.bytesToClient);
    expect(formatCaptureTime(flow!.firstSeenUs)).toBe('2023-11-14T22:13:20.250000Z');
  });

  it('takes the receiver of a SYN-ACK as client when the capture starts mid-handshake', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([
          tcpFrame('10.0.0.5', '10.0.0.9', 20_000, 61_000, syn | ack),
          tcpFrame('10.0.0.9', '10.0.0.5', 61_000, 20_000, ack),
        ]),
      ),
    );
    expect(analysis.flows[0]).toMatchObject({
      client: '10.0.0.9',
      server: '10.0.0.5',
      initiatorEvidence: 'syn',
    });
  });

  it('puts the service port on the server side when no SYN was captured', () => {
    const analysis = analyseCapture(
      buildPcap(timed([tcpFrame('10.0.0.5', '10.0.0.9', 502, 50_000, psh | ack, MODBUS_RESPONSE)])),
    );
    expect(analysis.flows[0]).toMatchObject({
      client: '10.0.0.9',
      clientPort: 50_000,
      server: '10.0.0.5',
      serverPort: 502,
      initiatorEvidence: 'port',
    });
  });

  it('keeps the first sender as client when nothing says otherwise', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([
          udpFrame('10.0.0.9', '10.0.0.5', 40_001, 40_000, hex('00')),
          udpFrame('10.0.0.5', '10.0.0.9', 40_000, 40_001),
        ]),
      ),
    );
    expect(analysis.flows[0]).toMatchObject({
      client: '10.0.0.9',
      server: '10.0.0.5',
      initiatorEvidence: 'first-packet',
    });
    expect(analysis.flows[0]?.protocol).toBeUndefined();
  });

  it('names the protocol from the payload where the port lies', () => {
    const dnp3 = hex('056414c40a0001008fedc0c0013c02063c03063c04063c01068a51');
    const analysis = analyseCapture(
      buildPcap(timed([tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 502, psh | ack, dnp3)])),
    );
    expect(analysis.flows[0]).toMatchObject({ protocol: 'dnp3', protocolEvidence: 'payload' });
  });

  it('needs a second packet before a weak signature counts away from its port', () => {
    const once = buildPcap(
      timed([
        tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 15_000, syn),
        tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 15_000, psh | ack, MODBUS_REQUEST),
      ]),
    );
    expect(analyseCapture(once).flows[0]?.protocol).toBeUndefined();
    const twice = buildPcap(
      timed([
        tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 15_000, psh | ack, MODBUS_REQUEST),
        tcpFrame('10.0.0.2', '10.0.0.1', 15_000, 50_000, psh | ack, MODBUS_RESPONSE),
      ]),
    );
    expect(analyseCapture(twice).flows[0]).toMatchObject({
      protocol: 'modbus-tcp',
      protocolEvidence: 'payload',
    });
  });

  it('falls back to the registered port, and to the IP protocol for ICMP', () => {
    const icmp = ethernet({
      etherType: 0x0800,
      payload: ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 1,
        payload: hex('0800f7ff00000000'),
      }),
    });
    const analysis = analyseCapture(
      buildPcap(timed([tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 2404, syn), icmp])),
    );
    expect(analysis.flows.map((flow) => [flow.transport, flow.protocol, flow.protocolEvidence])).toEqual([
      ['icmp', 'icmp', 'ip-protocol'],
      ['tcp', 'iec-104', 'port'],
    ]);
  });

  it('keeps the TLS server name and calls TLS on 443 HTTPS', () => {
    const name = ascii('scada.example');
    const list = concatBytes(hex('00'), new Uint8Array([0, name.length]), name);
    const extension = concatBytes(hex('0000'), new Uint8Array([0, list.length + 2, 0, list.length]), list);
    const body = concatBytes(
      hex('0303'),
      new Uint8Array(32),
      hex('00 0002 1301 01 00'),
      new Uint8Array([0, extension.length]),
      extension,
    );
    const hello = concatBytes(
      hex('16 0301'),
      new Uint8Array([0, body.length + 4, 1, 0, 0, body.length]),
      body,
    );
    const analysis = analyseCapture(
      buildPcap(
        timed([
          tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 443, psh | ack, hello),
          tcpFrame('10.0.0.1', '10.0.0.3', 50_001, 8883, psh | ack, hello),
          tcpFrame('10.0.0.1', '10.0.0.4', 50_002, 9999, psh | ack, hello),
        ]),
      ),
    );
    expect(analysis.flows.map((flow) => [flow.protocol, flow.serverName])).toEqual([
      ['https', 'scada.example'],
      ['mqtt', 'scada.example'],
      ['tls', 'scada.example'],
    ]);
  });

  it('orders flows by client, server, transport and ports, IP before layer 2', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([
          ethernet({
            etherType: 0x88cc,
            source: '00:00:00:00:00:09',
            destination: '01:80:c2:00:00:0e',
            payload: hex('0207040000000000'),
          }),
          udpFrame('10.0.0.20', '10.0.0.1', 40_000, 161),
          tcpFrame('10.0.0.3', '10.0.0.1', 40_000, 502, syn),
          tcpFrame('10.0.0.3', '10.0.0.1', 40_000, 102, syn),
        ]),
      ),
    );
    expect(
      analysis.flows.map(
        (flow) => `${flow.transport} ${flow.client} ${flow.server}:${flow.serverPort ?? ''}`,
      ),
    ).toEqual([
      'tcp 10.0.0.3 10.0.0.1:102',
      'tcp 10.0.0.3 10.0.0.1:502',
      'udp 10.0.0.20 10.0.0.1:161',
      'ethernet 00:00:00:00:00:09 01:80:c2:00:00:0e:',
    ]);
    expect(analysis.flows[3]).toMatchObject({
      etherType: 0x88cc,
      protocol: 'lldp',
      protocolEvidence: 'ethertype',
    });
  });
});

describe('hosts', () => {
  it('lists IP hosts with their MACs, roles and traffic, and tells broadcast and multicast apart', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([
          ethernet({
            source: '00:1d:9c:00:00:01',
            destination: '00:1d:9c:00:00:02',
            etherType: 0x0800,
            payload: ipv4({
              source: '10.0.0.9',
              destination: '10.0.0.5',
              protocol: 17,
              payload: udp(40_000, 47_808, hex('810a000c0120ffff00ff1008')),
            }),
          }),
          ethernet({
            source: '00:1d:9c:00:00:01',
            destination: 'ff:ff:ff:ff:ff:ff',
            etherType: 0x0800,
            payload: ipv4({
              source: '10.0.0.9',
              destination: '10.0.0.255',
              protocol: 17,
              payload: udp(47_808, 47_808, hex('810b000c0120ffff00ff1008')),
            }),
          }),
          ethernet({
            source: '00:1d:9c:00:00:01',
            destination: '01:00:5e:00:00:01',
            etherType: 0x0800,
            payload: ipv4({
              source: '10.0.0.9',
              destination: '224.0.0.1',
              protocol: 2,
              payload: hex('1164ee9b00000000'),
            }),
          }),
        ]),
      ),
    );
    expect(analysis.hosts.map((host) => [host.ip, host.kind])).toEqual([
      ['10.0.0.5', 'unicast'],
      ['10.0.0.9', 'unicast'],
      ['10.0.0.255', 'broadcast'],
      ['224.0.0.1', 'multicast'],
    ]);
    expect(analysis.hosts[1]).toMatchObject({
      ip: '10.0.0.9',
      ipVersion: 4,
      macs: ['00:1d:9c:00:00:01'],
      packetsSent: 3,
      packetsReceived: 0,
      uses: ['bacnet', 'igmp'],
      serves: [],
      firstSeenUs: 1_700_000_000_250_000,
      lastSeenUs: 1_700_000_002_250_000,
    });
    expect(analysis.hosts[0]).toMatchObject({ serves: ['bacnet'], packetsReceived: 1, macs: [] });
    expect(
      analysis.protocols.map((protocol) => [
        protocol.id,
        protocol.category,
        protocol.flows,
        protocol.servers,
      ]),
    ).toEqual([
      ['bacnet', 'ot', 2, ['10.0.0.5', '10.0.0.255']],
      ['igmp', 'it', 1, ['224.0.0.1']],
    ]);
  });

  it('lists layer-2-only stations and their PROFINET DCP identity', () => {
    const identifyResponse = hex(
      'feff0501010000010000005e0205001c00000101010202010202020302040205033d0501050205030504ffff020100050000494e43000202000b0000583230382d424f524400020300060000002a0a0102040004000001000102000e0001c0a80006ffffff00c0a80001',
    );
    const analysis = analyseCapture(
      buildPcap(
        timed([
          ethernet({
            source: '00:0e:8c:00:00:10',
            destination: '01:0e:cf:00:00:00',
            etherType: 0x8892,
            payload: hex('fefe05000100000100010004ffff0000'),
          }),
          ethernet({
            source: '08:00:06:93:cf:32',
            destination: '00:0e:8c:00:00:10',
            etherType: 0x8892,
            payload: identifyResponse,
          }),
        ]),
      ),
    );
    expect(
      analysis.hosts.map((host) => [host.ip, host.macs, host.packetsSent, host.packetsReceived]),
    ).toEqual([
      [undefined, ['00:0e:8c:00:00:10'], 1, 1],
      [undefined, ['08:00:06:93:cf:32'], 1, 0],
    ]);
    expect(analysis.flows.map((flow) => [flow.transport, flow.client, flow.server, flow.protocol])).toEqual([
      ['ethernet', '00:0e:8c:00:00:10', '01:0e:cf:00:00:00', 'profinet'],
      ['ethernet', '08:00:06:93:cf:32', '00:0e:8c:00:00:10', 'profinet'],
    ]);
    expect(analysis.devices).toEqual([
      {
        protocol: 'profinet',
        mac: '08:00:06:93:cf:32',
        vendor: 'Siemens',
        vendorId: 0x2a,
        productName: 'INC',
        name: 'X208-BORD',
        deviceId: 0x0a01,
        announcedIp: '192.168.0.6',
        firstSeenUs: 1_700_000_001_250_000,
      },
    ]);
  });
});

describe('device identities', () => {
  it('identifies the Rockwell 1756-ENBT/A in the EtherNet/IP trace', () => {
    const { devices } = analyseCapture(fixture('enip_cip_example.pcap'));
    expect(devices).toContainEqual(
      expect.objectContaining({
        protocol: 'ethernet-ip',
        ip: '10.1.1.164',
        vendor: 'Rockwell Automation/Allen-Bradley',
        vendorId: 1,
        deviceType: 'Communications Adapter',
        productName: '1756-ENBT/A',
        productCode: 58,
        revision: '4.3',
        serialNumber: '0x00524d8e',
      }),
    );
  });

  it('merges the S7 module and component identification of one PLC', () => {
    const { devices } = analyseCapture(fixture('s7ident.pcap'));
    expect(devices).toEqual([
      expect.objectContaining({
        protocol: 's7comm',
        ip: '172.17.0.2',
        vendor: 'Siemens',
        orderNumber: '6ES7 315-2EH14-0AB0',
        firmware: 'V3.2.6',
        name: 'SNAP7-SERVER',
        moduleName: 'CPU 315-2 PN/DP',
        serialNumber: 'S C-C2UR28922012',
      }),
    ]);
  });
});

describe('analysis', () => {
  it('gives the same result however the input is split', () => {
    const bytes = fixture('enip_cip_example.pcap');
    const whole = analyseCapture(bytes);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, index) =>
      bytes.subarray(index * 997, (index + 1) * 997),
    );
    expect(analyseCapture(chunks)).toEqual(whole);
  });

  it('reads pcapng on a loopback link and keeps nanosecond-resolution times to the microsecond', () => {
    const analysis = analyseCapture(fixture('open62541_client-server-getEndpoints.pcap'));
    expect(analysis.stats).toMatchObject({ format: 'pcapng', linkTypes: [0], packets: 22, truncated: false });
    expect(analysis.protocols.map((protocol) => protocol.id)).toEqual(['opc-ua']);
    expect(analysis.hosts.map((host) => host.ip)).toEqual(['::1']);
    const ns = analyseCapture(
      buildPcapngSection({
        interfaces: [{ linkType: 1, tsresol: 9 }],
        blocks: [
          {
            kind: 'epb',
            interfaceId: 0,
            timestamp: 1_700_000_000_123_456_789n,
            data: udpFrame('10.0.0.1', '10.0.0.2', 1, 2),
          },
        ],
      }),
    );
    expect(ns.flows[0]?.firstSeenUs).toBe(1_700_000_000_123_456);
  });

  it('keeps what was read before a truncated record', () => {
    const bytes = buildPcap(
      timed([
        tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 502, syn),
        tcpFrame('10.0.0.2', '10.0.0.1', 502, 50_000, syn | ack),
      ]),
    );
    const analysis = analyseCapture(bytes.subarray(0, bytes.length - 1));
    expect(analysis.stats).toMatchObject({ packets: 1, truncated: true });
    expect(analysis.hosts).toHaveLength(2);
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.diagnostics.map((d) => [d.code, d.offset])).toEqual([
      ['capture-truncated', 24 + 16 + 54],
    ]);
  });

  it('counts packets of an unknown link type and warns once', () => {
    const analysis = analyseCapture(buildPcap(timed([hex('00'), hex('01')]), { linkType: 147 }));
    expect(analysis.stats).toMatchObject({ packets: 2, unsupportedLinkTypePackets: 2, linkTypes: [147] });
    expect(analysis.diagnostics.map((d) => [d.code, d.severity, d.offset])).toEqual([
      ['capture-unsupported-link-type', 'warning', 24],
    ]);
  });

  it('counts malformed packets and warns once at the first', () => {
    const analysis = analyseCapture(
      buildPcap(
        timed([hex('000000000002000000000001 0800 45'), udpFrame('10.0.0.1', '10.0.0.2', 1, 2), hex('0000')]),
      ),
    );
    expect(analysis.stats).toMatchObject({ packets: 3, malformedPackets: 2 });
    expect(analysis.diagnostics.map((d) => [d.code, d.offset])).toEqual([['capture-malformed-packets', 24]]);
  });

  it('bounds the tables and counts what did not fit', () => {
    const frames = timed([
      tcpFrame('10.0.0.1', '10.0.0.2', 50_000, 502, syn),
      tcpFrame('10.0.0.1', '10.0.0.3', 50_000, 502, syn),
      tcpFrame('10.0.0.1', '10.0.0.3', 50_000, 502, ack),
    ]);
    const analysis = analyseCapture(buildPcap(frames), { maxFlows: 1, maxHosts: 2 });
    expect(analysis.flows).toHaveLength(1);
    expect(analysis.hosts.filter((host) => host.ip !== undefined)).toHaveLength(2);
    expect(analysis.stats.untrackedPackets).toBe(2);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['capture-flow-limit', 'capture-host-limit']);
  });

  it('reports progress while streaming', () => {
    const bytes = fixture('s7ident.pcap');
    const analyser = createCaptureAnalyser();
    analyser.push(bytes.subarray(0, 1000));
    expect(analyser.bytesRead).toBe(1000);
    const partial = analyser.packetsRead;
    analyser.push(bytes.subarray(1000));
    expect(analyser.packetsRead).toBeGreaterThan(partial);
    expect(analyser.end().stats.packets).toBe(36);
  });

  it('returns an empty analysis with a diagnostic for an empty input', () => {
    const analysis = analyseCapture(new Uint8Array(0));
    expect(analysis).toMatchObject({ hosts: [], flows: [], protocols: [], devices: [] });
    expect(analysis.stats).toMatchObject({ packets: 0, truncated: true });
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['capture-empty']);
  });
});
