import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from './capture-analyser';
import type { CaptureAnalysis } from './capture-analysis';
import { CAPTURE_DIAGNOSTIC_CODES } from './capture-diagnostic';
import {
  buildPcap,
  buildPcapngSection,
  concatBytes,
  ethernet,
  hex,
  ipv4,
  tcp,
  udp,
} from './testing/capture-builder';

/**
 * Random and mutated inputs, thousands of cases with fixed seeds: the analyser must always return (never throw,
 * never loop), with known diagnostic codes at offsets inside the input, and the same result however the input is
 * split into chunks.
 */

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/captures/${name}`, import.meta.url)));

const SEEDS = {
  pcap: fixture('s7ident.pcap'),
  enip: fixture('enip_cip_example.pcap'),
  pcapng: fixture('open62541_client-server-getEndpoints.pcap'),
};

const codes = new Set<string>(CAPTURE_DIAGNOSTIC_CODES);

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

const checkWellFormed = (analysis: CaptureAnalysis, input: Uint8Array): void => {
  for (const diagnostic of analysis.diagnostics) {
    expect(codes.has(diagnostic.code), diagnostic.code).toBe(true);
    expect(diagnostic.offset).toBeGreaterThanOrEqual(0);
    expect(diagnostic.offset).toBeLessThanOrEqual(input.length);
  }
  expect(analysis.stats.fileBytes).toBe(input.length);
  expect(analysis.stats.packets).toBeLessThanOrEqual(Math.floor(input.length / 12));
  for (const flow of analysis.flows) {
    expect(flow.packets).toBe(flow.packetsToServer + flow.packetsToClient);
    expect(flow.firstSeenUs).toBeLessThanOrEqual(flow.lastSeenUs);
  }
  expect(() => JSON.stringify(analysis)).not.toThrow();
};

/** Analyses whole and in chunks; both must agree. */
const analyseBothWays = (input: Uint8Array, cuts: readonly number[]): void => {
  const whole = analyseCapture(input);
  checkWellFormed(whole, input);
  expect(analyseCapture(split(input, cuts))).toEqual(whole);
};

type Mutation =
  | { readonly kind: 'byte'; readonly at: number; readonly value: number }
  | { readonly kind: 'word'; readonly at: number; readonly value: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('word' as const),
    at: fc.nat(),
    value: fc.oneof(fc.nat(), fc.constantFrom(0, 1, 11, 12, 0xffff, 0x7fffffff, 0xffffffff)),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 48 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 48 }) }),
);

const mutate = (seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array => {
  let bytes: Uint8Array = seed.slice();
  for (const mutation of mutations) {
    const at = bytes.length === 0 ? 0 : mutation.at % bytes.length;
    switch (mutation.kind) {
      case 'byte':
        if (bytes.length > 0) bytes[at] = mutation.value;
        break;
      case 'word':
        for (let i = 0; i < 4 && at + i < bytes.length; i += 1)
          bytes[at + i] = (mutation.value >>> (8 * i)) & 0xff;
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'insert':
        bytes = concatBytes(bytes.subarray(0, at), mutation.bytes, bytes.subarray(at));
        break;
      case 'delete':
        bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(at + mutation.count));
        break;
    }
  }
  return bytes;
};

const cutsArbitrary = fc.array(fc.nat(), { maxLength: 6 });

/** Payloads that start like the protocols the analyser parses deeply, followed by random bytes. */
const payloadArbitrary = fc
  .tuple(
    fc.constantFrom(
      hex(''),
      hex('6300'),
      hex('0300'),
      hex('030000'),
      hex('0300001902f08032'),
      hex('0300001902f0803207'),
      hex('810b'),
      hex('810a0019 0120ffff00ff 1000 c4'),
      hex('0564'),
      hex('6804'),
      hex('16030100'),
      hex('160301 0040 01'),
      hex('48454c46'),
      hex('04002000'),
      hex('0200 0280 0800'),
    ),
    fc.uint8Array({ maxLength: 160 }),
  )
  .map(([prefix, rest]) => concatBytes(prefix, rest));

const portArbitrary = fc.constantFrom(
  102,
  502,
  443,
  2222,
  2404,
  4840,
  20000,
  34964,
  44818,
  47808,
  50000,
  48898,
);

const frameArbitrary = fc
  .oneof(
    fc.record({
      tcp: fc.constant(true),
      source: portArbitrary,
      destination: portArbitrary,
      flags: fc.integer({ min: 0, max: 63 }),
      payload: payloadArbitrary,
    }),
    fc.record({
      tcp: fc.constant(false),
      source: portArbitrary,
      destination: portArbitrary,
      flags: fc.constant(0),
      payload: payloadArbitrary,
    }),
  )
  .map((spec) =>
    ethernet({
      etherType: 0x0800,
      payload: ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: spec.tcp ? 6 : 17,
        payload: spec.tcp
          ? tcp(spec.source, spec.destination, spec.flags, spec.payload)
          : udp(spec.source, spec.destination, spec.payload),
      }),
    }),
  );

const profinetArbitrary = fc
  .tuple(
    fc.constantFrom(hex('feff0501'), hex('fefd0301'), hex('fefe0500')),
    fc.uint8Array({ maxLength: 120 }),
  )
  .map(([prefix, rest]) => ethernet({ etherType: 0x8892, payload: concatBytes(prefix, rest) }));

describe('capture fuzzing', () => {
  it('survives random bytes, bare and behind every magic number', () => {
    const magic = fc.constantFrom(
      hex(''),
      hex('d4c3b2a1'),
      hex('a1b2c3d4'),
      hex('4d3cb2a1'),
      hex('a1b23c4d'),
      hex('34cdb2a1'),
      hex('0a0d0d0a'),
      hex('0a0d0d0a 1c000000 4d3c2b1a 0100 0000'),
    );
    fc.assert(
      fc.property(magic, fc.uint8Array({ maxLength: 2048 }), cutsArbitrary, (prefix, rest, cuts) => {
        analyseBothWays(concatBytes(prefix, rest), cuts);
      }),
      { seed: 20240501, numRuns: 1500 },
    );
  });

  it('survives random frames on every supported link type', () => {
    const linkType = fc.constantFrom(0, 1, 12, 101, 108, 113, 228, 229, 276, 147);
    fc.assert(
      fc.property(
        linkType,
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }),
        fc.boolean(),
        (type, frames, pcapng) => {
          const input = pcapng
            ? buildPcapngSection({
                littleEndian: frames.length % 2 === 0,
                interfaces: [{ linkType: type, tsresol: 9 }],
                blocks: frames.map((data, index) => ({
                  kind: 'epb' as const,
                  interfaceId: 0,
                  timestamp: BigInt(index) * 1_000_000_007n,
                  data,
                })),
              })
            : buildPcap(
                frames.map((data, index) => ({ data, seconds: index })),
                { linkType: type },
              );
          checkWellFormed(analyseCapture(input), input);
        },
      ),
      { seed: 4242, numRuns: 1000 },
    );
  });

  it('survives protocol-shaped payloads on ICS ports and PROFINET frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(frameArbitrary, profinetArbitrary), { minLength: 1, maxLength: 12 }),
        (frames) => {
          const input = buildPcap(frames.map((data, index) => ({ data, seconds: index })));
          const analysis = analyseCapture(input);
          checkWellFormed(analysis, input);
          expect(analysis.stats.packets).toBe(frames.length);
        },
      ),
      { seed: 777, numRuns: 1500 },
    );
  });

  it.each([
    ['a classic pcap (S7 identification)', 'pcap', 1500],
    ['a pcapng on a loopback link (OPC UA)', 'pcapng', 1500],
    ['a larger pcap (EtherNet/IP)', 'enip', 300],
  ] as const)('survives mutations of %s', (_, seed, numRuns) => {
    fc.assert(
      fc.property(
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 8 }),
        cutsArbitrary,
        (mutations, cuts) => {
          analyseBothWays(mutate(SEEDS[seed], mutations), cuts);
        },
      ),
      { seed: 1337, numRuns },
    );
  });
});
