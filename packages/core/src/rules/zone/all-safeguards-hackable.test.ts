import { describe, expect, it } from 'vitest';
import { aScenario } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { allSafeguardsHackable } from './all-safeguards-hackable';

describe('zone/all-safeguards-hackable', () => {
  it('fires on the zone a flagged scenario is assessed in: its zone, else its first target zone', () => {
    const model = modelWith({
      threatScenarios: [
        aScenario({ id: 'ts-a', targets: ['plc-1'], hasOnlyHackableSafeguards: true }),
        aScenario({ id: 'ts-b', zone: 'dmz', targets: ['plc-1'], hasOnlyHackableSafeguards: true }),
      ],
    });
    const findings = fire(allSafeguardsHackable, model);
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/all-safeguards-hackable', subject: 'control', evidence: ['control', 'ts-a', 'plc-1'] },
      { ruleId: 'zone/all-safeguards-hackable', subject: 'dmz', evidence: ['dmz', 'ts-b', 'plc-1'] },
    ]);
    expect(findings.map((finding) => finding.id)).toEqual([
      'zone/all-safeguards-hackable@control#ts-a',
      'zone/all-safeguards-hackable@dmz#ts-b',
    ]);
  });

  it('does not fire for scenarios with a non-hackable safeguard or without the flag', () => {
    const model = modelWith({
      threatScenarios: [
        aScenario({ id: 'ts-a', targets: ['plc-1'], hasOnlyHackableSafeguards: false }),
        aScenario({ id: 'ts-b', targets: ['plc-1'] }),
      ],
    });
    expect(fire(allSafeguardsHackable, model)).toEqual([]);
  });
});
