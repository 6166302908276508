import { describe, expect, it } from 'vitest';
import { IP_PROTOCOL_TCP, IP_PROTOCOL_UDP } from './decode-frame';
import { identifyPayload, readServerName } from './identify-payload';
import { CAPTURE_PROTOCOLS, protocolInfo } from './protocol-catalog';
import { ascii, concatBytes, hex } from './testing/capture-builder';

type Strength = 'strong' | 'weak' | 'none';

const identify = (
  payload: Uint8Array,
  transport: 'tcp' | 'udp',
  ports: [number, number] = [40_000, 40_001],
) => {
  const match = identifyPayload(
    payload,
    0,
    payload.length,
    transport === 'tcp' ? IP_PROTOCOL_TCP : IP_PROTOCOL_UDP,
    ports[0],
    ports[1],
  );
  const strength: Strength = match > 0 ? 'strong' : match < 0 ? 'weak' : 'none';
  return { protocol: protocolInfo(Math.abs(match))?.id, strength };
};

/** A minimal TLS 1.2 ClientHello carrying a server name extension. */
const clientHello = (name: string): Uint8Array => {
  const nameBytes = ascii(name);
  const serverNameList = concatBytes(hex('00'), new Uint8Array([0, nameBytes.length]), nameBytes);
  const extension = concatBytes(
    hex('0000'),
    new Uint8Array([0, serverNameList.length + 2, 0, serverNameList.length]),
    serverNameList,
  );
  const body = concatBytes(
    hex('0303'),
    new Uint8Array(32),
    hex('00'),
    hex('0002 1301'),
    hex('01 00'),
    new Uint8Array([0, extension.length]),
    extension,
  );
  const handshake = concatBytes(new Uint8Array([1, 0, body.length >> 8, body.length & 0xff]), body);
  return concatBytes(new Uint8Array([0x16, 3, 1, handshake.length >> 8, handshake.length & 0xff]), handshake);
};

const opcUaHello = (() => {
  const body = hex('00000000 00000100 00000100 00000000 00000000 ffffffff');
  const size = 8 + body.length;
  return concatBytes(ascii('HELF'), new Uint8Array([size, 0, 0, 0]), body);
})();

describe('identifyPayload', () => {
  it.each<[string, Uint8Array, 'tcp' | 'udp', string, Strength, [number, number]?]>([
    ['Modbus/TCP read holding registers', hex('00010000000601030000000a'), 'tcp', 'modbus-tcp', 'weak'],
    [
      'two Modbus/TCP frames in one segment',
      hex('000100000006010300000001 000200000006010300000001'),
      'tcp',
      'modbus-tcp',
      'weak',
    ],
    ['a Modbus/TCP exception', hex('000100000003018302'), 'tcp', 'modbus-tcp', 'weak'],
    ['Schneider UMAS over Modbus (function 90)', hex('000100000005005a000100'), 'tcp', 'modbus-tcp', 'weak'],
    ['S7comm job', hex('0300001902f080 32010000000000080000 f0000001000101e0'), 'tcp', 's7comm', 'strong'],
    ['S7comm-plus', hex('0300001902f080 7201000a31000004ca0000000100'), 'tcp', 's7comm-plus', 'strong'],
    [
      'ISO session data on port 102 (MMS)',
      hex('0300001a02f080 0100 0100 61 0f 300d 020103a0 08 a106 020101 0a01'),
      'tcp',
      'iec-61850-mms',
      'strong',
      [40_000, 102],
    ],
    [
      'an EtherNet/IP List Identity request',
      hex('6300 0000 00000000 00000000 0000000000000000 00000000'),
      'udp',
      'ethernet-ip',
      'strong',
    ],
    [
      'an EtherNet/IP Register Session',
      hex('6500 0400 00000000 00000000 0000000000000000 00000000 01000000'),
      'tcp',
      'ethernet-ip',
      'strong',
    ],
    [
      'CIP implicit I/O',
      hex('0200 0280 0800 00000000 01000000 b100 0600 0100 11223344'),
      'udp',
      'ethernet-ip',
      'strong',
    ],
    [
      'DNP3 with a valid header CRC',
      hex('056414c40a0001008fedc0c0013c02063c03063c04063c01068a51'),
      'tcp',
      'dnp3',
      'strong',
    ],
    ['IEC 104 STARTDT act', hex('680407000000'), 'tcp', 'iec-104', 'weak'],
    [
      'IEC 104 S-format then I-format',
      hex('680401000200 680e00000000 64010600010000000014'),
      'tcp',
      'iec-104',
      'weak',
    ],
    ['BACnet/IP Who-Is', hex('810b000c0120ffff00ff1008'), 'udp', 'bacnet', 'strong'],
    ['OPC UA Hello', opcUaHello, 'tcp', 'opc-ua', 'strong'],
    ['a TLS ClientHello', clientHello('plc.example.com'), 'tcp', 'tls', 'strong'],
    ['TLS application data', hex('1703030020'), 'tcp', 'none', 'none'],
    [
      'TLS application data with a body',
      concatBytes(hex('1703030020'), new Uint8Array(32)),
      'tcp',
      'tls',
      'weak',
    ],
    ['an SSH banner', ascii('SSH-2.0-OpenSSH_8.4\r\n'), 'tcp', 'ssh', 'strong'],
    ['an HTTP request', ascii('GET /index.html HTTP/1.1\r\n'), 'tcp', 'http', 'strong'],
    [
      'FINS/TCP',
      concatBytes(ascii('FINS'), hex('0000000c 00000000 00000000 00000000')),
      'tcp',
      'fins',
      'strong',
    ],
    ['FINS/UDP', hex('800002000100000a0000 0101 82000000000a'), 'udp', 'fins', 'weak'],
    ['Niagara Fox hello', ascii('fox a 0 -1 fox hello\n{\n'), 'tcp', 'niagara-fox', 'strong'],
    [
      'MELSEC MC 3E request',
      hex('5000 00 ff ff03 00 0c00 1000 0104 0000 640000a80100'),
      'tcp',
      'slmp',
      'strong',
    ],
    [
      'MELSEC MC 4E request over UDP',
      hex('5400 1234 0000 00 ff ff03 00 0c00 1000 0104 0000 640000a80100'),
      'udp',
      'slmp',
      'strong',
    ],
    ['IEEE C37.118 data frame', hex('aa01 0010 0001 5d8c7a20 00000000 abcd'), 'udp', 'c37-118', 'weak'],
    ['HART-IP session initiate', hex('01 00 00 00 0001 000d 01 0000ea60'), 'udp', 'hart-ip', 'weak'],
    ['ADS discovery', hex('03661471 00000000 01000000'), 'udp', 'ads', 'strong'],
    [
      'AMS/TCP',
      concatBytes(hex('0000 20000000'), new Uint8Array(16), hex('0200 0400 00000000 00000000 00000000')),
      'tcp',
      'ads',
      'weak',
    ],
    [
      'PROFINET IO connect over DCE/RPC',
      concatBytes(
        hex('04 00 2000 10000000'),
        new Uint8Array(16),
        hex('0100a0de976cd111827100a02442df7d'),
        new Uint8Array(40),
      ),
      'udp',
      'profinet',
      'strong',
    ],
  ])('recognises %s', (_, payload, transport, protocol, strength, ports) => {
    const result = identify(payload, transport, ports);
    expect(result.strength).toBe(strength);
    if (strength !== 'none') expect(result.protocol).toBe(protocol);
  });

  it.each<[string, Uint8Array, 'tcp' | 'udp', [number, number]?]>([
    ['zeros', new Uint8Array(64), 'tcp'],
    [
      'a COTP connection request (S7 or MMS cannot be told yet)',
      hex('0300001611e00000000100c0010ac1020100c2020102'),
      'tcp',
      [40_000, 102],
    ],
    [
      'ISO session data away from port 102',
      hex('0300001a02f080 0100 0100 61 0f 300d 020103a0 08 a106 020101 0a01'),
      'tcp',
    ],
    ['a DNP3 start with a wrong CRC', hex('056414c40a0001008fecc0c0013c02063c'), 'tcp'],
    ['a Modbus header whose length does not add up', hex('00010000000901030000000a'), 'tcp'],
    ['an MBAP frame with an unknown function code', hex('000100000006013f0000000a'), 'tcp'],
    ['an IEC 104 I-frame too short for an ASDU', hex('680600000000'), 'tcp'],
    [
      'an EtherNet/IP header with non-zero options',
      hex('6300 0000 00000000 00000000 0000000000000000 01000000'),
      'udp',
    ],
    ['a BACnet header with the wrong length', hex('810b00200120ffff00ff1008'), 'udp'],
    ['an HTTP-looking datagram (HTTP is only recognised on TCP)', ascii('GET / HTTP/1.1\r\n'), 'udp'],
    ['too few bytes', hex('0300'), 'tcp'],
  ])('recognises nothing in %s', (_, payload, transport, ports) => {
    expect(identify(payload, transport, ports).strength).toBe('none');
  });

  it('reads the server name of a ClientHello, and only host-name characters', () => {
    const hello = clientHello('Historian.Plant.Example');
    expect(readServerName(hello, 0, hello.length)).toBe('historian.plant.example');
    const hostile = clientHello('evil\u0007name');
    expect(readServerName(hostile, 0, hostile.length)).toBeUndefined();
    expect(readServerName(hello, 0, 50)).toBeUndefined();
  });

  it('names only protocols of the catalog, each id once', () => {
    const ids = CAPTURE_PROTOCOLS.map((protocol) => protocol.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
