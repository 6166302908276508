import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importFirewallCommand } from '../src/commands/import-firewall';
import { memoryIo } from '../src/io';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'ot-firewall-configs');
const WATER = 'water_treatment_secure.xml';
const PLASTICS = 'manufacturing_insecure.xml';
const configs = {
  [WATER]: readFileSync(join(DATA, WATER), 'utf8'),
  [PLASTICS]: readFileSync(join(DATA, PLASTICS), 'utf8'),
};

const ASSESSMENT = `# Water plant, started by hand
formatVersion: 1
system:
  name: Water plant
zones:
  - id: scada
    name: SCADA   # the existing name stays
    boundary:
      logical: VLAN 12, 10.100.1.0/24
`;

describe('zonewise import firewall', () => {
  it('prints zones, conduits with channels and rule positions, and notes as text', () => {
    const { io, output } = memoryIo(configs);
    expect(importFirewallCommand(io, [PLASTICS], { format: 'text' })).toBe(0);
    expect(output.stdout).toMatch(/^manufacturing_insecure\.xml: OPNsense PlasticsMfg-FW, 6 zone candidates/);
    expect(output.stdout).toMatch(/internet -> production-line-a {2}modbus-tcp tcp\/502 {2}\(rule 7\)/);
    expect(output.stdout).toMatch(/high {3}internet-inbound@filter-7 \(line 161\)/);
  });

  it('prints every file as JSON for machines', () => {
    const { io, output } = memoryIo(configs);
    expect(importFirewallCommand(io, [WATER, PLASTICS], { format: 'json' })).toBe(0);
    const json = JSON.parse(output.stdout) as {
      files: { file: string; zones: { id: string }[]; notes: unknown[] }[];
    };
    expect(json.files.map((file) => file.file)).toEqual([WATER, PLASTICS]);
    expect(json.files[0]?.zones.map((zone) => zone.id)).toContain('historian-dmz');
    expect(json.files[0]?.notes).toEqual([]);
  });

  it('merges into an assessment, reusing a zone that already names the network, and keeps comments', () => {
    const { io, output, files } = memoryIo({ ...configs, 'plant.yaml': ASSESSMENT });
    expect(importFirewallCommand(io, [WATER], { format: 'text', into: 'plant.yaml' })).toBe(0);
    const text = String(files.get('plant.yaml'));
    expect(text).toContain('# Water plant, started by hand');
    expect(text).toContain('# the existing name stays');
    const file = parse(text) as {
      zones: { id: string }[];
      conduits: { id: string; zones: string[]; enforcement: string[] }[];
    };
    const zoneIds = file.zones.map((zone) => zone.id);
    expect(zoneIds).toContain('historian-dmz');
    expect(zoneIds).not.toContain('scada-network-level-2-control');
    const conduit = file.conduits.find((item) => item.id === 'historian-dmz--scada-network-level-2-control');
    expect(conduit?.zones).toEqual(['historian-dmz', 'scada']);
    expect(conduit?.enforcement).toEqual(['firewall']);
    expect(output.stdout).toMatch(
      /= zone scada-network-level-2-control: network 10\.100\.1\.0\/24 is already zone scada/,
    );
    expect(output.stdout).toContain('updated plant.yaml');
  });

  it('gives an imported zone a new id when another kind of entity holds its id', () => {
    const withAsset = `${ASSESSMENT}assets:\n  - { id: historian-dmz, name: Historian, kind: historian, zone: scada }\n`;
    const { io, output, files } = memoryIo({ ...configs, 'plant.yaml': withAsset });
    expect(importFirewallCommand(io, [WATER], { format: 'text', into: 'plant.yaml' })).toBe(0);
    const file = parse(String(files.get('plant.yaml'))) as {
      zones: { id: string }[];
      conduits: { zones: string[] }[];
    };
    expect(file.zones.map((zone) => zone.id)).toContain('historian-dmz-2');
    expect(file.conduits.some((conduit) => conduit.zones.includes('historian-dmz-2'))).toBe(true);
    expect(output.stdout).toContain('historian-dmz names another entity');
  });

  it('adds nothing the second time and says why each candidate was skipped', () => {
    const { io, output } = memoryIo({ ...configs, 'plant.yaml': ASSESSMENT });
    importFirewallCommand(io, [PLASTICS], { format: 'text', into: 'plant.yaml' });
    output.stdout = '';
    expect(importFirewallCommand(io, [PLASTICS], { format: 'text', into: 'plant.yaml' })).toBe(0);
    expect(output.stdout).toMatch(/manufacturing_insecure\.xml: 0 added, \d+ skipped/);
    expect(output.stdout).toContain('- conduit internet--production-line-a: the id exists already');
    expect(output.stdout).toContain('! high internet-inbound@filter-7');
  });

  it('exits 2 with file:line:column for malformed XML and writes nothing', () => {
    const { io, output, files } = memoryIo({
      'bad.xml': '<opnsense>\n<interfaces>\n</opnsense>',
      'plant.yaml': ASSESSMENT,
    });
    expect(importFirewallCommand(io, ['bad.xml'], { format: 'text', into: 'plant.yaml' })).toBe(2);
    expect(output.stderr).toMatch(/^bad\.xml:3:\d+ error firewall-invalid-xml/m);
    expect(files.get('plant.yaml')).toBe(ASSESSMENT);
  });

  it('exits 2 for a missing file', () => {
    const { io } = memoryIo();
    expect(() => importFirewallCommand(io, ['nowhere.xml'], { format: 'text' })).toThrow(
      /nowhere\.xml: no such file/,
    );
  });
});
