import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttackCatalog } from './attack-catalog';
import { loadAttackCatalog } from './load-attack-catalog';
import { suggestMitigations } from './suggest-mitigations';

const BUNDLE = readFileSync(
  join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    '..',
    '..',
    '..',
    'shared',
    'data',
    'mitre-attack-ics',
    'ics-attack-18.1.json',
  ),
  'utf8',
);

const loadOrThrow = (json: string): AttackCatalog => {
  const result = loadAttackCatalog(json);
  if (!result.ok) throw new Error(result.diagnostics.map((item) => item.code).join(', '));
  return result.value;
};

const catalog = loadOrThrow(BUNDLE);

describe('loadAttackCatalog on the ATT&CK for ICS v18.1 bundle', () => {
  it('reads the release and counts only active objects', () => {
    expect(catalog.version).toBe('18.1');
    expect(catalog.name).toBe('ICS ATT&CK');
    expect(catalog.techniques).toHaveLength(83);
    expect(catalog.tactics).toHaveLength(12);
    expect(catalog.mitigations).toHaveLength(52);
    expect(catalog.assetTypes).toHaveLength(18);
    expect(catalog.counts.objects).toBe(1826);
    expect(catalog.counts.inactive).toBeGreaterThanOrEqual(12);
  });

  it('finds T0866 and T0886 with their names and tactics in matrix order', () => {
    const byId = new Map(catalog.techniques.map((technique) => [technique.id, technique]));
    expect(byId.get('T0866')).toMatchObject({
      name: 'Exploitation of Remote Services',
      tactics: ['TA0108', 'TA0109'],
      url: 'https://attack.mitre.org/techniques/T0866',
    });
    expect(byId.get('T0886')?.name).toBe('Remote Services');
    expect(catalog.tactics[0]).toMatchObject({ id: 'TA0108', name: 'Initial Access', order: 0 });
    expect(catalog.tactics.at(-1)).toMatchObject({ id: 'TA0105', name: 'Impact' });
  });

  it('gives techniques the asset types their targets relationships name', () => {
    const plc = catalog.assetTypes.find((asset) => asset.name === 'Programmable Logic Controller (PLC)');
    expect(plc?.relatedNames).toContain('Field Device / Controller');
    const targeting = catalog.techniques.filter((technique) => plc && technique.assetTypes.includes(plc.id));
    expect(targeting.map((technique) => technique.id)).toContain('T0866');
    expect(targeting.length).toBeGreaterThan(40);
  });

  it('reads the IEC 62443 labels of mitigations', () => {
    const labelled = catalog.mitigations.filter((mitigation) => mitigation.iec62443.length > 0);
    expect(labelled.length).toBeGreaterThanOrEqual(36);
    const segmentation = catalog.mitigations.find((mitigation) => mitigation.name === 'Network Segmentation');
    expect(segmentation?.systemRequirements).toEqual(['SR 5.1']);
    const sandboxing = catalog.mitigations.find(
      (mitigation) => mitigation.name === 'Application Isolation and Sandboxing',
    );
    expect(sandboxing?.iec62443).toEqual([
      { standard: 'IEC 62443-3-3', edition: '2013', requirement: 'SR 5.4' },
      { standard: 'IEC 62443-4-2', edition: '2019', requirement: 'CR 5.4' },
    ]);
    expect(sandboxing?.otherLabels).toEqual(['NIST SP 800-53 Rev. 5 - SI-3']);
    const requirements = new Set(catalog.mitigations.flatMap((mitigation) => mitigation.systemRequirements));
    expect(requirements.size).toBe(20);
  });

  it('relates mitigations to techniques', () => {
    expect(catalog.mitigates.length).toBeGreaterThan(300);
    const suggestions = suggestMitigations(catalog, ['T0866']);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((suggestion) => suggestion.techniques.includes('T0866'))).toBe(true);
    expect(suggestions.some((suggestion) => suggestion.systemRequirements.includes('SR 5.1'))).toBe(true);
  });

  it('ranks mitigations that cover more of the given techniques first and ignores unknown ids', () => {
    const suggestions = suggestMitigations(catalog, ['T0866', 't0886', 'T9999']);
    const counts = suggestions.map((suggestion) => suggestion.techniques.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(2);
    expect(suggestMitigations(catalog, [])).toEqual([]);
  });
});

/** A small bundle written the way another release might: other ids, the older `mitre-ics-attack` source name. */
const NEWER = JSON.stringify({
  type: 'bundle',
  id: 'bundle--1',
  objects: [
    {
      type: 'x-mitre-collection',
      id: 'x-mitre-collection--1',
      name: 'ICS ATT&CK',
      x_mitre_version: '19.0',
      modified: '2026-05-01T00:00:00Z',
    },
    {
      type: 'x-mitre-matrix',
      id: 'x-mitre-matrix--1',
      name: 'ATT&CK for ICS',
      tactic_refs: ['x-mitre-tactic--b', 'x-mitre-tactic--a'],
    },
    {
      type: 'x-mitre-tactic',
      id: 'x-mitre-tactic--a',
      name: 'Impact',
      x_mitre_shortname: 'impact',
      external_references: [{ source_name: 'mitre-attack', external_id: 'TA0105' }],
    },
    {
      type: 'x-mitre-tactic',
      id: 'x-mitre-tactic--b',
      name: 'Lift Off',
      x_mitre_shortname: 'lift-off',
      external_references: [{ source_name: 'mitre-attack', external_id: 'TA0199' }],
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--new',
      name: 'Rotor Overspeed',
      kill_chain_phases: [
        { kill_chain_name: 'mitre-ics-attack', phase_name: 'impact' },
        { kill_chain_name: 'mitre-ics-attack', phase_name: 'lift-off' },
      ],
      x_mitre_platforms: ['Field Controller/RTU/PLC/IED'],
      external_references: [
        {
          source_name: 'mitre-ics-attack',
          external_id: 'T0999',
          url: 'https://attack.mitre.org/techniques/T0999',
        },
      ],
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--old',
      name: 'Gone',
      revoked: true,
      external_references: [{ source_name: 'mitre-attack', external_id: 'T0998' }],
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--odd',
      name: 'Odd',
      kill_chain_phases: [{ kill_chain_name: 'x', phase_name: 'warp' }],
      external_references: [{ source_name: 'mitre-attack', external_id: 'T0997' }],
    },
    {
      type: 'course-of-action',
      id: 'course-of-action--m',
      name: 'Overspeed Trip',
      labels: ['IEC 62443-3-3:2026 - SR 3.1', 'IEC 62443-4-2:2019 - EDR 3.2'],
      external_references: [{ source_name: 'mitre-attack', external_id: 'M0999' }],
    },
    {
      type: 'course-of-action',
      id: 'course-of-action--n',
      name: 'Referenced',
      external_references: [
        { source_name: 'mitre-attack', external_id: 'M0998' },
        { source_name: 'IEC 62443-3-3', external_id: 'SR 7.6' },
      ],
    },
    {
      type: 'relationship',
      id: 'relationship--1',
      relationship_type: 'mitigates',
      source_ref: 'course-of-action--m',
      target_ref: 'attack-pattern--new',
    },
    {
      type: 'relationship',
      id: 'relationship--2',
      relationship_type: 'mitigates',
      source_ref: 'course-of-action--m',
      target_ref: 'attack-pattern--old',
    },
    {
      type: 'relationship',
      id: 'relationship--3',
      relationship_type: 'mitigates',
      source_ref: 'course-of-action--x',
      target_ref: 'attack-pattern--new',
    },
    { type: 'note' },
  ],
});

describe('loadAttackCatalog on a bundle of another release', () => {
  const result = loadAttackCatalog(NEWER, 'ics-attack-19.0.json');

  it('loads new ids, tactics and labels without code changes', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { value } = result;
    expect(value.version).toBe('19.0');
    expect(value.tactics.map((tactic) => tactic.id)).toEqual(['TA0199', 'TA0105']);
    expect(value.techniques.map((technique) => technique.id)).toEqual(['T0997', 'T0999']);
    expect(value.techniques[1]).toMatchObject({
      tactics: ['TA0199', 'TA0105'],
      platforms: ['Field Controller/RTU/PLC/IED'],
    });
    expect(value.mitigations.map((mitigation) => [mitigation.id, mitigation.systemRequirements])).toEqual([
      ['M0998', ['SR 7.6']],
      ['M0999', ['SR 3.1']],
    ]);
    expect(value.mitigates).toEqual([{ mitigation: 'M0999', technique: 'T0999' }]);
    expect(value.counts.inactive).toBe(1);
  });

  it('warns about objects, phases and references it cannot use', () => {
    expect(result.ok && result.warnings.map((warning) => warning.code).sort()).toEqual([
      'attack-dangling-reference',
      'attack-invalid-object',
      'attack-unknown-tactic',
    ]);
  });
});

describe('loadAttackCatalog on input that is not a catalog', () => {
  it('reports invalid JSON with its line and column', () => {
    const result = loadAttackCatalog(
      '{\n  "type": "bundle",\n  "objects": [\n    {"id": 1,}\n  ]\n}',
      'broken.json',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'attack-invalid-json',
        severity: 'error',
        file: 'broken.json',
        line: 4,
        column: 14,
      }),
    ]);
  });

  it.each([
    ['[]', 'attack-not-a-bundle'],
    ['{"type": "identity"}', 'attack-not-a-bundle'],
    ['{"type": "bundle", "objects": []}', 'attack-no-techniques'],
    ['', 'attack-invalid-json'],
  ])('rejects %s with %s', (json, code) => {
    const result = loadAttackCatalog(json);
    expect(!result.ok && result.diagnostics.map((item) => item.code)).toEqual([code]);
  });
});
