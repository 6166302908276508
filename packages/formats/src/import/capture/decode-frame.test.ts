import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, formatMac } from './bytes';
import { DecodedFrame, decodeFrame } from './decode-frame';
import { concatBytes, ethernet, hex, ipv4, ipv6, tcp, TCP_FLAGS, udp } from './testing/capture-builder';

const decode = (bytes: Uint8Array, linkType: number) => {
  const frame = new DecodedFrame();
  const known = decodeFrame(frame, bytes, 0, bytes.length, linkType);
  const ip = (words: Uint32Array) =>
    words[0] === 0 && words[1] === 0 && words[2] === 0xffff
      ? formatIpv4(words[3]!)
      : formatIpv6(words[0]!, words[1]!, words[2]!, words[3]!);
  return {
    known,
    malformed: frame.malformed,
    sourceMac: frame.sourceMac < 0 ? undefined : formatMac(frame.sourceMac),
    destinationMac: frame.destinationMac < 0 ? undefined : formatMac(frame.destinationMac),
    etherType: frame.etherType,
    vlanId: frame.vlanId,
    ipVersion: frame.ipVersion,
    source: frame.ipVersion === 0 ? undefined : ip(frame.source),
    destination: frame.ipVersion === 0 ? undefined : ip(frame.destination),
    ipProtocol: frame.ipProtocol,
    fragment: frame.fragment,
    ports: frame.hasPorts ? [frame.sourcePort, frame.destinationPort] : undefined,
    tcpFlags: frame.tcpFlags,
    payload: [...bytes.subarray(frame.payloadOffset, frame.payloadOffset + frame.payloadLength)],
  };
};

const segment = tcp(50_000, 502, TCP_FLAGS.psh | TCP_FLAGS.ack, hex('00010000000601030000000a'));
const v4 = ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 6, payload: segment });

describe('decodeFrame', () => {
  it('reads Ethernet, IPv4 and TCP', () => {
    const result = decode(
      ethernet({
        source: '00:1d:9c:aa:bb:cc',
        destination: '00:0e:8c:01:02:03',
        etherType: 0x0800,
        payload: v4,
      }),
      1,
    );
    expect(result).toMatchObject({
      known: true,
      malformed: false,
      sourceMac: '00:1d:9c:aa:bb:cc',
      destinationMac: '00:0e:8c:01:02:03',
      etherType: 0x0800,
      vlanId: -1,
      ipVersion: 4,
      source: '10.0.0.1',
      destination: '10.0.0.2',
      ipProtocol: 6,
      ports: [50_000, 502],
      tcpFlags: 0x18,
      payload: [...hex('00010000000601030000000a')],
    });
  });

  it('strips 802.1Q and QinQ tags and keeps the outer VLAN id', () => {
    const tagged = ethernet({
      etherType: 0x0800,
      vlans: [
        [0x88a8, 100],
        [0x8100, 0x2000 | 7],
      ],
      payload: v4,
    });
    expect(decode(tagged, 1)).toMatchObject({ vlanId: 100, etherType: 0x0800, ports: [50_000, 502] });
  });

  it('reads 802.2 LLC/SNAP and plain LLC frames', () => {
    const snap = concatBytes(hex('01000ccccccc 000000000001 0010'), hex('aaaa03 00000c 2000'), hex('0102'));
    expect(decode(snap, 1)).toMatchObject({ etherType: 0x2000, payload: [1, 2] });
    const stp = concatBytes(hex('0180c2000000 000000000001 0026'), hex('424203 0000'));
    const frame = new DecodedFrame();
    decodeFrame(frame, stp, 0, stp.length, 1);
    expect([frame.etherType, frame.llcSap]).toEqual([0, 0x42]);
  });

  it('leaves non-IP payloads (PROFINET) after the ethertype', () => {
    expect(decode(ethernet({ etherType: 0x8892, payload: hex('fefe0500') }), 1)).toMatchObject({
      etherType: 0x8892,
      ipVersion: 0,
      payload: [0xfe, 0xfe, 5, 0],
    });
  });

  it('reads Linux cooked captures v1 and v2 with the sender address', () => {
    const sll = concatBytes(hex('0000 0001 0006 001b1b123456 0000 0800'), v4);
    expect(decode(sll, 113)).toMatchObject({
      sourceMac: '00:1b:1b:12:34:56',
      destinationMac: undefined,
      source: '10.0.0.1',
    });
    const sll2 = concatBytes(hex('0800 0000 00000002 0001 04 06 001b1b123456 0000'), v4);
    expect(decode(sll2, 276)).toMatchObject({ sourceMac: '00:1b:1b:12:34:56', ports: [50_000, 502] });
  });

  it('reads BSD loopback in either byte order and OpenBSD loop', () => {
    expect(decode(concatBytes(hex('02000000'), v4), 0)).toMatchObject({
      source: '10.0.0.1',
      ports: [50_000, 502],
    });
    expect(decode(concatBytes(hex('00000002'), v4), 0)).toMatchObject({ source: '10.0.0.1' });
    const six = ipv6({ source: '::1', destination: '::1', nextHeader: 6, payload: segment });
    expect(decode(concatBytes(hex('1e000000'), six), 0)).toMatchObject({ ipVersion: 6, source: '::1' });
    expect(decode(concatBytes(hex('00000018'), six), 108)).toMatchObject({ ipVersion: 6 });
  });

  it('reads raw IP link types', () => {
    const six = ipv6({
      source: '2001:db8::1',
      destination: 'fe80::2',
      nextHeader: 17,
      payload: udp(5353, 5353, hex('00')),
    });
    expect(decode(v4, 101)).toMatchObject({ ipVersion: 4, ports: [50_000, 502] });
    expect(decode(six, 101)).toMatchObject({
      ipVersion: 6,
      source: '2001:db8::1',
      destination: 'fe80::2',
      ports: [5353, 5353],
    });
    expect(decode(v4, 228)).toMatchObject({ ipVersion: 4 });
    expect(decode(six, 229)).toMatchObject({ ipVersion: 6 });
  });

  it('walks IPv6 extension headers and stops at later fragments', () => {
    const hopByHop = hex('2c00 0000 00000000');
    const firstFragment = hex('06 00 0001 00000001');
    const first = ipv6({
      source: '2001:db8::1',
      destination: '2001:db8::2',
      nextHeader: 0,
      payload: concatBytes(hopByHop, firstFragment, segment),
    });
    expect(decode(first, 101)).toMatchObject({ ipProtocol: 6, fragment: false, ports: [50_000, 502] });
    const later = ipv6({
      source: '2001:db8::1',
      destination: '2001:db8::2',
      nextHeader: 44,
      payload: concatBytes(hex('06 00 0100 00000001'), hex('0000')),
    });
    expect(decode(later, 101)).toMatchObject({ ipProtocol: 6, fragment: true, ports: undefined });
  });

  it('marks later IPv4 fragments, which carry no ports', () => {
    const fragment = ipv4({
      source: '10.0.0.1',
      destination: '10.0.0.2',
      protocol: 17,
      payload: hex('0102030405060708'),
      fragmentOffset: 185,
    });
    expect(decode(fragment, 101)).toMatchObject({ fragment: true, ports: undefined, source: '10.0.0.1' });
  });

  it('ignores Ethernet padding beyond the IP total length', () => {
    const padded = concatBytes(
      ethernet({
        etherType: 0x0800,
        payload: ipv4({
          source: '10.0.0.1',
          destination: '10.0.0.2',
          protocol: 6,
          payload: tcp(1, 2, TCP_FLAGS.ack),
        }),
      }),
      new Uint8Array(6),
    );
    expect(decode(padded, 1).payload).toEqual([]);
  });

  it('reports ICMP and other IP protocols without ports', () => {
    const icmp = ipv4({
      source: '10.0.0.1',
      destination: '10.0.0.2',
      protocol: 1,
      payload: hex('0800f7ff00000000'),
    });
    expect(decode(icmp, 101)).toMatchObject({
      ipProtocol: 1,
      ports: undefined,
      payload: [...hex('0800f7ff00000000')],
    });
  });

  it.each([
    ['a runt Ethernet frame', hex('0000000000020000'), 1],
    ['an IPv4 header cut short', concatBytes(hex('000000000002 000000000001 0800'), v4.subarray(0, 12)), 1],
    [
      'an IPv4 header length below 20',
      concatBytes(hex('000000000002 000000000001 0800 4400'), v4.subarray(2)),
      1,
    ],
    ['a TCP header cut short', v4.subarray(0, 30), 101],
    ['a raw packet of an unknown IP version', hex('7000'), 101],
    ['an incomplete VLAN tag', hex('000000000002 000000000001 8100 00'), 1],
  ])('marks %s as malformed without throwing', (_, bytes, linkType) => {
    expect(decode(bytes, linkType).malformed).toBe(true);
  });

  it('keeps the addresses of a packet whose transport header is cut short', () => {
    expect(decode(v4.subarray(0, 30), 101)).toMatchObject({
      malformed: true,
      source: '10.0.0.1',
      destination: '10.0.0.2',
    });
  });

  it('returns false for a link type it does not know', () => {
    expect(decode(v4, 127).known).toBe(false);
  });
});
