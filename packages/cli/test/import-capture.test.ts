import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const ENIP = readFileSync(
  join(import.meta.dirname, '..', '..', 'formats', 'test', 'fixtures', 'captures', 'enip_cip_example.pcap'),
);
const PLANT = `formatVersion: 1
system:
  name: Capture test plant # kept comment
zones:
  - id: control
    name: Control
assets:
  - id: hmi
    name: Line HMI
    kind: hmi
    zone: control
    interfaces: [{ ip: 10.1.1.167 }]
`;

const run = async (argv: string[], files: Record<string, string | Uint8Array>) => {
  const { io, output, files: store } = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, ...output, files: store };
};

describe('zonewise import capture', () => {
  it('prints hosts, protocols and the EtherNet/IP device identity', async () => {
    const result = await run(['import', 'capture', 'plant.pcap', '--format', 'json'], { 'plant.pcap': ENIP });
    expect(result.code).toBe(0);
    const analysis = JSON.parse(result.stdout) as {
      devices: { productName?: string; ip?: string }[];
      protocols: { id: string }[];
    };
    expect(analysis.devices).toContainEqual(
      expect.objectContaining({ productName: '1756-ENBT/A', ip: '10.1.1.164' }),
    );
    expect(analysis.protocols.map((protocol) => protocol.id)).toContain('ethernet-ip');
  });

  it('merges discovered hosts and flows into an assessment, keeping comments and existing assets', async () => {
    const result = await run(['import', 'capture', 'plant.pcap', '--into', 'plant.yaml'], {
      'plant.pcap': ENIP,
      'plant.yaml': PLANT,
    });
    expect(result.code).toBe(0);
    const text = String(result.files.get('plant.yaml'));
    expect(text).toContain('# kept comment');
    const file = parse(text) as {
      assets: {
        id: string;
        kind: string;
        product?: string;
        version?: string;
        interfaces?: { ip?: string }[];
      }[];
      dataFlows: { from: string; to: string; protocol: string; port?: number }[];
    };
    const enbt = file.assets.find((asset) => asset.interfaces?.[0]?.ip === '10.1.1.164');
    expect(enbt).toMatchObject({ kind: 'io-module', product: '1756-ENBT/A', version: '4.3' });
    expect(file.assets.filter((asset) => asset.id === 'hmi')).toHaveLength(1);
    expect(file.dataFlows).toContainEqual(
      expect.objectContaining({ from: 'hmi', to: enbt?.id, protocol: 'ethernet-ip', port: 44818 }),
    );
    const again = await run(['import', 'capture', 'plant.pcap', '--into', 'plant.yaml'], {
      'plant.pcap': ENIP,
      'plant.yaml': text,
    });
    expect(again.stdout).toContain('0 assets added');
  });

  it('names host vendors from device identities and MAC prefixes, and from a full table with --oui', async () => {
    type Host = { ip?: string; vendor?: string; vendorSource?: string };
    const vendorsOf = (stdout: string): Record<string, unknown> =>
      Object.fromEntries(
        (JSON.parse(stdout) as { hosts: Host[] }).hosts
          .filter((host) => host.ip !== undefined)
          .map((host): [string, unknown] => [host.ip ?? '', [host.vendor, host.vendorSource]]),
      );
    const plain = await run(['import', 'capture', 'plant.pcap', '--format', 'json'], { 'plant.pcap': ENIP });
    expect(vendorsOf(plain.stdout)).toMatchObject({
      '10.1.1.164': ['Rockwell Automation/Allen-Bradley', 'device-identity'],
      '10.1.1.167': [undefined, undefined],
      '192.168.1.22': ['Rockwell Automation', 'oui-builtin'],
    });
    const manuf = '# test table\n3C:A9:F4\tIntelCor\tIntel Corporate\nnot-a-prefix\tOops\n';
    const withTable = await run(['import', 'capture', 'plant.pcap', '--oui', 'manuf', '--format', 'json'], {
      'plant.pcap': ENIP,
      manuf,
    });
    expect(withTable.code).toBe(0);
    expect(withTable.stderr).toMatch(/manuf:3:1 warning oui-bad-prefix/);
    expect(vendorsOf(withTable.stdout)).toMatchObject({
      '10.1.1.167': ['Intel Corporate', 'oui-file'],
      '192.168.1.22': ['Rockwell Automation', 'oui-builtin'],
    });
    const text = await run(['import', 'capture', 'plant.pcap'], { 'plant.pcap': ENIP });
    expect(text.stdout).toMatch(/192\.168\.1\.22 .*vendor Rockwell Automation \(oui-builtin\)/);
  });

  it('exits 2 when the --oui table holds no prefix', async () => {
    const result = await run(['import', 'capture', 'plant.pcap', '--oui', 'empty.csv'], {
      'plant.pcap': ENIP,
      'empty.csv': 'Registry,Assignment,Organization Name,Organization Address\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('oui-no-entries');
    expect(result.stdout).toBe('');
  });

  it('gives new assets the vendor of their MAC prefix with --into', async () => {
    const result = await run(['import', 'capture', 'plant.pcap', '--into', 'plant.yaml'], {
      'plant.pcap': ENIP,
      'plant.yaml': PLANT,
    });
    expect(result.code).toBe(0);
    const file = parse(String(result.files.get('plant.yaml'))) as {
      assets: { id: string; vendor?: string; interfaces?: { ip?: string }[] }[];
    };
    const byIp = (ip: string) => file.assets.find((asset) => asset.interfaces?.[0]?.ip === ip);
    expect(byIp('192.168.1.22')?.vendor).toBe('Rockwell Automation');
    expect(byIp('10.1.1.164')?.vendor).toBe('Rockwell Automation/Allen-Bradley');
    expect(byIp('10.1.1.167')?.vendor).toBeUndefined();
  });

  it('keeps what was read from a truncated capture and names the byte offset', async () => {
    const truncated = ENIP.subarray(0, Math.floor(ENIP.length / 2));
    const result = await run(['import', 'capture', 'cut.pcap'], { 'cut.pcap': truncated });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/cut\.pcap@\d+ \w+ capture-truncated/);
    expect(result.stdout).toContain('TRUNCATED');
  });

  it('exits 2 when a file is not a capture at all', async () => {
    const result = await run(['import', 'capture', 'notes.pcap'], {
      'notes.pcap': 'this is not a capture file',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('capture-bad-magic');
  });
});
