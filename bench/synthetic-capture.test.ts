import { analyseCapture } from '@zonewise/formats';
import { describe, expect, it } from 'vitest';
import { generateSyntheticCapture } from './synthetic-capture';

const generate = (bytes: number, seed = 'test') => {
  const parts: Uint8Array[] = [];
  const stats = generateSyntheticCapture(
    { bytes, seed, hosts: 1200, flows: 3000, chunkBytes: 1 << 20 },
    (chunk) => parts.push(chunk.slice()),
  );
  const file = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    file.set(part, offset);
    offset += part.length;
  }
  return { stats, file };
};

describe('generateSyntheticCapture', () => {
  it('writes a capture whose packets, conversations and protocols the analyser finds', () => {
    const { stats, file } = generate(2_000_000);
    expect(file.length).toBe(stats.bytes);
    expect(stats.bytes).toBeGreaterThanOrEqual(2_000_000);
    const analysis = analyseCapture(file);
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.stats.packets).toBe(stats.packets);
    expect(analysis.stats.malformedPackets).toBe(0);
    const byProtocol = Object.fromEntries(
      analysis.protocols.map((protocol) => [protocol.id, protocol.flows]),
    );
    for (const [id, flows] of Object.entries(stats.flowsByProtocol)) expect(byProtocol[id]).toBe(flows);
    expect(Object.keys(stats.flowsByProtocol).sort()).toEqual(
      ['dnp3', 'dns', 'ethernet-ip', 'http', 'https', 'iec-104', 'modbus-tcp', 'opc-ua', 's7comm'].sort(),
    );
    expect(analysis.hosts.length).toBeGreaterThan(800);
  });

  it('repeats the same bytes for a seed and differs between seeds', () => {
    expect(generate(300_000, 'a').file).toEqual(generate(300_000, 'a').file);
    expect(generate(300_000, 'a').file).not.toEqual(generate(300_000, 'b').file);
  });
});
