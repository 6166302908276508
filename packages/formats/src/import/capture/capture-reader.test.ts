import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createCaptureReader, readCapturePackets, type CapturePacket } from './capture-reader';
import { buildPcap, buildPcapngSection, concatBytes, hex, type PacketSpec } from './testing/capture-builder';

const frames: PacketSpec[] = [
  { data: hex('ffffffffffff 000000000001 0806 0001'), seconds: 1_700_000_000, nanoseconds: 123_456_789 },
  { data: hex('000000000002 000000000001 88b8 00010203'), seconds: 1_700_000_001, nanoseconds: 999_999_999 },
  {
    data: hex('000000000001 000000000002 0800 45'),
    seconds: 1_700_000_002,
    nanoseconds: 0,
    originalLength: 1514,
  },
];

const summary = (packets: readonly CapturePacket[]) =>
  packets.map((packet) => ({
    seconds: packet.timestampSeconds,
    nanoseconds: packet.timestampNanoseconds,
    data: [...packet.data],
    originalLength: packet.originalLength,
    linkType: packet.linkType,
    interfaceId: packet.interfaceId,
  }));

/** Splits bytes into chunks at the given cut points. */
const split = (bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
};

describe('pcap', () => {
  it.each([
    { littleEndian: true, nanosecond: false },
    { littleEndian: false, nanosecond: false },
    { littleEndian: true, nanosecond: true },
    { littleEndian: false, nanosecond: true },
  ])('reads little-endian $littleEndian, nanosecond $nanosecond', ({ littleEndian, nanosecond }) => {
    const result = readCapturePackets(buildPcap(frames, { littleEndian, nanosecond, linkType: 1 }));
    expect(result.format).toBe('pcap');
    expect(result.truncated).toBe(false);
    expect(result.diagnostics).toEqual([]);
    expect(summary(result.packetList)).toEqual(
      frames.map((frame) => ({
        seconds: frame.seconds,
        nanoseconds: nanosecond ? frame.nanoseconds : Math.floor((frame.nanoseconds ?? 0) / 1000) * 1000,
        data: [...frame.data],
        originalLength: frame.originalLength ?? frame.data.length,
        linkType: 1,
        interfaceId: 0,
      })),
    );
  });

  it('reads the 24-byte-record variant', () => {
    const result = readCapturePackets(buildPcap(frames, { modified: true }));
    expect(result.packetList.map((packet) => [...packet.data])).toEqual(
      frames.map((frame) => [...frame.data]),
    );
  });

  it('numbers packets and gives each record offset', () => {
    const result = readCapturePackets(buildPcap(frames));
    expect(result.packetList.map((packet) => [packet.index, packet.fileOffset])).toEqual([
      [0, 24],
      [1, 24 + 16 + frames[0]!.data.length],
      [2, 24 + 32 + frames[0]!.data.length + frames[1]!.data.length],
    ]);
  });

  it('keeps the packets before a truncated record and reports its offset', () => {
    const bytes = buildPcap(frames);
    const lastRecord = bytes.length - 16 - frames[2]!.data.length;
    const result = readCapturePackets(bytes.subarray(0, bytes.length - 3));
    expect(result.packetList).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.offset])).toEqual([
      ['capture-truncated', 'error', lastRecord],
    ]);
  });

  it('reports a file cut inside the file header at offset 0', () => {
    const result = readCapturePackets(buildPcap(frames).subarray(0, 10));
    expect(result.diagnostics.map((d) => [d.code, d.offset])).toEqual([['capture-truncated', 0]]);
  });

  it('rejects an impossible captured length with capture-bad-record at the record', () => {
    const bytes = buildPcap(frames);
    const second = 24 + 16 + frames[0]!.data.length;
    new DataView(bytes.buffer).setUint32(second + 8, 0x7fffffff, true);
    const result = readCapturePackets(bytes);
    expect(result.packetList).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.offset])).toEqual([['capture-bad-record', second]]);
  });

  it('reports an empty file and unknown magic bytes', () => {
    expect(readCapturePackets(new Uint8Array(0)).diagnostics.map((d) => d.code)).toEqual(['capture-empty']);
    const bad = readCapturePackets(new TextEncoder().encode('name,ip\nplc1,10.0.0.1\n'));
    expect(bad.diagnostics.map((d) => [d.code, d.offset])).toEqual([['capture-bad-magic', 0]]);
    expect(bad.format).toBeUndefined();
  });

  test.prop([fc.array(fc.nat(), { maxLength: 12 })], { seed: 7, numRuns: 200 })(
    'gives the same packets however the input is split',
    (cuts) => {
      const bytes = buildPcap(frames, { littleEndian: false, nanosecond: true });
      const whole = summary(readCapturePackets(bytes).packetList);
      expect(summary(readCapturePackets(split(bytes, cuts)).packetList)).toEqual(whole);
    },
  );

  it('streams byte by byte, delivering each packet as soon as it is complete', () => {
    const bytes = buildPcap(frames);
    const reader = createCaptureReader();
    const completedAt: number[] = [];
    for (let i = 0; i < bytes.length; i += 1) {
      if (reader.push(bytes.subarray(i, i + 1)).length > 0) completedAt.push(i + 1);
    }
    expect(reader.end().packets).toBe(3);
    expect(completedAt.at(-1)).toBe(bytes.length);
    expect(reader.bytesRead).toBe(bytes.length);
  });
});

describe('pcapng', () => {
  const ethernetFrame = frames[0]!.data;
  const rawIp = hex('450000140001000040060000 0a000001 0a000002');

  it.each([true, false])('reads a section in either byte order (little-endian %s)', (littleEndian) => {
    const bytes = buildPcapngSection({
      littleEndian,
      interfaces: [{ linkType: 1 }, { linkType: 101, tsresol: 9 }],
      blocks: [
        { kind: 'epb', interfaceId: 0, timestamp: 1_700_000_000_123_456n, data: ethernetFrame },
        { kind: 'raw', type: 4, body: hex('00010008c0a80001') },
        {
          kind: 'epb',
          interfaceId: 1,
          timestamp: 1_700_000_000_987_654_321n,
          data: rawIp,
          originalLength: 60,
        },
        { kind: 'opb', interfaceId: 0, timestamp: 1_700_000_001_000_001n, data: ethernetFrame },
      ],
    });
    const result = readCapturePackets(bytes);
    expect(result.format).toBe('pcapng');
    expect(result.diagnostics).toEqual([]);
    expect(summary(result.packetList)).toEqual([
      {
        seconds: 1_700_000_000,
        nanoseconds: 123_456_000,
        data: [...ethernetFrame],
        originalLength: ethernetFrame.length,
        linkType: 1,
        interfaceId: 0,
      },
      {
        seconds: 1_700_000_000,
        nanoseconds: 987_654_321,
        data: [...rawIp],
        originalLength: 60,
        linkType: 101,
        interfaceId: 1,
      },
      {
        seconds: 1_700_000_001,
        nanoseconds: 1000,
        data: [...ethernetFrame],
        originalLength: ethernetFrame.length,
        linkType: 1,
        interfaceId: 0,
      },
    ]);
  });

  it('applies base-2 resolutions and if_tsoffset', () => {
    const bytes = buildPcapngSection({
      interfaces: [
        { linkType: 1, tsresol: 0x80 | 10, tsoffset: 1_000 },
        { linkType: 1, tsresol: 12 },
      ],
      blocks: [
        { kind: 'epb', interfaceId: 0, timestamp: 5n * 1024n + 512n, data: ethernetFrame },
        { kind: 'epb', interfaceId: 1, timestamp: 12_345_678_901_234_567n, data: ethernetFrame },
      ],
    });
    const packets = readCapturePackets(bytes).packetList;
    expect(packets.map((packet) => [packet.timestampSeconds, packet.timestampNanoseconds])).toEqual([
      [1_005, 500_000_000],
      [12_345, 678_901_234],
    ]);
  });

  it('reads simple packet blocks with the first interface, truncated to its snap length', () => {
    const bytes = buildPcapngSection({
      interfaces: [{ linkType: 1, snapLength: 8 }],
      blocks: [{ kind: 'spb', data: ethernetFrame.subarray(0, 8), originalLength: 64 }],
    });
    const [packet] = readCapturePackets(bytes).packetList;
    expect(packet?.data).toEqual(ethernetFrame.subarray(0, 8));
    expect(packet?.originalLength).toBe(64);
  });

  it('reads several sections with different byte orders and resets interfaces per section', () => {
    const first = buildPcapngSection({
      littleEndian: true,
      interfaces: [{ linkType: 1 }],
      blocks: [{ kind: 'epb', interfaceId: 0, timestamp: 1_000_000n, data: ethernetFrame }],
    });
    const second = buildPcapngSection({
      littleEndian: false,
      interfaces: [{ linkType: 101, tsresol: 9 }],
      blocks: [{ kind: 'epb', interfaceId: 0, timestamp: 2_000_000_000n, data: rawIp }],
    });
    const packets = readCapturePackets(concatBytes(first, second)).packetList;
    expect(packets.map((packet) => [packet.linkType, packet.timestampSeconds])).toEqual([
      [1, 1],
      [101, 2],
    ]);
  });

  it('skips packets of an undeclared interface with one warning', () => {
    const bytes = buildPcapngSection({
      interfaces: [{ linkType: 1 }],
      blocks: [
        { kind: 'epb', interfaceId: 3, timestamp: 0n, data: ethernetFrame },
        { kind: 'epb', interfaceId: 3, timestamp: 0n, data: ethernetFrame },
        { kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame },
      ],
    });
    const result = readCapturePackets(bytes);
    expect(result.packetList).toHaveLength(1);
    expect(result.truncated).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['capture-unknown-interface', 'warning'],
    ]);
  });

  it('stops at a block whose trailing length disagrees, keeping earlier packets', () => {
    const bytes = buildPcapngSection({
      interfaces: [{ linkType: 1 }],
      blocks: [
        { kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame },
        { kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame },
      ],
    });
    const blockLength = 32 + Math.ceil(ethernetFrame.length / 4) * 4;
    const secondBlock = bytes.length - blockLength;
    new DataView(bytes.buffer).setUint32(bytes.length - 4, 12, true);
    const result = readCapturePackets(bytes);
    expect(result.packetList).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.offset])).toEqual([['capture-bad-block', secondBlock]]);
  });

  it('rejects a block length that is not a multiple of 4', () => {
    const bytes = buildPcapngSection({
      interfaces: [{ linkType: 1 }],
      blocks: [{ kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame }],
    });
    const idbOffset = 28;
    new DataView(bytes.buffer).setUint32(idbOffset + 4, 21, true);
    expect(readCapturePackets(bytes).diagnostics.map((d) => [d.code, d.offset])).toEqual([
      ['capture-bad-block', idbOffset],
    ]);
  });

  it('reports truncation inside a block at the block offset', () => {
    const bytes = buildPcapngSection({
      interfaces: [{ linkType: 1 }],
      blocks: [
        { kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame },
        { kind: 'epb', interfaceId: 0, timestamp: 0n, data: ethernetFrame },
      ],
    });
    const blockLength = 32 + Math.ceil(ethernetFrame.length / 4) * 4;
    const result = readCapturePackets(bytes.subarray(0, bytes.length - 5));
    expect(result.packetList).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.offset])).toEqual([
      ['capture-truncated', bytes.length - blockLength],
    ]);
  });

  it('rejects an unknown major version and a bad byte-order magic', () => {
    const wrongVersion = buildPcapngSection({ major: 2, interfaces: [], blocks: [] });
    expect(readCapturePackets(wrongVersion).diagnostics.map((d) => d.code)).toEqual([
      'capture-unsupported-version',
    ]);
    const badOrder = buildPcapngSection({ interfaces: [], blocks: [] });
    badOrder[8] = 0;
    expect(readCapturePackets(badOrder).diagnostics.map((d) => [d.code, d.offset])).toEqual([
      ['capture-bad-magic', 8],
    ]);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 12 })], { seed: 11, numRuns: 200 })(
    'gives the same packets however the input is split',
    (cuts) => {
      const bytes = buildPcapngSection({
        littleEndian: false,
        interfaces: [{ linkType: 1 }, { linkType: 101, tsresol: 9 }],
        blocks: [
          { kind: 'epb', interfaceId: 1, timestamp: 5n, data: rawIp },
          { kind: 'raw', type: 0x40000bad, body: new Uint8Array(10) },
          { kind: 'epb', interfaceId: 0, timestamp: 7n, data: ethernetFrame },
        ],
      });
      const whole = summary(readCapturePackets(bytes).packetList);
      expect(whole).toHaveLength(2);
      expect(summary(readCapturePackets(split(bytes, cuts)).packetList)).toEqual(whole);
    },
  );
});
