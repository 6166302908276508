import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importAttackCommand } from '../src/commands/import-attack';
import { memoryIo } from '../src/io';

const BUNDLE = 'ics-attack-18.1.json';
const bundle = readFileSync(
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'mitre-attack-ics', BUNDLE),
  'utf8',
);

const ASSESSMENT = `# Compressor station
formatVersion: 1
system:
  name: Compressor station
zones:
  - { id: control, name: Control }
assets:
  - { id: plc-1, name: Unit PLC, kind: plc, zone: control }
  - { id: hmi-1, name: Operator HMI, kind: hmi, zone: control }
threatScenarios:
  - id: ts-default
    title: Default credentials on the unit PLC web server
    source: cybercriminal
    targets: [plc-1]
    likelihood: 3 # from the workshop
  - id: ts-listed
    title: Operator HMI taken over
    source: malicious-insider
    targets: [hmi-1]
    techniques: [T0875, T0859]
    likelihood: 2
  - id: ts-vague
    title: Something goes wrong
    source: malicious-insider
    targets: [plc-1]
    likelihood: 2
`;

describe('zonewise import attack', () => {
  it('prints the release, the counts and the techniques per tactic', () => {
    const { io, output } = memoryIo({ [BUNDLE]: bundle });
    expect(importAttackCommand(io, BUNDLE, { format: 'text' })).toBe(0);
    expect(output.stdout).toMatch(/^ics-attack-18\.1\.json: ICS ATT&CK 18\.1 \(ATT&CK spec 3\.3\.0\)/);
    expect(output.stdout).toContain('12 tactics, 83 techniques, 52 mitigations');
    expect(output.stdout).toMatch(/ {2}TA0108 {2}Initial Access +\d+ techniques/);
  });

  it('prints the whole catalog as JSON', () => {
    const { io, output } = memoryIo({ [BUNDLE]: bundle });
    expect(importAttackCommand(io, BUNDLE, { format: 'json' })).toBe(0);
    const catalog = JSON.parse(output.stdout) as { version: string; techniques: { id: string }[] };
    expect(catalog.version).toBe('18.1');
    expect(catalog.techniques.map((technique) => technique.id)).toContain('T0886');
  });

  it('fills empty scenario techniques conservatively and keeps the file as written elsewhere', () => {
    const { io, output, files } = memoryIo({ [BUNDLE]: bundle, 'station.yaml': ASSESSMENT });
    expect(importAttackCommand(io, BUNDLE, { format: 'text', into: 'station.yaml' })).toBe(0);
    const text = String(files.get('station.yaml'));
    expect(text).toContain('# from the workshop');
    const file = parse(text) as { threatScenarios: { id: string; techniques?: string[] }[] };
    expect(file.threatScenarios.map((scenario) => [scenario.id, scenario.techniques])).toEqual([
      ['ts-default', ['T0812']],
      ['ts-listed', ['T0875', 'T0859']],
      ['ts-vague', undefined],
    ]);
    expect(output.stdout).toContain('techniques filled for 1 of 3 threat scenarios');
    expect(output.stdout).toMatch(/\+ ts-default: T0812/);
    expect(output.stdout).toMatch(/mitigations: M\d{4} [^;]+\(SR \d/);
    expect(output.stdout).toContain(
      '= ts-vague: no technique targeting plc is named in its title or description',
    );
    expect(output.stdout).toContain('! ts-listed: T0875 is not an active technique of ICS ATT&CK 18.1');
  });

  it('exits 2 with file:line:column for a bundle that is not JSON', () => {
    const { io, output } = memoryIo({ 'bad.json': '{\n  "type": "bundle",\n  oops\n}' });
    expect(importAttackCommand(io, 'bad.json', { format: 'text' })).toBe(2);
    expect(output.stderr).toMatch(/^bad\.json:3:3 error attack-invalid-json/m);
  });

  it('exits 2 for JSON that is not a STIX bundle', () => {
    const { io, output } = memoryIo({ 'other.json': '{"hello": "world"}' });
    expect(importAttackCommand(io, 'other.json', { format: 'text' })).toBe(2);
    expect(output.stderr).toContain('error attack-not-a-bundle');
  });
});
