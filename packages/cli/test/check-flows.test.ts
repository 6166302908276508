import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlowsCommand } from '../src/commands/check-flows';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const ASSESSMENT = 'substation.yaml';
const CAPTURE = 'mms.pcap';
const files = {
  [ASSESSMENT]: readFileSync(join(import.meta.dirname, 'fixtures', 'check-flows', ASSESSMENT), 'utf8'),
  [CAPTURE]: readFileSync(join(SHARED, 'ics-pcaps', 'iti', 'iec61850', 'Sample_File_MMS_and_GOOSE.pcap')),
  'water.xml': readFileSync(join(SHARED, 'ot-firewall-configs', 'water_treatment_secure.xml'), 'utf8'),
};

const run = (
  options: Parameters<typeof checkFlowsCommand>[2],
  extra: Record<string, string | Uint8Array> = {},
  path = ASSESSMENT,
) => {
  const { io, output } = memoryIo({ ...files, ...extra });
  const code = checkFlowsCommand(io, path, options);
  return { code, ...output };
};

describe('zonewise check-flows --capture', () => {
  it('lists the drift between the substation design and the real capture, with stable ids', () => {
    const { code, stdout } = run({ capture: CAPTURE, format: 'json' });
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      findings: { id: string; severity: string }[];
      capture: { packets: number; summary: { channels: number; channelsObserved: number } };
    };
    expect(result.capture.packets).toBe(301);
    expect(result.capture.summary).toMatchObject({ channels: 4, channelsObserved: 3 });
    const ids = result.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.id);
    expect(ids).toEqual([
      'drift/flow-not-allowed@172.16.0.101>172.16.201.0/icmp',
      'drift/flow-not-allowed@172.16.0.101>172.16.201.0:161/udp',
      'drift/flow-not-allowed@172.16.0.101>172.16.202.0/icmp',
      'drift/flow-not-allowed@172.16.0.101>172.16.202.0:161/udp',
      'drift/unknown-host@172.16.201.0',
      'drift/unknown-host@172.16.201.6',
      'drift/unknown-host@172.16.201.7',
      'drift/unknown-host@172.16.201.8',
      'drift/unknown-host@172.16.202.0',
      'drift/unknown-host@172.16.0.122',
      'drift/channel-not-observed@station-bay-1#2',
    ]);
    const all = result.findings.map((finding) => finding.id);
    expect(all).toContain('drift/flow-not-modelled@172.16.0.101>172.16.201.4:102/tcp');
    expect(all).not.toContain('drift/flow-not-modelled@172.16.0.101>172.16.201.2:102/tcp');
    expect(
      all.some((id) => id.includes('>172.16.201.2:102/tcp') && id.startsWith('drift/flow-not-allowed')),
    ).toBe(false);
  });

  it('names the vendors of unknown hosts, from the built-in table or a full one with --oui', () => {
    const because = (stdout: string, id: string) =>
      (JSON.parse(stdout) as { findings: { id: string; because: string }[] }).findings.find(
        (finding) => finding.id === id,
      )?.because;
    const plain = run({ capture: CAPTURE, format: 'json' });
    expect(because(plain.stdout, 'drift/unknown-host@172.16.201.7')).toContain(
      '(MAC 00:02:a3:01:3b:b8, Hitachi Energy)',
    );
    expect(because(plain.stdout, 'drift/unknown-host@172.16.0.122')).toContain('(MAC 00:03:2d:01:e4:74)');
    const csv =
      'Registry,Assignment,Organization Name,Organization Address\nMA-L,00032D,IBASE Technology Inc.,Taipei TW\n';
    const withTable = run({ capture: CAPTURE, oui: 'oui.csv', format: 'json' }, { 'oui.csv': csv });
    expect(withTable.code).toBe(0);
    expect(because(withTable.stdout, 'drift/unknown-host@172.16.0.122')).toContain(
      '(MAC 00:03:2d:01:e4:74, IBASE Technology Inc.)',
    );
    expect(run({ capture: CAPTURE, oui: 'oui.csv', format: 'json' }, { 'oui.csv': '' }).code).toBe(2);
  });

  it('prints a text summary with coverage and one line per finding', () => {
    const { code, stdout } = run({ capture: CAPTURE, format: 'text' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^substation\.yaml vs capture mms\.pcap: 301 packets/);
    expect(stdout).toContain('channels observed 3 of 4');
    expect(stdout).toMatch(/Drift: 10 medium, 1 low, 6 info/);
    expect(stdout).toMatch(/ {2}low {6}drift\/channel-not-observed@station-bay-1#2/);
  });

  it('exits 1 with --fail-on drift when open drift of medium or above exists, 0 for a higher gate', () => {
    expect(run({ capture: CAPTURE, format: 'text', failOn: 'drift' })).toMatchObject({ code: 1 });
    expect(run({ capture: CAPTURE, format: 'text', failOn: 'drift:high' }).code).toBe(0);
    expect(run({ capture: CAPTURE, format: 'text', failOn: 'drift:low' }).code).toBe(1);
  });

  it('does not fail on drift that the file triages', () => {
    const triaged = `${files[ASSESSMENT]}triage:\n${[
      'drift/flow-not-allowed@172.16.0.101>172.16.201.0/icmp',
      'drift/flow-not-allowed@172.16.0.101>172.16.201.0:161/udp',
      'drift/flow-not-allowed@172.16.0.101>172.16.202.0/icmp',
      'drift/flow-not-allowed@172.16.0.101>172.16.202.0:161/udp',
      'drift/unknown-host@172.16.0.122',
      'drift/unknown-host@172.16.201.0',
      'drift/unknown-host@172.16.201.6',
      'drift/unknown-host@172.16.201.7',
      'drift/unknown-host@172.16.201.8',
      'drift/unknown-host@172.16.202.0',
    ]
      .map(
        (id) => `  - { finding: "${id}", status: accepted, justification: Station maintenance traffic. }\n`,
      )
      .join('')}`;
    const result = run(
      { capture: CAPTURE, format: 'text', failOn: 'drift' },
      { 'triaged.yaml': triaged },
      'triaged.yaml',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('drift/unknown-host@172.16.0.122 [accepted]');
  });

  it('judges drift triage itself: orphaned entries of the checks run warn, others and assess stay quiet', async () => {
    const entry = (id: string) => `  - { finding: "${id}", status: accepted, justification: Known. }\n`;
    const triaged = `${files[ASSESSMENT]}triage:\n${[
      'drift/unknown-host@172.16.0.122',
      'drift/unknown-host@172.16.0.123',
      'drift/firewall-allows-unmodelled@wan>scada:tcp/502',
    ]
      .map(entry)
      .join('')}`;
    const result = run({ capture: CAPTURE, format: 'text' }, { 'triaged.yaml': triaged }, 'triaged.yaml');
    expect(result.code).toBe(0);
    const orphans = result.stderr.split('\n').filter((line) => line.includes('orphan-triage'));
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toMatch(/^triaged\.yaml:\d+:\d+ warning orphan-triage triage\[1\]\.finding/);

    const { io, output } = memoryIo({ 'triaged.yaml': triaged });
    expect(await runCli(['assess', 'triaged.yaml', '--format', 'json'], io)).toBe(0);
    const assessment = JSON.parse(output.stdout) as { warnings: { code: string }[] };
    expect(assessment.warnings.map((warning) => warning.code)).not.toContain('orphan-triage');
  });

  it('exits 2 on a capture it cannot read, naming the byte offset', () => {
    const result = run(
      { capture: 'junk.pcap', format: 'text' },
      { 'junk.pcap': new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^junk\.pcap@0 error capture-/m);
  });
});

describe('zonewise check-flows --firewall', () => {
  const WATER = `formatVersion: 1
system: { name: Water plant }
zones:
  - { id: scada, name: SCADA, boundary: { logical: 10.100.1.0/24 } }
  - { id: field, name: Field, boundary: { logical: 10.100.3.0/24 } }
conduits:
  - id: scada-field
    name: SCADA to field
    zones: [scada, field]
    channels:
      - { protocol: modbus-tcp, port: 502, transport: tcp, from: scada, to: field }
      - { protocol: dnp3, port: 20000, transport: tcp, from: scada, to: field }
`;

  it('compares the conduits with the channels the firewall rules allow', () => {
    const { code, stdout } = run(
      { firewall: 'water.xml', format: 'json' },
      { 'water.yaml': WATER },
      'water.yaml',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      findings: { id: string }[];
      firewall: { zoneMapping: Record<string, string[]> };
    };
    expect(result.firewall.zoneMapping['field-devices-level-0-i-o']).toEqual(['field']);
    const ids = result.findings.map((finding) => finding.id);
    expect(ids).toContain('drift/channel-blocked-by-firewall@scada-field#1');
    expect(ids).toContain('drift/firewall-allows-unmodelled@field>scada:tcp/502');
    expect(ids).toContain('drift/firewall-zone-not-modelled@historian-dmz');
    expect(ids).not.toContain('drift/channel-blocked-by-firewall@scada-field#0');
  });

  it('exits 2 with file:line:column when the firewall configuration is malformed', () => {
    const result = run(
      { firewall: 'bad.xml', format: 'text' },
      { 'bad.xml': '<opnsense>\n<filter>\n</opnsense>' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\.xml:3:\d+ error firewall-invalid-xml/m);
  });
});

describe('zonewise check-flows usage', () => {
  it('needs a capture or a firewall configuration', () => {
    expect(() => run({ format: 'text' })).toThrow(/--capture/);
  });

  it('rejects an unknown gate', () => {
    expect(() => run({ capture: CAPTURE, format: 'text', failOn: 'findings:high' })).toThrow(/drift/);
  });

  it('exits 2 when the assessment does not resolve', () => {
    const result = run(
      { capture: CAPTURE, format: 'text' },
      { 'broken.yaml': 'formatVersion: 1\nzones: 3\n' },
      'broken.yaml',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken\.yaml:\d+:\d+ error/m);
  });
});
