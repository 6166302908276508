import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anAsset, aScenario, aSystem } from '@zonewise/core/testing';
import { describe, expect, it } from 'vitest';
import { fillScenarioTechniques } from './fill-scenario-techniques';
import { loadAttackCatalog } from './load-attack-catalog';
import {
  ATTACK_ASSET_NAMES_BY_KIND,
  suggestScenarioTechniques,
  techniquesTargetingKind,
} from './suggest-scenario-techniques';

const loaded = loadAttackCatalog(
  readFileSync(
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
  ),
);
if (!loaded.ok) throw new Error('the shared ATT&CK bundle does not load');
const catalog = loaded.value;
const ids = (suggestions: ReturnType<typeof suggestScenarioTechniques>) =>
  suggestions.map((item) => item.technique.id);

describe('techniquesTargetingKind', () => {
  it('matches asset kinds to ATT&CK asset types by name and synonym', () => {
    expect(techniquesTargetingKind(catalog, 'plc').has('T0866')).toBe(true);
    expect(techniquesTargetingKind(catalog, 'engineering-workstation').size).toBeGreaterThan(30);
    expect(techniquesTargetingKind(catalog, 'robot-controller').size).toBe(0);
  });

  it('knows an ATT&CK asset type for every kind it maps', () => {
    for (const kind of Object.keys(ATTACK_ASSET_NAMES_BY_KIND)) {
      expect(techniquesTargetingKind(catalog, kind).size, kind).toBeGreaterThan(0);
    }
  });
});

describe('suggestScenarioTechniques', () => {
  it('attaches a technique whose name the scenario uses and whose asset types the targets have', () => {
    const suggestions = suggestScenarioTechniques(
      catalog,
      {
        title: 'Default credentials on the PLC web server',
        description: 'The attacker changes the setpoint parameters.',
      },
      ['plc'],
    );
    expect(ids(suggestions)).toEqual(['T0812', 'T0836']);
    expect(suggestions[0]?.because).toContain('plc');
  });

  it('attaches a technique the scenario names by id, whatever its targets', () => {
    expect(ids(suggestScenarioTechniques(catalog, { title: 'Spread as in T0866' }, []))).toEqual(['T0866']);
  });

  it('does not attach on words in another order or far apart, nor on words many names share', () => {
    const text = { title: 'Stolen credentials used to change the remote PLC setpoints' };
    expect(ids(suggestScenarioTechniques(catalog, text, ['plc']))).toEqual([]);
  });

  it('does not attach techniques that target none of the kinds', () => {
    expect(
      ids(suggestScenarioTechniques(catalog, { title: 'Default credentials' }, ['robot-controller'])),
    ).toEqual([]);
  });
});

describe('fillScenarioTechniques', () => {
  const file = aSystem({
    assets: [
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'robot', kind: 'robot-controller', zone: 'control' }),
    ],
    threatScenarios: [
      aScenario({ id: 'ts-default', title: 'Default credentials on plc-1', targets: ['plc-1'] }),
      aScenario({
        id: 'ts-listed',
        title: 'Default credentials again',
        targets: ['plc-1'],
        techniques: ['T0859'],
      }),
      aScenario({ id: 'ts-robot', title: 'Default credentials on the robot', targets: ['robot'] }),
      aScenario({ id: 'ts-none', title: 'Something vague', targets: ['plc-1'] }),
      aScenario({ id: 'ts-untargeted', title: 'Default credentials somewhere' }),
    ],
  });
  const result = fillScenarioTechniques(file, catalog);

  it('fills empty technique lists it has evidence for and keeps the rest', () => {
    expect(result.file.threatScenarios?.map((scenario) => [scenario.id, scenario.techniques])).toEqual([
      ['ts-default', ['T0812']],
      ['ts-listed', ['T0859']],
      ['ts-robot', undefined],
      ['ts-none', undefined],
      ['ts-untargeted', undefined],
    ]);
  });

  it('says why each other scenario was skipped', () => {
    expect(result.filled.map((item) => item.scenario)).toEqual(['ts-default']);
    expect(result.skipped).toEqual([
      { scenario: 'ts-listed', reason: 'already lists techniques' },
      { scenario: 'ts-robot', reason: 'no ATT&CK asset type for target kinds robot-controller' },
      { scenario: 'ts-none', reason: 'no technique targeting plc is named in its title or description' },
      { scenario: 'ts-untargeted', reason: 'names no target assets' },
    ]);
  });
});
